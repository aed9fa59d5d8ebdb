import { onceStep, sendKey } from '../shared/sendKey';
import type { Channel, LinkStore } from '../store';
import { newCode } from './codes';
import type { ShortenContext, ShortLinkTarget } from './shorten';

/**
 * The shortening context for one message: each target URL gets a stored code tied to the message (customer +
 * journey step + "Send Once Per" + channel, the same key that makes the send happen once), so a retried send reuses
 * the codes of the first try. Without a store (a preview), codes are placeholders of the real length.
 */

export interface MessageLinkOptions extends ShortLinkTarget {
	links: Pick<LinkStore, 'create'> | null;
	/** The recipient as the message goes out (E.164 phone or e-mail address). */
	subject: string;
	channel: Channel;
	journeyStep: string;
	dedupeId?: string;
	/** Days until the links answer with the "no longer valid" page; 0 or less = never. */
	validDays?: number;
	now: Date;
	skip?: string[];
	utm?: ShortenContext['utm'];
}

export function messageLinks(options: MessageLinkOptions): ShortenContext {
	const { links } = options;
	const messageKey = sendKey(options.subject, onceStep(options.journeyStep, options.dedupeId), options.channel);
	const days = options.validDays ?? 0;
	const expiresAt = days > 0 ? new Date(options.now.getTime() + days * 86_400_000) : null;
	return {
		base: options.base,
		path: options.path,
		skip: options.skip,
		utm: options.utm,
		codeFor: links
			? async (url) =>
					(
						await links.create({
							code: newCode(),
							url,
							subject: options.subject,
							messageKey,
							channel: options.channel,
							journeyStep: options.journeyStep,
							expiresAt,
							meta: options.dedupeId ? { dedupeId: options.dedupeId } : {},
						})
					).code
			: undefined,
	};
}
