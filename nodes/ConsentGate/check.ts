import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DEFAULT_OPTIONS, MAX_DEFERRALS, gateBatch } from '../../core/consent';
import type { ConsentCustomer, ConsentOptions, ConsentRequest } from '../../core/consent';
import { InputError } from '../../core/shared/errors';
import { maskText } from '../../core/shared/mask';
import { systemClock } from '../../core/shared/clock';
import { errorText, toNodeError } from '../shared/errors';
import { getJourneyStore } from '../shared/storeFromCredential';

const OUTPUT = { send: 0, deferred: 1, suppressed: 2 } as const;

function list(value: unknown): string[] {
	return String(value ?? '')
		.split(/[\s,;]+/)
		.map((s) => s.trim().toUpperCase())
		.filter(Boolean);
}

function minutes(value: unknown, field: string): number | undefined {
	const s = String(value ?? '').trim();
	if (!s) return undefined;
	const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(s);
	if (!m || Number(m[1]) * 60 + Number(m[2]) > 1440) throw new InputError(`"${s}" is not a time like 09:30`, field, 'Use 24-hour time, e.g. 10:00 or 18:30.');
	return Number(m[1]) * 60 + Number(m[2]);
}

/** Node options → core options; read from the first item, they are node-wide settings. */
export function readOptions(o: IDataObject): { options: ConsentOptions; evaluateAt?: Date } {
	const start = minutes(o.windowStart, 'options.windowStart');
	const end = minutes(o.windowEnd, 'options.windowEnd');
	const options: ConsentOptions = {
		...DEFAULT_OPTIONS,
		allowTransactionalAfterStop: o.allowTransactionalAfterStop === true,
		allowSoftOptIn: o.allowSoftOptIn === true,
		useShopConsentFlags: o.useShopConsentFlags !== false,
		countryAllowList: list(o.countryAllowList),
		doubleOptInCountries: o.doubleOptInCountries === undefined ? DEFAULT_OPTIONS.doubleOptInCountries : list(o.doubleOptInCountries),
		defaultCountry: o.defaultCountry ? String(o.defaultCountry).trim().toUpperCase() : undefined,
		capPer24h: o.capPer24h === undefined ? DEFAULT_OPTIONS.capPer24h : Math.max(1, Number(o.capPer24h)),
		capPer30d: o.capPer30d === undefined ? DEFAULT_OPTIONS.capPer30d : Math.max(1, Number(o.capPer30d)),
		overCap: o.overCap === 'suppress' ? 'suppress' : 'defer',
		window: start !== undefined || end !== undefined ? [start ?? 0, end ?? 1440] : undefined,
		days: Array.isArray(o.sendDays) ? o.sendDays.map(Number) : [],
		holdTransactionalOvernight: o.holdTransactionalOvernight === true,
		strictContent: o.strictContent === true,
	};
	let evaluateAt: Date | undefined;
	if (o.evaluateAt) {
		evaluateAt = new Date(String(o.evaluateAt));
		if (Number.isNaN(evaluateAt.getTime())) throw new InputError(`"${String(o.evaluateAt)}" is not a date and time`, 'options.evaluateAt');
	}
	return { options, evaluateAt };
}

/**
 * How often this item has already come back deferred from this very gate: the templates loop Deferred → Wait → gate,
 * and the count lets the gate stop a loop whose Wait does not wait.
 */
function deferralsOf(json: IDataObject, gate: string): number {
	const prior = json.consent as IDataObject | undefined;
	if (!prior || typeof prior !== 'object' || prior.decision !== 'deferred' || prior.gate !== gate) return 0;
	const n = Number(prior.deferrals);
	return Number.isInteger(n) && n > 0 ? n : 1;
}

function objectOf(value: unknown): IDataObject | null {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : null;
}

function customerOf(json: IDataObject): ConsentCustomer | null {
	return objectOf(json.customer) as ConsentCustomer | null;
}

/** The canonical order's or shipment's shipping address: where the customer lives when the customer record does not say. */
function shippingAddressOf(json: IDataObject): ConsentRequest['shippingAddress'] {
	const address = objectOf(objectOf(json.order)?.shippingAddress) ?? objectOf(objectOf(json.shipment)?.shippingAddress);
	if (!address) return null;
	const text = (v: unknown) => (typeof v === 'string' ? v : null);
	return { country: text(address.country), region: text(address.region) };
}

function originOf(json: IDataObject): ConsentRequest['origin'] {
	const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
	const platform = text(json.platform);
	const eventId = text(json.eventId);
	return platform || eventId ? { platform, eventId } : null;
}

export async function executeCheck(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], [], []];
	const pending: Array<{ index: number; request: ConsentRequest }> = [];
	let settings: ReturnType<typeof readOptions> | undefined;
	const gate = this.getNode().name;

	for (let i = 0; i < items.length; i++) {
		try {
			const o = this.getNodeParameter('options', i, {}) as IDataObject;
			settings ??= readOptions(o);
			pending.push({
				index: i,
				request: {
					channel: this.getNodeParameter('channel', i) as 'sms' | 'email',
					purpose: this.getNodeParameter('purpose', i) as 'marketing' | 'transactional',
					recipient: String(this.getNodeParameter('recipient', i, '') ?? ''),
					journeyStep: String(this.getNodeParameter('journeyStep', i, '') ?? '') || null,
					messageText: String(this.getNodeParameter('messageText', i, '') ?? '') || null,
					customer: customerOf(items[i].json),
					shippingAddress: shippingAddressOf(items[i].json),
					origin: originOf(items[i].json),
					urgent: o.urgent === true,
					deferrals: deferralsOf(items[i].json, gate),
				},
			});
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, i);
			if (!this.continueOnFail()) throw nodeError;
			outputs[0].push({ json: { error: errorText(nodeError) }, error: nodeError, pairedItem: { item: i } });
		}
	}
	if (pending.length === 0) return outputs;

	const store = await getJourneyStore(this);
	const { options, evaluateAt } = settings ?? readOptions({});
	let decisions;
	try {
		decisions = await gateBatch(store, pending.map((p) => p.request), options, systemClock, { evaluateAt });
	} catch (error) {
		const nodeError = toNodeError(this.getNode(), error, pending[0].index);
		if (!this.continueOnFail()) throw nodeError;
		for (const p of pending) outputs[0].push({ json: { error: errorText(nodeError) }, error: nodeError, pairedItem: { item: p.index } });
		return outputs;
	}

	for (let k = 0; k < pending.length; k++) {
		const { index } = pending[k];
		const d = decisions[k];
		const consent: IDataObject = {
			decision: d.decision,
			reason: d.reason,
			jurisdiction: d.jurisdiction,
			timezone: d.timezone,
			localTime: d.localTime,
			sendAt: d.sendAt,
			policyVersion: d.policyVersion,
			purpose: d.purpose,
			rule: d.rule,
			warnings: d.warnings,
		};
		if (d.detail) consent.detail = d.detail;
		if (d.decision === 'deferred') Object.assign(consent, { gate, deferrals: d.deferrals });
		if (d.reason === 'deferred_too_often') {
			this.logger.warn(`Consent Gate "${gate}": item ${index} left by Suppressed after ${MAX_DEFERRALS} deferrals in a row; ${d.detail ?? ''}`);
		}
		if (d.warnings.some((w) => w.startsWith('marketing_content'))) {
			this.logger.warn(maskText(`Consent Gate: item ${index} is declared transactional but looks like marketing (${d.warnings.join('; ')})`));
		}
		outputs[OUTPUT[d.decision]].push({ json: { ...items[index].json, consent }, pairedItem: { item: index } });
	}
	return outputs;
}
