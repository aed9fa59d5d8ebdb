import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { askedScale, checkTiming, checkTimingPerItem, DEFAULT_TIMING_RULES, isRatingScale } from '../../../core/review';
import type { TimingDecision, TimingItem, TimingRules } from '../../../core/review';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';
import type { ItemResult } from '../../shared/itemLoop';
import { languageOf, obj, orderIdOf, subjectsOf, text } from './item';

const OUTPUT = { ask_now: 0, ask_later: 1, skip: 2 } as const;

const fields: INodeProperties[] = [
	{
		displayName: 'Days After Delivery',
		name: 'delayDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 5,
		description: 'How many days after the parcel arrived to ask, so the customer had time to try the order. Without tracking, the delivery day is the shipping day plus the transit days in Options.',
	},
	{
		displayName: 'Ask Per',
		name: 'askPer',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Line Item', value: 'lineItem', description: 'One ask per product (up to the maximum), each when its own delay has passed' },
			{ name: 'Order', value: 'order', description: 'One ask for the whole order, naming up to the maximum number of products' },
		],
		default: 'order',
		description: 'Whether to ask once per order or once per product',
	},
	{
		displayName: 'Max Products',
		name: 'maxItems',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'The most products one order is asked about; those that take longest to try come first',
	},
	{
		displayName: 'Skip Customers Asked Within (Days)',
		name: 'cooldownDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'Do not ask a customer who got a review request (SMS or e-mail) within this many days. 0 = no limit.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Delivered At',
				name: 'deliveredAt',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.tracking.deliveredAt }}',
				description: 'When the parcel arrived. Leave empty to read it from a delivered tracking event, or to count from the shipping day when there is none.',
			},
			{
				displayName: 'Max Age (Days)',
				name: 'maxAgeDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description: 'Do not ask about deliveries older than this, e.g. imported old orders. 0 = no limit.',
			},
			{
				displayName: 'Product Delays',
				name: 'productDelays',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add product delay',
				description: 'Products or categories that need longer (or shorter) before asking, e.g. coffee after 21 days',
				options: [
					{
						displayName: 'Delay',
						name: 'delay',
						values: [
							{ displayName: 'SKU, Product ID or Category', name: 'match', type: 'string', default: '', placeholder: 'e.g. KAF-HAUS-500' },
							{ displayName: 'Days After Delivery', name: 'delayDays', type: 'number', typeOptions: { minValue: 0 }, default: 14 },
						],
					},
				],
			},
			{
				displayName: 'Rating Scale',
				name: 'ratingScale',
				type: 'options',
				options: [
					{ name: '0 to 10', value: 'zero_to_ten' },
					{ name: 'Automatic (German: School Grades, Others: Stars)', value: 'auto' },
					{ name: 'School Grades 1 to 6 (1 = Best)', value: 'grades_1_6' },
					{ name: 'Stars 1 to 5 (5 = Best)', value: 'stars_1_5' },
				],
				default: 'auto',
				description: 'The scale the ask names. SMS Compose says it in the text and remembers it, so Parse Reply reads a "1" right.',
			},
			{
				displayName: 'Returned Products',
				name: 'returnedProducts',
				type: 'string',
				default: '',
				placeholder: 'e.g. TS-1, 8812345678901',
				description: 'SKUs or product IDs returned or refunded, comma-separated; they are never asked about. Refunded orders and return events are recognised on their own.',
			},
			{
				displayName: 'Transit Days Without Tracking',
				name: 'transitDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description: 'Without a delivery date, the parcel is taken to arrive this many days after it shipped',
			},
		],
	},
];

export const description = showFor({ operation: ['checkTiming'] }, fields);

function date(value: unknown, field: string): Date | null {
	const s = text(value);
	if (!s) return null;
	const d = new Date(s);
	if (Number.isNaN(d.getTime())) throw new InputError(`"${s}" is not a date and time`, field, 'Use an ISO 8601 time such as 2026-03-10T14:00:00+01:00.');
	return d;
}

/** Delivered: the option, else a delivered tracking or shipment event. */
function deliveredAtOf(json: IDataObject, option: unknown): Date | null {
	const given = date(option, 'options.deliveredAt');
	if (given) return given;
	const tracking = obj(json.tracking);
	const shipment = obj(json.shipment);
	const explicit = date(tracking.deliveredAt ?? shipment.deliveredAt, 'deliveredAt');
	if (explicit) return explicit;
	const delivered = /delivered/.test(String(json.event ?? '')) || tracking.status === 'delivered';
	return delivered ? date(tracking.statusAt ?? tracking.updatedAt ?? json.receivedAt, 'receivedAt') : null;
}

function shippedAtOf(json: IDataObject): Date | null {
	const shipment = obj(json.shipment);
	return date(shipment.shippedAt ?? obj(json.order).fulfilledAt ?? (String(json.event ?? '').startsWith('shipment.') ? json.receivedAt : undefined), 'shipment.shippedAt');
}

function itemsOf(json: IDataObject, returned: Set<string>): TimingItem[] {
	const lines = (obj(json.order).lineItems ?? obj(json.shipment).lineItems ?? obj(json.tracking).lineItems ?? []) as IDataObject[];
	if (!Array.isArray(lines)) return [];
	for (const r of (obj(json.return).items ?? []) as IDataObject[]) for (const k of [text(r.sku), text(r.productId)]) if (k) returned.add(k.toLowerCase());
	return lines.map((line) => {
		const item: TimingItem = { sku: text(line.sku), productId: text(line.productId), title: text(line.title), category: text(line.category), quantity: Number(line.quantity ?? 1) };
		const refunded = Number(line.refundedQuantity ?? 0) >= Number(line.quantity ?? 1) && Number(line.refundedQuantity ?? 0) > 0;
		item.returned = refunded || [item.sku, item.productId].some((k) => k && returned.has(k.toLowerCase()));
		return item;
	});
}

function rulesOf(ctx: IExecuteFunctions, i: number, options: IDataObject): TimingRules {
	const rows = (obj(options.productDelays).delay ?? []) as IDataObject[];
	return {
		delayDays: Number(ctx.getNodeParameter('delayDays', i, DEFAULT_TIMING_RULES.delayDays)),
		per: ctx.getNodeParameter('askPer', i, 'order') === 'lineItem' ? 'line_item' : 'order',
		maxItems: Math.max(1, Number(ctx.getNodeParameter('maxItems', i, DEFAULT_TIMING_RULES.maxItems))),
		cooldownDays: Number(ctx.getNodeParameter('cooldownDays', i, DEFAULT_TIMING_RULES.cooldownDays)),
		transitDays: Number(options.transitDays ?? DEFAULT_TIMING_RULES.transitDays),
		maxAgeDays: Number(options.maxAgeDays ?? DEFAULT_TIMING_RULES.maxAgeDays),
		overrides: rows.filter((r) => text(r.match)).map((r) => ({ match: String(r.match), delayDays: Number(r.delayDays ?? 0) })),
	};
}

function toResult(json: IDataObject, d: TimingDecision, base: IDataObject): ItemResult {
	const products = d.items.map((p) => ({ sku: p.sku ?? null, productId: p.productId ?? null, title: p.title ?? null }));
	const review: IDataObject = { ...base, decision: d.decision, products, productIds: d.items.map((p) => p.productId ?? p.sku).filter(Boolean) };
	if (d.decision === 'skip') review.reason = d.reason;
	else Object.assign(review, { askAt: d.askAt.toISOString(), basis: d.basis });
	return { output: OUTPUT[d.decision], json: { ...json, review } };
}

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	return forEachItem(this, 3, async (i, item) => {
		const json = item.json;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const rules = rulesOf(this, i, options);
		const returned = new Set(String(options.returnedProducts ?? '').split(/[\s,;]+/).filter(Boolean).map((s) => s.toLowerCase()));
		const subjects = subjectsOf(json);
		const [lastAskedAt, ratedProducts] = subjects.length
			? await Promise.all([store.ratings.lastAskedAt(subjects), store.ratings.ratedProducts(subjects)])
			: [null, new Set<string>()];
		const order = obj(json.order);
		const input = {
			now: new Date(),
			deliveredAt: deliveredAtOf(json, options.deliveredAt),
			shippedAt: shippedAtOf(json),
			orderReturned: order.financialStatus === 'refunded' || obj(json.return).status === 'refunded',
			items: itemsOf(json, returned),
			lastAskedAt,
			ratedProducts,
		};
		const chosen = String(options.ratingScale ?? 'auto');
		const language = languageOf(json);
		const scale = isRatingScale(chosen) ? chosen : askedScale({}, language);
		const base: IDataObject = { orderId: orderIdOf(json) ?? null, scale, language: language ?? null };
		const decisions = rules.per === 'line_item' ? checkTimingPerItem(input, rules) : [checkTiming(input, rules)];
		return decisions.map((d) => toResult(json, d, base));
	});
}
