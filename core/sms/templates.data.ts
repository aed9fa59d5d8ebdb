import { journeyStep } from '../journey';
import type { JourneyStepId } from '../journey';

/**
 * Ready-made SMS texts per journey step, in German and English. Written to stay GSM-7 (straight quotes, "...",
 * no dashes) and within one or two segments with typical data. Placeholders in `{braces}` are filled by `render.ts`;
 * `[[ ]]` marks a part that may be shortened when a max-segments limit applies; `[? ?]` a part that is left out when
 * a placeholder in it has no value (a shipment without a delivery estimate still gets its notification).
 */

/** The journey steps that have ready-made SMS texts: ids of the step registry (`core/journey`). */
export type JourneyStep = Exclude<JourneyStepId, 'custom'>;

export interface StepTemplate {
	/** Marketing steps need consent and an opt-out line; transactional ones inform about an order (from the registry). */
	purpose: 'transactional' | 'marketing';
	/** Texts by language (BCP 47 primary tag); `en` is the fallback. */
	texts: Record<string, string>;
}

/** The informal texts ("du") by journey step and language; `templatesFormal.data.ts` has the "Sie" German. */
export const SMS_TEXTS: Readonly<Record<JourneyStep, Record<string, string>>> = {
	order_received: {
		de: 'Hallo {firstName}, danke für deine Bestellung {orderNumber} bei {shopName} über {orderTotal}. Wir melden uns, sobald sie unterwegs ist.',
		en: 'Hi {firstName}, thanks for your order {orderNumber} at {shopName} ({orderTotal}). We will let you know when it ships.',
	},
	payment_reminder: {
		de: 'Hallo {firstName}, für deine Bestellung {orderNumber} ({orderTotal}) ist noch keine Zahlung eingegangen. Hier kannst du sie abschließen: {statusUrl}',
		en: 'Hi {firstName}, we have not received payment for order {orderNumber} ({orderTotal}) yet. Complete it here: {statusUrl}',
	},
	shipped: {
		de: 'Deine Bestellung {orderNumber} ist unterwegs mit {carrier}! [?Voraussichtliche Zustellung: {deliveryDate}. ?]Sendung verfolgen: {trackingUrl}',
		en: 'Your order {orderNumber} is on its way with {carrier}! [?Expected delivery: {deliveryDate}. ?]Track it: {trackingUrl}',
	},
	out_for_delivery: {
		de: 'Heute ist es so weit: Deine Bestellung {orderNumber} wird zugestellt. Sendung verfolgen: {trackingUrl}',
		en: 'Good news: your order {orderNumber} is out for delivery today. Track it: {trackingUrl}',
	},
	delivered: {
		de: 'Deine Bestellung {orderNumber} wurde zugestellt. Viel Freude damit! Fragen? Antworte einfach auf diese SMS.',
		en: 'Your order {orderNumber} has been delivered. Enjoy! Questions? Just reply to this message.',
	},
	delivery_exception: {
		de: 'Bei der Zustellung deiner Bestellung {orderNumber} gibt es ein Problem. Details bei {carrier}: {trackingUrl} Wir kümmern uns darum.',
		en: 'There is a problem delivering your order {orderNumber}. Details from {carrier}: {trackingUrl} We are on it.',
	},
	return_received: {
		de: 'Hallo {firstName}, deine Rücksendung zu Bestellung {orderNumber} ist bei uns angekommen. Wir prüfen sie und melden uns.',
		en: 'Hi {firstName}, we have received your return for order {orderNumber}. We will check it and get back to you.',
	},
	refund_issued: {
		de: 'Hallo {firstName}, wir haben dir {refundAmount} für Bestellung {orderNumber} erstattet. Je nach Bank dauert die Gutschrift einige Tage.',
		en: 'Hi {firstName}, we have refunded {refundAmount} for order {orderNumber}. It may take a few days to show up with your bank.',
	},
	cart_reminder: {
		de: 'Hallo {firstName}, dein Warenkorb bei {shopName} wartet noch auf dich: [[{productTitle}]] Hier geht es weiter: {cartUrl}',
		en: 'Hi {firstName}, your cart at {shopName} is still waiting: [[{productTitle}]] Pick up where you left off: {cartUrl}',
	},
	replenishment: {
		de: 'Hallo {firstName}, bald leer? [[{productTitle}]] jetzt nachbestellen: {productUrl}',
		en: 'Hi {firstName}, running low? Reorder [[{productTitle}]] now: {productUrl}',
	},
	// Names the scale the ask uses ({ratingScale}: school grades in German, stars in English, see core/review), so a
	// reply of "1" is read right.
	review_request: {
		de: 'Hallo {firstName}, wie zufrieden bist du mit deiner Bestellung {orderNumber}? Antworte einfach mit {ratingScale}. Für jede Antwort, egal wie sie ausfällt, gibt es einen Gutschein als Dankeschön.',
		en: 'Hi {firstName}, how happy are you with your order {orderNumber}? Just reply with {ratingScale}. Every answer gets a thank-you voucher, whatever your rating.',
	},
	// The answer to a rating reply (thanks, the voucher every answer gets, a review link or a contact offer), or the one
	// clarifying question: written by Review Request's Parse Reply in the customer's language.
	review_reply: {
		de: '{reviewReply}',
		en: '{reviewReply}',
	},
	product_birthday: {
		de: 'Hallo {firstName}, vor einem Jahr kam [[{productTitle}]] zu dir. Alles Gute zum Produkt-Geburtstag! Passendes findest du hier: {shopUrl}',
		en: 'Hi {firstName}, [[{productTitle}]] arrived a year ago today. Happy product birthday! Find matching extras here: {shopUrl}',
	},
	win_back: {
		de: 'Hallo {firstName}, wir vermissen dich bei {shopName}! Mit dem Code {couponCode} sparst du bei deiner nächsten Bestellung: {shopUrl}',
		en: 'Hi {firstName}, we miss you at {shopName}! Use code {couponCode} to save on your next order: {shopUrl}',
	},
	// The confirmation request of an SMS double opt-in is part of collecting consent, not advertising (UWG §7).
	opt_in: {
		de: '{shopName}: Bitte bestätige mit JA, dass du Angebote per SMS erhalten möchtest. Ohne Antwort schicken wir dir keine Werbung.',
		en: '{shopName}: Reply YES to confirm you want offers by SMS. Without a reply we will not send you any marketing texts.',
	},
	opt_in_confirmed: {
		de: '{shopName}: Danke, deine SMS-Anmeldung ist bestätigt. Abmelden jederzeit mit STOP.',
		en: '{shopName}: Thanks, your SMS sign-up is confirmed. Reply STOP at any time to opt out.',
	},
};

/** Each step's texts with the purpose the registry gives it. */
export const SMS_TEMPLATES: Readonly<Record<JourneyStep, StepTemplate>> = Object.fromEntries(
	(Object.keys(SMS_TEXTS) as JourneyStep[]).map((id) => [id, { purpose: journeyStep(id).purpose, texts: SMS_TEXTS[id] }]),
) as Record<JourneyStep, StepTemplate>;

/** The opt-out line added to marketing texts that lack one, by language. */
export const OPT_OUT_LINES: Readonly<Record<string, { reply: string; link: string }>> = {
	de: { reply: 'Abmelden: STOP antworten', link: 'Abmelden: {optOutUrl}' },
	en: { reply: 'Reply STOP to opt out', link: 'Opt out: {optOutUrl}' },
	fr: { reply: 'STOP pour se désabonner', link: 'Désabonnement: {optOutUrl}' },
	it: { reply: 'Rispondi STOP per disiscriverti', link: 'Disiscriviti: {optOutUrl}' },
	nl: { reply: 'Afmelden: antwoord STOP', link: 'Afmelden: {optOutUrl}' },
	es: { reply: 'Responde STOP para darte de baja', link: 'Baja: {optOutUrl}' },
};

/** Words that show a text already carries an opt-out instruction. */
/**
 * An opt-out instruction in a text as the marketer wrote it: "Reply STOP", "STOP to …", "Abmelden", "opt out" …
 * A bare STOP is not one ("Non-Stop Deo", "Stop & Shop"): only an instruction tells the customer how to leave.
 */
export const OPT_OUT_MARKERS =
	/\b(?:reply|text|send|antworte[nt]?|sende[nt]?|schreibe[nt]?|mit|rispondi|responde|antwoord|r[ée]pondez)\s+(?:mit\s+)?["']?STOPP?\b|\bSTOPP?["']?\s+(?:to|for|zum|zur|an|antworten|senden|pour|per|para)\b|\b(?:abmelden|abbestellen|unsubscribe|opt[ -]?out|désabonner|desabonner|disiscriv\w*|afmelden|darte de baja)\b/i;
