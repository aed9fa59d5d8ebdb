import { carrierFromPlatform } from '../carrier';
import type { Return, Shipment } from '../model';
import { absMoney, currencyCode, money } from '../money';
import { normalizeReturnReason } from '../reason';
import { isoTime } from '../time';
import { arr, firstStr, obj, str } from '../values';
import type { Json } from '../values';
import { wooAddress, wooLineItems, wooMeta } from './order';

/**
 * Shipments and refunds hidden in a WooCommerce order. Core WooCommerce has no shipment object; the widely used
 * Shipment Tracking extensions (WooCommerce Shipment Tracking, Advanced Shipment Tracking) keep one entry per
 * parcel in the `_wc_shipment_tracking_items` order meta.
 */
export function wooShipments(payload: Json): Array<{ key: string; shipment: Shipment }> {
	const orderId = str(payload.id);
	const currency = currencyCode(payload.currency);
	const shipping = wooAddress(payload.shipping);
	const orderNumber = firstStr(payload.number, payload.id);
	const lineItems = wooLineItems(payload.line_items, currency);
	const items = arr(wooMeta(payload, '_wc_shipment_tracking_items')).map((i) => obj(i) ?? {});
	const out: Array<{ key: string; shipment: Shipment }> = [];
	for (const item of items) {
		const trackingNumber = str(item.tracking_number);
		if (!trackingNumber) continue;
		const carrier = carrierFromPlatform(firstStr(item.custom_tracking_provider, item.tracking_provider));
		const trackingUrl = firstStr(item.custom_tracking_link, item.formatted_tracking_link, item.ast_tracking_link);
		out.push({
			key: `shipment:${orderId}:${firstStr(item.tracking_id) ?? trackingNumber}`,
			shipment: {
				id: str(item.tracking_id),
				orderId,
				orderNumber,
				trackingNumber,
				carrier,
				trackingUrl,
				trackingNumbers: [trackingNumber],
				trackings: [{ trackingNumber, trackingUrl, carrier: { ...carrier } }],
				shippedAt: isoTime(item.date_shipped),
				estimatedDelivery: null,
				status: 'shipped',
				lineItems,
				shippingAddress: shipping,
			},
		});
	}
	if (out.length === 0 && str(payload.status) === 'completed') {
		// Completed without tracking data: still the shop's "shipped" moment.
		out.push({
			key: `shipment:${orderId}:completed`,
			shipment: {
				id: null,
				orderId,
				orderNumber,
				trackingNumber: null,
				carrier: carrierFromPlatform(null),
				trackingUrl: null,
				trackingNumbers: [],
				trackings: [],
				shippedAt: isoTime(payload.date_completed_gmt, 'utc'),
				estimatedDelivery: null,
				status: 'shipped',
				lineItems,
				shippingAddress: shipping,
			},
		});
	}
	return out;
}

/** Refunds: the order's `refunds` list (`{id, reason, total}` with a negative total), one event per refund. */
export function wooRefunds(payload: Json): Array<{ key: string; ret: Return }> {
	const orderId = str(payload.id);
	const currency = currencyCode(payload.currency);
	const orderNumber = firstStr(payload.number, payload.id);
	const refunds = arr(payload.refunds).map((r) => obj(r) ?? {});
	const gateway = firstStr(payload.payment_method, payload.payment_method_title);
	const out: Array<{ key: string; ret: Return }> = [];
	for (const [i, r] of refunds.entries()) {
		const id = str(r.id);
		if (!id) continue;
		const reasonRaw = str(r.reason);
		out.push({
			key: `refund:${id}`,
			ret: {
				id,
				orderId,
				orderNumber,
				status: 'refunded',
				items: [],
				reason: normalizeReturnReason(reasonRaw),
				refund: { amount: absMoney(money(r.total, currency, `refunds[${i}].total`)) ?? '0', currency, paymentGateway: gateway },
				requestedAt: null,
			},
		});
	}
	if (out.length === 0 && str(payload.status) === 'refunded') {
		out.push({
			key: `refund:${orderId}:full`,
			ret: {
				id: `${orderId}-refund`,
				orderId,
				orderNumber,
				status: 'refunded',
				items: [],
				reason: 'other',
				refund: { amount: money(payload.total, currency, 'total') ?? '0', currency, paymentGateway: gateway },
				requestedAt: isoTime(payload.date_modified_gmt, 'utc'),
			},
		});
	}
	return out;
}
