import { normalizeSubject } from '../store';
import { InputError } from '../shared/errors';
import { estimateCost } from './cost';
import type { CostEstimate, PriceTable } from './cost';
import type { Replacement, SmsEncoding } from './encoding';
import { renderSms, senderKindOf } from './render';
import type { RenderInput } from './render';
import { fitToSegments } from './segments';

/**
 * One item from canonical data to a ready-to-send SMS: render the text, analyse and guard segments, estimate cost.
 * The result is the node's `sms` output before sending.
 */

export interface ComposeInput extends Omit<RenderInput, 'senderKind'> {
	to: string;
	from?: string;
	messagingServiceSid?: string;
	smartReplace?: boolean;
	maxSegments?: number;
	onExceed?: 'error' | 'shorten';
	/** Country for national-format numbers (e.g. `DE` for `0151 …`). */
	defaultCountry?: string;
	prices?: PriceTable;
}

export interface ComposedSms {
	to: string;
	from: string | null;
	messagingServiceSid: string | null;
	body: string;
	encoding: SmsEncoding;
	segments: number;
	characters: number;
	nonGsmCharacters: string[];
	replacements: Replacement[];
	estimatedCost: CostEstimate | null;
	locale: string;
	variant: string;
	shortened: boolean;
	optOutAdded: boolean;
}

export function composeSms(input: ComposeInput): ComposedSms {
	const prepared = prepareSms(input);
	return finishSms(prepared, prepared.text);
}

/** The recipient, sender and rendered text, before segments are fitted: links may still be rewritten (Shorten Links). */
export interface PreparedSms {
	input: ComposeInput;
	to: string;
	from: string | null;
	text: string;
	locale: string;
	variant: string;
	optOutAdded: boolean;
}

export function prepareSms(input: ComposeInput): PreparedSms {
	if (input.to === undefined || input.to === null || String(input.to).trim() === '') {
		throw new InputError('The item has no phone number to send the SMS to.', 'recipient', 'Map "Recipient Phone" to the customer phone, e.g. {{ $json.customer.phone }}.');
	}
	let to: string;
	try {
		to = normalizeSubject('sms', String(input.to), input.defaultCountry || String(input.data?.customer && (input.data.customer as Record<string, unknown>).country || '') || undefined);
	} catch (error) {
		throw new InputError(error instanceof Error ? error.message : String(error), 'recipient', 'Use international format, e.g. +4915112345678.');
	}
	const from = input.messagingServiceSid ? null : input.from?.trim() || null;
	if (!from && !input.messagingServiceSid) {
		throw new InputError('No sender is set.', 'from', 'Set a Messaging Service SID or a Default Sender in the Twilio credential, or "From" in the node options.');
	}
	const rendered = renderSms({ ...input, senderKind: senderKindOf(from ?? undefined, input.messagingServiceSid) });
	return { input, to, from, text: rendered.text, locale: rendered.locale, variant: rendered.variant, optOutAdded: rendered.optOutAdded };
}

/** Encoding, segments, the "Max Segments" guard and cost, on the text as it goes out. */
export function finishSms(prepared: PreparedSms, text: string): ComposedSms {
	const { input, to, from } = prepared;
	const fitted = fitToSegments(text, { smartReplace: input.smartReplace, maxSegments: input.maxSegments, onExceed: input.onExceed });
	return {
		to,
		from,
		messagingServiceSid: input.messagingServiceSid || null,
		body: fitted.body,
		encoding: fitted.encoding,
		segments: fitted.segments,
		characters: fitted.characters,
		nonGsmCharacters: fitted.nonGsmCharacters,
		replacements: fitted.replacements,
		estimatedCost: estimateCost(to, fitted.segments, input.prices),
		locale: prepared.locale,
		variant: prepared.variant,
		shortened: fitted.shortened,
		optOutAdded: prepared.optOutAdded,
	};
}
