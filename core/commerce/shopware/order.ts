import { shopwareDiscountCodes } from '../discounts';
import { InputError } from '../../shared/errors';
import { address, email, emptyCustomer, placeCustomer } from '../customer';
import { countryCode, toLocale } from '../locale';
import type { Address, Customer, LineItem, Order } from '../model';
import { currencyCode, money } from '../money';
import { pickPhone } from '../phone';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, path, str } from '../values';
import type { Json } from '../values';

/** A Shopware 6 `order_address` entity (billing address or a delivery's `shippingOrderAddress`). */
export function shopwareAddress(value: unknown): Address | null {
	const a = obj(value);
	if (!a) return null;
	const country = countryCode(path(a, 'country.iso'));
	return address({
		firstName: a.firstName,
		lastName: a.lastName,
		company: a.company,
		address1: a.street,
		address2: firstStr(a.additionalAddressLine1, a.additionalAddressLine2),
		city: a.city,
		postalCode: a.zipcode,
		// Country states are `DE-BY`, `US-CA`; keep the part after the country.
		region: str(path(a, 'countryState.shortCode'))?.replace(/^[A-Z]{2}-/, '') ?? null,
		country,
		phone: a.phoneNumber,
	});
}

export function shopwareBilling(order: Json): Address | null {
	const id = str(order.billingAddressId);
	const fromList = arr(order.addresses).map((a) => obj(a) ?? {}).find((a) => id && a.id === id);
	return shopwareAddress(order.billingAddress ?? fromList ?? null);
}

export function shopwareShipping(order: Json): Address | null {
	const delivery = obj(arr(order.deliveries)[0]);
	return shopwareAddress(delivery?.shippingOrderAddress ?? null);
}

export function shopwareCustomer(order: Json, shipping: Address | null, billing: Address | null): Customer {
	const oc = obj(order.orderCustomer) ?? {};
	const rawBilling = obj(order.billingAddress) ?? {};
	const rawShipping = obj(path(order, 'deliveries.0.shippingOrderAddress')) ?? {};
	const country = billing?.country ?? shipping?.country ?? null;
	const { phone, raw } = pickPhone([rawBilling.phoneNumber, rawShipping.phoneNumber], country);
	const customer = emptyCustomer();
	customer.id = firstStr(oc.customerId, oc.customerNumber);
	customer.email = email(oc.email);
	customer.phone = phone;
	customer.phoneRaw = raw;
	customer.firstName = firstStr(oc.firstName, billing?.firstName);
	customer.lastName = firstStr(oc.lastName, billing?.lastName);
	customer.country = country;
	customer.region = billing?.region ?? shipping?.region ?? null;
	customer.locale = toLocale(path(order, 'language.locale.code'), country);
	return placeCustomer(customer, billing, shipping);
}

export function shopwareCurrency(order: Json): string | null {
	return currencyCode(path(order, 'currency.isoCode'));
}

export function shopwareLineItems(order: Json, currency: string | null): LineItem[] {
	return arr(order.lineItems)
		.map((raw) => obj(raw) ?? {})
		.filter((li) => (str(li.type) ?? 'product') === 'product')
		.map((li, i) => ({
			sku: firstStr(path(li, 'payload.productNumber'), path(li, 'product.productNumber')),
			productId: str(li.productId) ?? str(li.referencedId),
			variantId: null,
			title: str(li.label),
			quantity: int(li.quantity, 1),
			unitPrice: money(li.unitPrice ?? path(li, 'price.unitPrice'), currency, `lineItems[${i}].unitPrice`),
		}));
}

const TRANSACTION_STATE: Record<string, string> = {
	open: 'pending',
	in_progress: 'pending',
	reminded: 'pending',
	unconfirmed: 'pending',
	authorized: 'authorized',
	paid: 'paid',
	paid_partially: 'partially_paid',
	refunded: 'refunded',
	refunded_partially: 'partially_refunded',
	cancelled: 'voided',
	failed: 'failed',
	chargeback: 'chargeback',
};

export function shopwareOrder(order: Json, shopUrl: string | null): Order {
	const id = str(order.id);
	if (!id) throw new InputError('The Shopware order has no "id".', 'data.payload.order.id');
	const currency = shopwareCurrency(order);
	const transactions = arr(order.transactions).map((t) => obj(t) ?? {});
	const state = str(path(transactions[transactions.length - 1], 'stateMachineState.technicalName'));
	const invoice = arr(order.documents)
		.map((d) => obj(d) ?? {})
		.find((d) => path(d, 'documentType.technicalName') === 'invoice');
	return {
		id,
		number: str(order.orderNumber),
		placedAt: isoTime(order.orderDateTime),
		currency,
		total: money(order.amountTotal ?? path(order, 'price.totalPrice'), currency, 'amountTotal'),
		financialStatus: state ? (TRANSACTION_STATE[state] ?? state) : null,
		lineItems: shopwareLineItems(order, currency),
		shippingAddress: shopwareShipping(order),
		billingAddress: shopwareBilling(order),
		invoiceNumber: firstStr(path(invoice, 'config.documentNumber'), invoice?.documentNumber),
		// Guests reach their order through the deep link code; logged-in customers through their account.
		statusUrl: shopUrl && str(order.deepLinkCode) ? `${shopUrl.replace(/\/+$/, '')}/account/order/${str(order.deepLinkCode)}` : null,
		discountCodes: shopwareDiscountCodes(order),
	};
}
