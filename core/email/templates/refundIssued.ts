import { returnBlocks } from './returnReceived';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Refund issued: the refund of a return is on its way. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
	en: {
		subject: 'Your refund of {refund} is on its way',
		preheader: 'We have refunded {refund} for order {orderNumber}.',
		heading: 'Your refund is on its way',
		body: ['We have refunded {refund} for your return from order {orderNumber}. Depending on your bank or payment method it can take a few days to show up.'],
	},
	de: {
		subject: 'Ihre Erstattung über {refund} ist unterwegs',
		preheader: 'Wir haben {refund} für die Bestellung {orderNumber} erstattet.',
		heading: 'Ihre Erstattung ist unterwegs',
		body: ['Wir haben {refund} für Ihre Rücksendung zur Bestellung {orderNumber} erstattet. Je nach Bank oder Zahlungsart kann es ein paar Tage dauern, bis der Betrag sichtbar ist.'],
	},
};

export const refundIssued: EmailTemplate = {
	step: 'refund_issued',
	purpose: 'transactional',
	texts: () => TEXTS,
	blocks: (ctx) => returnBlocks(ctx),
};
