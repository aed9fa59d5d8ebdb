import type { IDataObject } from 'n8n-workflow';
import { languageForCountry } from '../../../core/shared/language';

/** Reading the canonical model's fields a review request needs, whatever trigger the item came from. */

export function obj(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/** The customer's language: the shop's locale, else the country's main language. */
export function languageOf(json: IDataObject): string | undefined {
	const customer = obj(json.customer);
	return text(customer.locale) ?? languageForCountry(text(customer.country)) ?? undefined;
}

export function orderIdOf(json: IDataObject): string | undefined {
	return text(obj(json.review).orderId) ?? text(obj(json.order).id) ?? text(obj(json.shipment).orderId) ?? text(obj(json.tracking).orderId) ?? text(obj(json.return).orderId);
}

export function subjectsOf(json: IDataObject): string[] {
	const customer = obj(json.customer);
	return [text(customer.phone), text(customer.email)].filter((s): s is string => !!s);
}
