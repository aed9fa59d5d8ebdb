/**
 * "Send Once Per" without expressions: which value of the item narrows "this step, once per customer" to "once per
 * order" (or shipment, or return). `auto` is what the round-1 default expression did: the order id, else the
 * tracking number, else the return id.
 */
export type OncePer = 'auto' | 'order' | 'shipment' | 'return' | 'ever' | 'custom';

type Json = Record<string, unknown>;

const field = (json: Json, entity: string, key: string): string | undefined => {
	const o = json[entity];
	const v = o && typeof o === 'object' && !Array.isArray(o) ? (o as Json)[key] : undefined;
	return v === undefined || v === null || v === '' ? undefined : String(v);
};

/** The value a claim is narrowed by ('' = once ever); `custom` is the marketer's own value. */
export function onceValue(json: Json, per: OncePer, custom = ''): string {
	const order = () => field(json, 'order', 'id') ?? field(json, 'shipment', 'orderId') ?? field(json, 'return', 'orderId');
	const shipment = () => field(json, 'shipment', 'trackingNumber') ?? field(json, 'tracking', 'trackingNumber');
	const ret = () => field(json, 'return', 'id');
	switch (per) {
		case 'order':
			return order() ?? '';
		case 'shipment':
			return shipment() ?? '';
		case 'return':
			return ret() ?? '';
		case 'ever':
			return '';
		case 'custom':
			return String(custom ?? '').trim();
		default:
			return field(json, 'order', 'id') ?? shipment() ?? ret() ?? '';
	}
}
