import { scalePhrase, textLanguage } from './scales';
import type { RatingScale, Sentiment } from './scales';

/**
 * What the customer reads after a rating reply, in German ("Sie" or "du") and English. The voucher is the same for
 * every answer and every text says so (a reward must never depend on the rating: FTC 16 CFR Part 465, UWG): it is in
 * all three replies alike. Happy customers get the shop's public review link, unhappy ones a person to talk to.
 */

export type GermanAddress = 'formal' | 'informal';

export interface ReplyContext {
	language: string | null | undefined;
	germanAddress?: GermanAddress;
	/** The voucher every answer gets; empty = no voucher sentence. */
	couponCode?: string;
	/** The public review page the shop chose (product page, Google, Trusted Shops …). */
	reviewUrl?: string;
	/** How the shop can be reached in person (phone number, e-mail, name). */
	contact?: string;
}

type Key = 'de_formal' | 'de_informal' | 'en';

const T: Record<Key, { thanks: string; coupon: string; happy: string; happyNoLink: string; neutral: string; unhappy: string; question: string }> = {
	de_formal: {
		thanks: 'Danke für Ihre Bewertung!',
		coupon: 'Wie versprochen gibt es für jede Antwort Ihren Gutschein: {coupon}.',
		happy: 'Schön, dass Sie zufrieden sind! Mögen Sie das auch anderen erzählen? {link}',
		happyNoLink: 'Schön, dass Sie zufrieden sind!',
		neutral: 'Was können wir besser machen? Antworten Sie gern einfach auf diese SMS.',
		unhappy: 'Das tut uns leid. Wir möchten es wiedergutmachen: {contact} meldet sich persönlich bei Ihnen.',
		question: 'Danke für Ihre Antwort! Damit wir sie richtig verstehen: Bitte antworten Sie nur mit {scale}.',
	},
	de_informal: {
		thanks: 'Danke für deine Bewertung!',
		coupon: 'Wie versprochen gibt es für jede Antwort deinen Gutschein: {coupon}.',
		happy: 'Schön, dass du zufrieden bist! Magst du das auch anderen erzählen? {link}',
		happyNoLink: 'Schön, dass du zufrieden bist!',
		neutral: 'Was können wir besser machen? Antworte gern einfach auf diese SMS.',
		unhappy: 'Das tut uns leid. Wir möchten es wiedergutmachen: {contact} meldet sich persönlich bei dir.',
		question: 'Danke für deine Antwort! Damit wir sie richtig verstehen: Bitte antworte nur mit {scale}.',
	},
	en: {
		thanks: 'Thank you for your rating!',
		coupon: 'As promised, every answer gets your voucher: {coupon}.',
		happy: 'Glad you are happy! Would you tell others too? {link}',
		happyNoLink: 'Glad you are happy!',
		neutral: 'What could we do better? Just reply to this message.',
		unhappy: 'We are sorry to hear that and want to make it right: {contact} will get in touch with you personally.',
		question: 'Thanks for your answer! To be sure we read it right, please reply with {scale} only.',
	},
};

function keyOf(language: string | null | undefined, address: GermanAddress | undefined): Key {
	if (textLanguage(language) === 'en') return 'en';
	return address === 'informal' ? 'de_informal' : 'de_formal';
}

function fill(text: string, values: Record<string, string>): string {
	return text.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}

/** The thank-you for a rating: thanks, the voucher (for any answer), then the sentiment's own sentence. */
export function replyText(sentiment: Sentiment, ctx: ReplyContext): string {
	const t = T[keyOf(ctx.language, ctx.germanAddress)];
	const contact = ctx.contact?.trim() || (textLanguage(ctx.language) === 'de' ? 'unser Kundenservice' : 'our customer service');
	const parts = [t.thanks];
	if (ctx.couponCode?.trim()) parts.push(fill(t.coupon, { coupon: ctx.couponCode.trim() }));
	if (sentiment === 'happy') parts.push(ctx.reviewUrl?.trim() ? fill(t.happy, { link: ctx.reviewUrl.trim() }) : t.happyNoLink);
	else if (sentiment === 'neutral') parts.push(t.neutral);
	else parts.push(fill(t.unhappy, { contact }));
	return parts.join(' ');
}

/** The one clarifying question after an unclear reply, naming the asked scale and which end is best. */
export function clarifyingQuestion(scale: RatingScale, ctx: Pick<ReplyContext, 'language' | 'germanAddress'>): string {
	return fill(T[keyOf(ctx.language, ctx.germanAddress)].question, { scale: scalePhrase(scale, ctx.language) });
}

export interface AlertInput {
	orderId: string;
	orderNumber?: string | null;
	customer: string;
	scale: RatingScale;
	value: number;
	reply: string;
}

/** The alert to the shop team for an unhappy rating (always English and German side by side: the team reads it). */
export function unhappyAlert(input: AlertInput): { subject: string; text: string } {
	const order = input.orderNumber || input.orderId;
	const rating = `${input.value} (${scalePhrase(input.scale, 'en')})`;
	return {
		subject: `Unhappy customer / Unzufriedener Kunde: order ${order}`,
		text: [
			`Order / Bestellung: ${order}`,
			`Customer / Kunde: ${input.customer}`,
			`Rating / Bewertung: ${rating}`,
			`Reply / Antwort: "${input.reply}"`,
			'Please get in touch personally today. / Bitte heute persönlich melden.',
		].join('\n'),
	};
}
