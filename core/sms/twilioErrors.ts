/**
 * Twilio error codes turned into reasons a marketer can act on. Codes from Twilio's error dictionary
 * (twilio.com/docs/api/errors); `kind` drives what the sender does next.
 */

export type TwilioErrorKind =
	| 'opted_out'
	| 'invalid_recipient'
	| 'configuration'
	| 'authentication'
	| 'content'
	| 'throttled'
	| 'unknown';

export interface TwilioErrorReason {
	kind: TwilioErrorKind;
	message: string;
	hint: string;
}

const REASONS: Record<number, TwilioErrorReason> = {
	20003: {
		kind: 'authentication',
		message: 'Twilio rejected the credentials.',
		hint: 'Check the Account SID and Auth Token (or API key) in the Post-Purchase Twilio API credential.',
	},
	20429: { kind: 'throttled', message: 'Twilio is receiving too many requests at once.', hint: 'Lower "Messages Per Second" in the node options.' },
	21211: { kind: 'invalid_recipient', message: 'The phone number is not valid.', hint: 'Check the customer phone number; it must be in international format, e.g. +4915112345678.' },
	21212: { kind: 'configuration', message: 'The sender number is not valid.', hint: 'Check "Default Sender" in the credential or "From" in the node options.' },
	21408: {
		kind: 'configuration',
		message: 'Sending SMS to this country is not enabled in your Twilio account.',
		hint: 'Enable the country under Messaging → Settings → Geo permissions in the Twilio console.',
	},
	21602: { kind: 'content', message: 'The message text is empty.', hint: 'Enter a message text.' },
	21604: { kind: 'configuration', message: 'No sender is set.', hint: 'Set a Messaging Service SID or a Default Sender in the credential.' },
	21606: {
		kind: 'configuration',
		message: 'The sender cannot send SMS to this destination.',
		hint: 'Use a Messaging Service or a sender number that can message this country.',
	},
	21608: {
		kind: 'configuration',
		message: 'A Twilio trial account can only send to verified numbers.',
		hint: 'Verify the number in the Twilio console or upgrade the account.',
	},
	21610: {
		kind: 'opted_out',
		message: 'The customer has unsubscribed (replied STOP) from this sender.',
		hint: 'The number was added to the suppression list. The customer can reply START to subscribe again.',
	},
	21611: { kind: 'throttled', message: "The sender's queue is full.", hint: 'Lower "Messages Per Second" or use a Messaging Service with more senders.' },
	21612: { kind: 'invalid_recipient', message: 'Twilio cannot route a message between this sender and this number.', hint: 'Try another sender type (number or Messaging Service).' },
	21614: { kind: 'invalid_recipient', message: 'The number is not a mobile number and cannot receive SMS.', hint: 'Ask the customer for a mobile number.' },
	21617: { kind: 'content', message: 'The message is longer than 1,600 characters.', hint: 'Shorten the text or set "Max Segments".' },
	21635: { kind: 'invalid_recipient', message: 'The number is a landline and cannot receive SMS.', hint: 'Ask the customer for a mobile number.' },
	21659: { kind: 'configuration', message: 'The sender is not a Twilio number of this account.', hint: 'Check "Default Sender" in the credential.' },
	30003: { kind: 'invalid_recipient', message: 'The phone is unreachable (switched off or no signal).', hint: 'Try again later.' },
	30004: { kind: 'invalid_recipient', message: 'The message was blocked by the recipient or the carrier.', hint: 'Do not retry automatically.' },
	30005: { kind: 'invalid_recipient', message: 'The number is unknown or no longer in use.', hint: 'Update the customer record.' },
	30006: { kind: 'invalid_recipient', message: 'The number is a landline or its carrier cannot be reached.', hint: 'Ask the customer for a mobile number.' },
	30007: {
		kind: 'content',
		message: 'The carrier filtered the message as spam.',
		hint: 'Change the wording and links, and check your sender registration (A2P 10DLC / toll-free verification in the US).',
	},
	30034: { kind: 'configuration', message: 'The US sender number is not registered for A2P 10DLC.', hint: 'Register the brand and campaign in the Twilio console.' },
};

export function twilioErrorReason(code: number | undefined, fallback: string): TwilioErrorReason {
	if (code !== undefined && REASONS[code]) return REASONS[code];
	return { kind: 'unknown', message: `Twilio refused the message: ${fallback}`, hint: code ? `See https://www.twilio.com/docs/errors/${code}.` : 'Try again later.' };
}

export interface ClassifiedError {
	/** `rejected`: Twilio answered with an error, nothing was created. `throttled`: 429, safe to retry. */
	outcome: 'rejected' | 'throttled' | 'ambiguous';
	httpCode?: number;
	code?: number;
	message: string;
}

/** Sorts an SDK error into "definitely not sent", "rate limited" and "may or may not have been sent". */
export function classifyTwilioError(error: unknown): ClassifiedError {
	const e = error as { status?: unknown; code?: unknown; message?: unknown; response?: { status?: number } };
	const message = typeof e?.message === 'string' ? e.message : String(error);
	const status = typeof e?.status === 'number' ? e.status : undefined;
	const code = typeof e?.code === 'number' ? e.code : undefined;
	if (status === 429 || code === 20429) return { outcome: 'throttled', httpCode: 429, code, message };
	// 4xx answers (RestException) are Twilio's decision: nothing was created.
	if (status !== undefined && status >= 400 && status < 500) return { outcome: 'rejected', httpCode: status, code, message };
	// 5xx, timeouts (ECONNABORTED), resets and hang-ups: the request may have created a message.
	return { outcome: 'ambiguous', httpCode: status, code, message };
}
