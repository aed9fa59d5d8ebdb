import { carrierFromPlatform } from '../carrier';
import type { Shipment, Tracking } from '../model';
import { isoTime } from '../time';
import { arr, firstStr, obj, str } from '../values';
import type { Json } from '../values';
import { shopifyAddress } from './customer';
import { orderNumberFromName, shopifyLineItems } from './order';

/** A Shopify fulfillment (`fulfillments/create|update`) as a shipment with every tracking number it carries. */
export function shopifyShipment(payload: Json, currency: string | null = null): Shipment {
	const numbers = arr(payload.tracking_numbers).map(str).filter((n): n is string => n !== null);
	const single = str(payload.tracking_number);
	if (single && !numbers.includes(single)) numbers.unshift(single);
	const urls = arr(payload.tracking_urls).map(str);
	const carrier = carrierFromPlatform(payload.tracking_company);
	const trackings: Tracking[] = numbers.map((trackingNumber, i) => ({
		trackingNumber,
		trackingUrl: urls[i] ?? (i === 0 ? str(payload.tracking_url) : null),
		carrier: { ...carrier },
	}));
	return {
		id: str(payload.id),
		orderId: str(payload.order_id),
		orderNumber: orderNumberFromName(payload.name),
		trackingNumber: trackings[0]?.trackingNumber ?? null,
		carrier,
		trackingUrl: trackings[0]?.trackingUrl ?? firstStr(payload.tracking_url),
		trackingNumbers: numbers,
		trackings,
		shippedAt: isoTime(payload.created_at),
		estimatedDelivery: null,
		status: firstStr(payload.shipment_status, payload.status),
		lineItems: shopifyLineItems(payload.line_items, currency),
		shippingAddress: shopifyAddress(obj(payload.destination)),
	};
}
