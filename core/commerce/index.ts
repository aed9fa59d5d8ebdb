import type { CommerceAdapter } from './adapter';
import type { Platform } from './model';
import { shopifyAdapter } from './shopify';
import { shopwareAdapter } from './shopware';
import { wooAdapter } from './woocommerce';

export * from './model';
export type { AdaptContext, AdaptedEvent, AdaptResult, CommerceAdapter, HeaderMap, SignatureScheme } from './adapter';
export { header } from './adapter';
export { CLAIM_TTL_MS, MAX_BODY_BYTES, receiveDelivery } from './receive';
export type { ClaimStore, ReceiveInput, ReceiveOutcome } from './receive';
export { findPayment, PAYMENT_NAMESPACE, paymentOf, recordPayment } from './payments';
export { applyToOrderHistory } from './orderHistory';
export type { PaymentStore, RecordedPayment } from './payments';
export { createCustomAdapter, CUSTOM_EVENTS } from './custom';
export type { CustomAdapterOptions } from './custom';
export { shopifyAdapter, SHOPIFY_API_VERSION, SHOPIFY_TOPICS, shopifyDiscountRequests, shopifyTopicsFor, shopifyWebhookRequests } from './shopify';
export { wooAdapter, WOO_API_BASE, WOO_TOPICS, wooTopicsFor, wooWebhookRequests } from './woocommerce';
export { shopwareAdapter, SHOPWARE_TOPICS } from './shopware';
export type { ApiRequest } from './shopify/api';
export { normalizeReturnReason } from './reason';
export { toE164 } from './phone';
export { carrierFromPlatform } from './carrier';
export { carrierCodeFromName, withDetectedCarrier } from './shipmentCarrier';
export type { ShipmentCarrierOptions } from './shipmentCarrier';

/** The built-in platform adapters (Custom JSON is built per trigger from its settings). */
export function platformAdapter(platform: Exclude<Platform, 'custom'>): CommerceAdapter {
	switch (platform) {
		case 'shopify':
			return shopifyAdapter;
		case 'woocommerce':
			return wooAdapter;
		case 'shopware':
			return shopwareAdapter;
	}
}
