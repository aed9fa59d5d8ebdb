/**
 * Decimal money strings summed exactly: amounts are added as integers of 1/10000 (the precision of SMS prices), so
 * 0.1 + 0.2 is 0.30, never 0.30000000000000004.
 */
const SCALE = 10_000;

export function toUnits(amount: string | number | null | undefined): number {
	const n = Number(amount);
	return Number.isFinite(n) ? Math.round(n * SCALE) : 0;
}

export function fromUnits(units: number, decimals = 2): string {
	return (units / SCALE).toFixed(decimals);
}

/** Sums per currency: `{ EUR: units }`. */
export class MoneyByCurrency {
	readonly units = new Map<string, number>();

	add(currency: string | null | undefined, amount: string | number | null | undefined): void {
		const key = currency || '';
		this.units.set(key, (this.units.get(key) ?? 0) + toUnits(amount));
	}

	merge(other: MoneyByCurrency): void {
		for (const [currency, units] of other.units) this.units.set(currency, (this.units.get(currency) ?? 0) + units);
	}

	/** `{ EUR: "12.50" }`, currencies sorted. */
	toJson(decimals = 2): Record<string, string> {
		return Object.fromEntries([...this.units.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, u]) => [c || '?', fromUnits(u, decimals)]));
	}
}
