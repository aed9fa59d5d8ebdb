import type { DeliveryEstimate, JourneyStepId } from '../journey';
import type { Brand, Language } from './model';

/** What the e-mail templates are built from: plain data, mapped by the node from the canonical trigger output. */

/**
 * The template: a journey-step id of the registry (`order_received`, `shipped` …) or a value saved workflows hold
 * (the Email Compose node's `orderConfirmation`, `shipping` … of version 1), or `custom`.
 */
export type TemplateKind =
	| 'orderConfirmation'
	| 'shipping'
	| 'delivered'
	| 'reviewRequest'
	| 'returnReceived'
	| 'cartReminder'
	| 'replenishment'
	| 'winBack'
	| 'custom'
	| JourneyStepId;

export type ConfirmationStyle = 'simple' | 'welcome' | 'reassuring' | 'enticing' | 'crossSell';
export type EmailPurpose = 'transactional' | 'marketing';

export interface LineItemInput {
	title?: string;
	quantity?: number | string;
	unitPrice?: string | number;
	/** Line total when the shop reports it (discounts included); otherwise unitPrice × quantity. */
	total?: string | number;
	sku?: string;
	variant?: string;
	imageUrl?: string;
}

export interface ProductInput {
	title?: string;
	url?: string;
	imageUrl?: string;
	price?: string | number;
	currency?: string;
}

export interface TemplateInput {
	template: TemplateKind;
	style?: ConfirmationStyle;
	lang: Language;
	/** BCP 47 locale for money and dates, e.g. `de-DE`; defaults to the language. */
	locale?: string;
	timezone?: string;
	purpose: EmailPurpose;
	brand: Brand;
	customer?: { firstName?: string; lastName?: string };
	order?: {
		number?: string;
		id?: string;
		currency?: string;
		total?: string | number;
		subtotal?: string | number;
		shippingTotal?: string | number;
		discountTotal?: string | number;
		taxTotal?: string | number;
		lineItems?: LineItemInput[];
		statusUrl?: string;
	};
	shipment?: {
		trackingNumber?: string;
		carrierName?: string;
		trackingUrl?: string;
		/** One date, or the carrier's window; said the same way as in the SMS (`core/journey`). */
		estimatedDelivery?: string | DeliveryEstimate;
		/** Where the carrier left a delivered parcel (Tracking Update Trigger `tracking.deliveredTo`: `neighbour`, `parcel_shop` …). */
		deliveredTo?: string;
	};
	return?: {
		status?: string;
		items?: Array<{ title?: string; sku?: string; quantity?: number | string }>;
		refund?: { amount?: string | number; currency?: string };
	};
	cart?: { recoveryUrl?: string; currency?: string; total?: string | number; lineItems?: LineItemInput[] };
	product?: { title?: string; url?: string; imageUrl?: string };
	couponCode?: string;
	couponNote?: string;
	referralCode?: string;
	crossSell?: ProductInput[];
	reviewUrl?: string;
	/** A link with `{rating}` in it turns the review request into one-click star buttons. */
	ratingUrl?: string;
	shopUrl?: string;
	unsubscribeUrl?: string;
	/** Override the built-in subject / preheader / opening paragraph. */
	subject?: string;
	preheader?: string;
	intro?: string;
	custom?: { subject?: string; preheader?: string; heading?: string; text?: string; html?: string; buttonLabel?: string; buttonUrl?: string };
}
