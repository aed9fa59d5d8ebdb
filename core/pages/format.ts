/** Numbers, money, dates and durations on the pages, in the page's language. */
import type { PageLanguage } from './shell';

const LOCALE: Record<PageLanguage, string> = { de: 'de-DE', en: 'en-GB' };

export function formatCount(n: number, language: PageLanguage): string {
	return new Intl.NumberFormat(LOCALE[language]).format(n);
}

export function formatPercent(fraction: number, language: PageLanguage): string {
	return new Intl.NumberFormat(LOCALE[language], { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** A decimal string in its currency (`12.5`, `EUR` → "12,50 €"); an unknown currency code is written after the number. */
export function formatMoney(amount: string, currency: string, language: PageLanguage, digits = 2): string {
	const n = Number(amount);
	try {
		if (/^[A-Z]{3}$/.test(currency)) return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
	} catch {
		// Not a currency Intl knows: fall through to the plain number.
	}
	return `${new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)} ${currency}`.trim();
}

/** A calendar day (YYYY-MM-DD) as "02.12.2026" or "2 Dec 2026". */
export function formatDay(day: string, language: PageLanguage, short = false): string {
	const date = new Date(`${day}T12:00:00Z`);
	const options: Intl.DateTimeFormatOptions = short ? { day: 'numeric', month: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
	return new Intl.DateTimeFormat(LOCALE[language], options).format(date);
}

/** Hours as "3 d 4 h" / "3 T 4 Std."; under a day in hours only. */
export function formatHours(hours: number, language: PageLanguage): string {
	const d = Math.floor(hours / 24);
	const h = hours % 24;
	const [dl, hl] = language === 'de' ? ['T', 'Std.'] : ['d', 'h'];
	return d > 0 ? `${d} ${dl} ${h} ${hl}` : `${h} ${hl}`;
}

/** A time as "02.12.2026, 14:05" in the shop's time zone. */
export function formatTime(iso: string, language: PageLanguage, timeZone = 'UTC'): string {
	return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}
