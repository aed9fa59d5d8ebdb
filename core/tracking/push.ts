import { mapAftership } from '../carriers/clients/aftership';
import { map17 } from '../carriers/clients/seventeenTrack';
import type { CarrierApiConfig, NormalizedTracking } from '../carriers';
import { verifyHmac, verifyKeyedDigest } from '../shared/signature';

/**
 * Carrier pushes to the Tracking Update Trigger: AfterShip webhooks (`aftership-hmac-sha256`: HMAC-SHA256 of the raw
 * body with the webhook secret, base64) and 17TRACK pushes (`sign`: SHA-256 hex of `<raw body>/<security key>`).
 * Verified on the raw bytes before anything is parsed; a push reports one tracking number in the provider's own
 * tracking shape, which the clients' mappers already read.
 */

export type PushOutcome =
	| { kind: 'rejected'; status: 400 | 401 | 500; reason: string }
	| { kind: 'ignored'; reason: string }
	| { kind: 'update'; provider: 'aftership' | '17track'; trackingNumber: string; tracking: NormalizedTracking };

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
	const v = headers[name];
	return Array.isArray(v) ? v[0] : v;
};
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function readPush(raw: Buffer, headers: Headers, config: CarrierApiConfig): PushOutcome {
	const aftership = header(headers, 'aftership-hmac-sha256');
	const sign = header(headers, 'sign');
	let provider: 'aftership' | '17track';
	if (aftership !== undefined) {
		const v = verifyHmac({ algorithm: 'sha256', encoding: 'base64', secrets: [config.aftershipWebhookSecret ?? ''], payload: raw, signature: aftership });
		if (!v.valid) return v.reason === 'missing_secret' ? { kind: 'rejected', status: 500, reason: 'AfterShip webhook secret not configured' } : { kind: 'rejected', status: 401, reason: 'Invalid signature' };
		provider = 'aftership';
	} else if (sign !== undefined) {
		const v = verifyKeyedDigest({ secrets: [config.seventeenTrackApiKey ?? ''], payload: raw, signature: sign, join: (body, key) => `${body}/${key}` });
		if (!v.valid) return v.reason === 'missing_secret' ? { kind: 'rejected', status: 500, reason: '17TRACK key not configured' } : { kind: 'rejected', status: 401, reason: 'Invalid signature' };
		provider = '17track';
	} else {
		return { kind: 'rejected', status: 401, reason: 'Missing signature' };
	}
	let body: Record<string, unknown>;
	try {
		body = obj(JSON.parse(raw.toString('utf8')));
	} catch {
		return { kind: 'rejected', status: 400, reason: 'Malformed JSON' };
	}
	if (provider === 'aftership') {
		const msg = obj(body.msg);
		const number = typeof msg.tracking_number === 'string' ? msg.tracking_number : '';
		if (!number) return { kind: 'ignored', reason: 'no tracking number' };
		return { kind: 'update', provider, trackingNumber: number.replace(/\s+/g, '').toUpperCase(), tracking: mapAftership(msg) };
	}
	if (body.event !== 'TRACKING_UPDATED') return { kind: 'ignored', reason: `event ${String(body.event ?? 'none')}` };
	const data = obj(body.data);
	const number = typeof data.number === 'string' ? data.number : '';
	if (!number) return { kind: 'ignored', reason: 'no tracking number' };
	return { kind: 'update', provider, trackingNumber: number.replace(/\s+/g, '').toUpperCase(), tracking: map17(data) };
}
