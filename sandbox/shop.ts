/**
 * The sandbox shop: a Shopify webhook delivery signed with the sandbox secret, a carrier push signed like AfterShip
 * signs it, and a customer who lives where it is daytime now. Shared by `npm run demo` and the end-to-end tests.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { CARRIER_PUSH_SECRET, SHOP_SECRET } from './config';

/**
 * Marketing waits for daytime where the customer lives: the customer lives where it is daytime now (09:00–18:59 in
 * one of three zones that together cover the whole day), so a reminder goes out whenever the suite or the demo runs.
 * Quiet hours themselves are tested in-process.
 */
const PLACES = [
	{ country: 'GB', zone: 'Europe/London', phone: (n: number) => `+447400${String(100000 + (n % 900000))}` },
	{ country: 'JP', zone: 'Asia/Tokyo', phone: (n: number) => `+8190${String(10000000 + (n % 90000000))}` },
	{ country: 'PE', zone: 'America/Lima', phone: (n: number) => `+519${String(10000000 + (n % 90000000))}` },
];

export type Place = (typeof PLACES)[number];

export function daytimePlace(): Place {
	return PLACES.find((p) => {
		const hour = DateTime.now().setZone(p.zone).hour;
		return hour >= 9 && hour < 19;
	})!;
}

/** Posts `raw` as a Shopify webhook of `topic`, signed with the sandbox shop's secret; a redelivery repeats `webhookId`. */
export async function postShopify(url: string, topic: string, raw: string, webhookId: string = randomUUID()): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-shopify-topic': topic,
			'x-shopify-hmac-sha256': createHmac('sha256', SHOP_SECRET).update(raw).digest('base64'),
			'x-shopify-shop-domain': 'beispiel-shop.myshopify.com',
			'x-shopify-api-version': '2025-07',
			'x-shopify-webhook-id': webhookId,
		},
		body: raw,
	});
}

/** A parcel's new status as AfterShip pushes it (`OutForDelivery`, `Delivered` …) to a Tracking Update Trigger. */
export async function postCarrierPush(url: string, trackingNumber: string, tag: string): Promise<Response> {
	const raw = JSON.stringify({
		event: 'tracking_update',
		msg: { tracking_number: trackingNumber, tag, subtag: `${tag}_001`, checkpoints: [{ checkpoint_time: new Date().toISOString(), tag, message: tag, city: 'Berlin', country_iso3: 'DEU' }] },
	});
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'aftership-hmac-sha256': createHmac('sha256', CARRIER_PUSH_SECRET).update(raw).digest('base64') },
		body: raw,
	});
}
