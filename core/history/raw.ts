import { InputError, RemoteError } from '../shared/errors';

type Json = Record<string, unknown>;

/** A raw order as an object; an `InputError` (the order is skipped) when it is none. */
export function rawObject(value: unknown): Json {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
	throw new InputError('The shop sent an order that is not a JSON object.');
}

/** The order list of a page: `body[field]` (or the body itself when `field` is null); a shop answering anything else is an error. */
export function ordersIn(body: unknown, field: string | null, service: string): unknown[] {
	const list = field === null ? body : body && typeof body === 'object' ? (body as Json)[field] : undefined;
	if (Array.isArray(list)) return list;
	throw new RemoteError(service, `${service} answered without an order list`, {
		hint: 'Check the shop URL in the shop credential: it must be the shop itself, not its admin page or a redirect.',
	});
}
