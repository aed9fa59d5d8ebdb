import type { OrderRecord, SentVoucher } from '../store';
import type { Candidate } from './candidate';
import { reorderUrl } from './reorderLink';
import type { DueMode } from './settings';

/**
 * The item a due reminder becomes: the canonical trigger shape `{ event, platform, receivedAt, eventId, due }` plus
 * the customer and the order it is about, so Consent Gate, SMS Compose and Email Compose read it like any other
 * trigger's item (`due.product.title`, `due.product.url`, `coupon.code`). `step` is the journey step it starts.
 */

export interface DueCustomer {
	id: string | null;
	email: string | null;
	phone: string | null;
	firstName: string | null;
	lastName: string | null;
	locale: string | null;
	country: string | null;
	timezone: string | null;
	/** Marketing consent as the shop reported it with the order; the Consent Gate weighs it against its ledger. */
	consent?: Record<string, unknown>;
}

export interface DueProduct {
	sku: string;
	productId: string | null;
	variantId: string | null;
	title: string | null;
	quantity: number;
	/** The reorder link when there is one, else the shop URL. */
	url: string | null;
}

export interface DueOutput {
	event: `${DueMode}.due`;
	step: DueMode;
	platform: string;
	receivedAt: string;
	eventId: string;
	customer: DueCustomer;
	order: { id: string; placedAt: string; currency: string | null; total: string | null; discountCodes: string[]; lineItems: OrderRecord['lines'] };
	due: {
		step: DueMode;
		dueAt: string;
		product?: DueProduct;
		/** Replenishment: the cart permalink / add-to-cart URL / product page (null when the shop data has no ids). */
		reorderUrl?: string | null;
		/** Replenishment: where the interval comes from (`configured` or `learned`) and, when learned, on how many customers. */
		interval?: { source: 'configured' | 'learned'; daysPerUnit: number; repeatCustomers: number | null };
		/** Win-back: the lapse (days without an order) and what it was measured by. */
		lapse?: { basis: 'fixed' | 'own_median'; days: number; medianDays: number | null; orders: number | null; lastOrderAt: string };
	};
	/** Win-back: the newest voucher we sent that no later order redeemed. */
	coupon?: { code: string; sentAt: string; channel: string; journeyStep: string; source: 'unredeemed' };
}

function customerOf(order: OrderRecord): DueCustomer {
	const c = order.contact;
	const subject = order.subject;
	return {
		id: order.customerId,
		email: c.email ?? (subject?.includes('@') ? subject : null),
		phone: c.phone ?? (subject && !subject.includes('@') ? subject : null),
		firstName: c.firstName ?? null,
		lastName: c.lastName ?? null,
		locale: c.locale ?? null,
		country: c.country ?? null,
		timezone: c.timezone ?? null,
		...(c.consent ? { consent: c.consent } : {}),
	};
}

export function dueOutput(candidate: Candidate, order: OrderRecord, now: Date, shopUrl: string | null, voucher?: SentVoucher): DueOutput {
	const out: DueOutput = {
		event: `${candidate.mode}.due`,
		step: candidate.mode,
		platform: order.platform,
		receivedAt: now.toISOString(),
		eventId: candidate.key,
		customer: customerOf(order),
		order: {
			id: order.orderId,
			placedAt: order.placedAt.toISOString(),
			currency: order.currency,
			total: order.total,
			discountCodes: order.discountCodes,
			lineItems: order.lines,
		},
		due: { step: candidate.mode, dueAt: candidate.dueAt.toISOString() },
	};
	if (candidate.sku) {
		const lines = order.lines.filter((l) => l.sku === candidate.sku && l.quantity > 0);
		const quantity = candidate.quantity ?? lines.reduce((n, l) => n + l.quantity, 0);
		const link = candidate.mode === 'replenishment' ? reorderUrl(order.platform, shopUrl, lines.map((l) => ({ productId: l.productId, variantId: l.variantId, quantity: l.quantity }))) : null;
		out.due.product = {
			sku: candidate.sku,
			productId: lines[0]?.productId ?? null,
			variantId: lines[0]?.variantId ?? null,
			title: lines[0]?.title ?? null,
			quantity,
			url: link ?? shopUrl,
		};
		if (candidate.mode === 'replenishment') out.due.reorderUrl = link;
	}
	if (candidate.interval) {
		const i = candidate.interval;
		out.due.interval = { source: i.source, daysPerUnit: i.daysPerUnit, repeatCustomers: i.source === 'learned' ? i.repeatCustomers : null };
	}
	if (candidate.lapse) out.due.lapse = { ...candidate.lapse, lastOrderAt: candidate.placedAt.toISOString() };
	if (voucher) out.coupon = { code: voucher.code, sentAt: voucher.sentAt.toISOString(), channel: voucher.channel, journeyStep: voucher.journeyStep, source: 'unredeemed' };
	return out;
}
