/**
 * Typed errors thrown by the core. Only `nodes/shared/errors.ts` turns them into n8n errors, so the core stays
 * framework-free. Messages are written for marketers and must never contain a phone number or e-mail in clear
 * (use `mask.ts`).
 */

export type CoreErrorCode =
	| 'invalid_input'
	| 'invalid_recipient'
	| 'configuration'
	| 'signature'
	| 'remote'
	| 'rate_limited'
	| 'store';

export class CoreError extends Error {
	readonly code: CoreErrorCode;
	/** The input field the problem is about, e.g. `customer.phone`. */
	readonly field?: string;
	/** A longer hint on how to fix it, shown as the n8n error description. */
	readonly hint?: string;

	constructor(code: CoreErrorCode, message: string, options: { field?: string; hint?: string; cause?: unknown } = {}) {
		super(message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = 'CoreError';
		this.code = code;
		this.field = options.field;
		this.hint = options.hint;
	}
}

/** Bad input data on an item: a missing field, a malformed value. */
export class InputError extends CoreError {
	constructor(message: string, field?: string, hint?: string) {
		super('invalid_input', message, { field, hint });
		this.name = 'InputError';
	}
}

/** Wrong or missing settings in a node or credential. */
export class ConfigurationError extends CoreError {
	constructor(message: string, field?: string, hint?: string) {
		super('configuration', message, { field, hint });
		this.name = 'ConfigurationError';
	}
}

/** A failed call to a remote service (Twilio, SMTP, a carrier, a shop). */
export class RemoteError extends CoreError {
	readonly service: string;
	readonly httpCode?: number;
	/** The provider's own error code, e.g. Twilio's 21610. */
	readonly providerCode?: string | number;
	/** Whether retrying the same request later may succeed. */
	readonly retryable: boolean;

	constructor(
		service: string,
		message: string,
		options: { httpCode?: number; providerCode?: string | number; retryable?: boolean; hint?: string; cause?: unknown } = {},
	) {
		super('remote', message, { hint: options.hint, cause: options.cause });
		this.name = 'RemoteError';
		this.service = service;
		this.httpCode = options.httpCode;
		this.providerCode = options.providerCode;
		this.retryable = options.retryable ?? false;
	}
}

/** The journey store failed (connection, migration, constraint). */
export class StoreError extends CoreError {
	constructor(message: string, cause?: unknown) {
		super('store', message, { cause });
		this.name = 'StoreError';
	}
}
