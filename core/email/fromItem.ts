import { deliveryEstimateOf } from '../journey';
import { localeForCountry } from '../shared/language';
import type { LineItemInput, TemplateInput } from './input';

/**
 * Reads what an e-mail needs from an item in the canonical model (trigger output: `customer`, `order`, `shipment`,
 * `return`, `cart`, `due`). Tolerant on purpose: items may also come from a Set node or a custom source, so every
 * field is optional and a few common alternative names are accepted.
 */

type Json = Record<string, unknown>;

const obj = (value: unknown): Json | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const str = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));
const money = (value: unknown): string | number | undefined => {
	if (typeof value === 'number' || typeof value === 'string') return value === '' ? undefined : value;
	const o = obj(value);
	return o ? money(o.amount) : undefined;
};

export type ItemData = Pick<TemplateInput, 'customer' | 'order' | 'shipment' | 'return' | 'cart' | 'product'> & {
	email?: string;
	locale?: string;
	timezone?: string;
};

export function templateInputFromItem(json: Json): ItemData {
	const order = obj(json.order);
	const shipment = obj(json.shipment) ?? obj(json.tracking);
	const ret = obj(json.return);
	const cart = obj(json.cart);
	const due = obj(json.due);
	const customer = obj(json.customer) ?? obj(order?.customer) ?? obj(cart?.customer) ?? obj(due?.customer) ?? obj(ret?.customer);
	const data: ItemData = {
		email: str(customer?.email) ?? str(json.email) ?? str(cart?.email),
		locale: str(customer?.locale) ?? localeForCountry(str(customer?.country) ?? str(obj(shipment?.shippingAddress)?.country) ?? str(obj(order?.shippingAddress)?.country)) ?? undefined,
		timezone: str(customer?.timezone),
		customer: customer ? { firstName: str(customer.firstName), lastName: str(customer.lastName) } : undefined,
	};
	if (order || shipment || ret) {
		data.order = {
			number: str(order?.number) ?? str(shipment?.orderNumber) ?? str(ret?.orderNumber),
			id: str(order?.id) ?? str(shipment?.orderId) ?? str(ret?.orderId),
			currency: str(order?.currency),
			total: money(order?.total),
			subtotal: money(order?.subtotal),
			shippingTotal: money(order?.shippingTotal),
			discountTotal: money(order?.discountTotal),
			taxTotal: money(order?.taxTotal),
			lineItems: lineItems(order?.lineItems),
			statusUrl: str(order?.statusUrl),
		};
	}
	if (shipment) {
		const carrier = obj(shipment.carrier);
		data.shipment = {
			trackingNumber: str(shipment.trackingNumber),
			carrierName: str(carrier?.name) ?? str(shipment.carrier),
			trackingUrl: str(shipment.trackingUrl),
			// The whole window, read where the SMS reads it, so both channels name the same days.
			estimatedDelivery: deliveryEstimateOf(json),
			deliveredTo: str(obj(json.tracking)?.deliveredTo),
		};
	}
	if (ret) {
		const refund = obj(ret.refund);
		data.return = {
			status: str(ret.status),
			items: Array.isArray(ret.items) ? ret.items.map((i) => obj(i) ?? {}).map((i) => ({ title: str(i.title), sku: str(i.sku), quantity: Number(i.quantity ?? 1) })) : undefined,
			refund: refund ? { amount: money(refund.amount), currency: str(refund.currency) } : undefined,
		};
	}
	if (cart) {
		data.cart = {
			recoveryUrl: str(cart.recoveryUrl) ?? str(cart.checkoutUrl) ?? str(cart.url),
			currency: str(cart.currency),
			total: money(cart.total),
			// The Cart Abandoned Trigger names them `items` (title, image, quantity, price).
			lineItems: lineItems(cart.lineItems ?? cart.items),
		};
	}
	if (due) {
		const product = obj(due.product) ?? obj(Array.isArray(due.lineItems) ? due.lineItems[0] : undefined);
		data.product = {
			title: str(product?.title) ?? str(due.title),
			url: str(product?.url) ?? str(due.reorderUrl) ?? str(product?.reorderUrl),
			imageUrl: str(product?.imageUrl),
		};
	}
	return data;
}

function lineItems(value: unknown): LineItemInput[] | undefined {
	if (!Array.isArray(value)) return undefined;
	return value.map((raw) => {
		const item = obj(raw) ?? {};
		return {
			title: str(item.title) ?? str(item.name),
			quantity: (item.quantity as number | string | undefined) ?? 1,
			unitPrice: money(item.unitPrice) ?? money(item.price),
			total: money(item.total),
			sku: str(item.sku),
			variant: str(item.variantTitle) ?? str(item.variant),
			imageUrl: str(item.imageUrl) ?? str(item.image),
		};
	});
}
