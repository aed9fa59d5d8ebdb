/**
 * Return events for the return templates, sent the way a shop on "Custom JSON" sends them (Shopify's return and
 * refund webhooks carry no customer, so the templates' messages need a shop that names one): the template's
 * Return Received Trigger is switched to Custom JSON with a plain mapping, the body signed with HMAC-SHA256 (hex).
 */
import { createHmac } from 'node:crypto';
import type { WorkflowJson } from './harness';

export const RETURN_MAPPING = '={{ { event: $json.body.event, eventId: $json.body.eventId, return: $json.body.return, customer: $json.body.customer } }}';

/** The template as shipped, with its trigger on Custom JSON (and on `credential`, when given). */
export function onCustomJson(workflow: WorkflowJson, credential?: { id: string; name: string }): WorkflowJson {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes.filter((n) => n.type === 'n8n-nodes-post-purchase.returnReceivedTrigger')) {
		node.parameters = {
			...node.parameters,
			platform: 'custom',
			customMapping: RETURN_MAPPING,
			customDedupeKey: '={{ $json.body.eventId }}',
			verifySignature: true,
			customSignature: { algorithm: 'sha256', encoding: 'hex', header: 'x-signature' },
		};
		if (credential) node.credentials = { postPurchaseShopApi: credential };
	}
	return copy;
}

export interface ReturnEventInput {
	event: 'return.requested' | 'return.received' | 'return.approved' | 'refund.created';
	/** Unique per test: order, return and customer are derived from it. */
	n: number;
	reason?: string;
	reasons?: string[];
	locale?: string;
	smsConsent?: boolean;
	refund?: { amount: string; currency: string; paymentMethod?: string };
}

export function returnEvent(input: ReturnEventInput) {
	const phone = `+49152${String(40000000 + (input.n % 10_000_000)).slice(0, 8)}`;
	const email = `retoure${input.n}@example.de`;
	const orderNumber = `R${input.n}`;
	const reasons = input.reasons ?? [input.reason ?? 'other'];
	const payload = {
		event: input.event,
		eventId: `${input.event}:${input.n}`,
		return: {
			id: `ret-${input.n}`,
			orderId: `order-${input.n}`,
			orderNumber,
			reason: reasons[0],
			items: reasons.map((reason, i) => ({ sku: `SKU-${i}`, title: `Artikel ${i + 1}`, quantity: 1, reason })),
			refund: input.refund,
		},
		customer: {
			email,
			phone,
			firstName: 'Mia',
			locale: input.locale ?? 'de-DE',
			country: 'DE',
			consent: { sms: { marketing: input.smsConsent ?? true, optInLevel: 'confirmed_opt_in' }, email: { marketing: true, optInLevel: 'confirmed_opt_in' } },
		},
	};
	const body = JSON.stringify(payload);
	return { body, email, phone, orderNumber, headers: signedHeaders(body) };
}

export function signedHeaders(body: string, secret = 'shpss_test_4f1c2e9a7b3d5f60'): Record<string, string> {
	return { 'content-type': 'application/json', 'x-signature': createHmac('sha256', secret).update(body).digest('hex') };
}
