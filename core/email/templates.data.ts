import type { Language } from './model';

/**
 * The wording of every built-in e-mail, kept as data so it can be reviewed (and translated) without reading code.
 * `{name}` placeholders are filled with plain values; escaping happens later, in the renderer.
 * German uses the formal "Sie", which suits every shop; a shop that prefers "du" uses its own texts (Custom).
 */

export interface TemplateTexts {
	subject: string;
	preheader: string;
	heading: string;
	/** Paragraphs after the greeting. */
	body: string[];
	button?: string;
	/** Extra, template-specific strings. */
	[key: string]: string | string[] | undefined;
}

export interface CommonTexts {
	greeting: string;
	greetingAnonymous: string;
	signOff: string;
	orderCaption: string;
	subtotal: string;
	shipping: string;
	discount: string;
	tax: string;
	total: string;
	quantity: string;
	orderNumber: string;
	carrier: string;
	trackingNumber: string;
	estimatedDelivery: string;
	refundAmount: string;
	returnedItems: string;
	unsubscribe: string;
	reasonTransactional: string;
	reasonMarketing: string;
	viewOrder: string;
}

export const COMMON: Record<Language, CommonTexts> = {
	en: {
		greeting: 'Hi {firstName},',
		greetingAnonymous: 'Hello,',
		signOff: 'Best wishes,\nYour {shop} team',
		orderCaption: 'Your order',
		subtotal: 'Subtotal',
		shipping: 'Shipping',
		discount: 'Discount',
		tax: 'Tax',
		total: 'Total',
		quantity: 'Qty',
		orderNumber: 'Order number',
		carrier: 'Carrier',
		trackingNumber: 'Tracking number',
		estimatedDelivery: 'Expected delivery',
		refundAmount: 'Refund',
		returnedItems: 'Returned items',
		unsubscribe: 'Unsubscribe from these e-mails',
		reasonTransactional: 'You receive this e-mail because you placed an order at {shop}.',
		reasonMarketing: 'You receive this e-mail because you agreed to hear from {shop}.',
		viewOrder: 'View your order',
	},
	de: {
		greeting: 'Hallo {firstName},',
		greetingAnonymous: 'Guten Tag,',
		signOff: 'Viele Grüße\nIhr Team von {shop}',
		orderCaption: 'Ihre Bestellung',
		subtotal: 'Zwischensumme',
		shipping: 'Versand',
		discount: 'Rabatt',
		tax: 'MwSt.',
		total: 'Gesamt',
		quantity: 'Menge',
		orderNumber: 'Bestellnummer',
		carrier: 'Versanddienstleister',
		trackingNumber: 'Sendungsnummer',
		estimatedDelivery: 'Voraussichtliche Zustellung',
		refundAmount: 'Erstattung',
		returnedItems: 'Zurückgesendete Artikel',
		unsubscribe: 'Von diesen E-Mails abmelden',
		reasonTransactional: 'Sie erhalten diese E-Mail, weil Sie bei {shop} bestellt haben.',
		reasonMarketing: 'Sie erhalten diese E-Mail, weil Sie Nachrichten von {shop} zugestimmt haben.',
		viewOrder: 'Bestellung ansehen',
	},
};

export type BuiltInKey =
	| 'confirmation.simple'
	| 'confirmation.welcome'
	| 'confirmation.reassuring'
	| 'confirmation.enticing'
	| 'confirmation.crossSell'
	| 'shipping'
	| 'delivered'
	| 'reviewRequest'
	| 'returnReceived'
	| 'refund'
	| 'cartReminder'
	| 'replenishment'
	| 'winBack';

export const TEXTS: Record<BuiltInKey, Record<Language, TemplateTexts>> = {
	'confirmation.simple': {
		en: {
			subject: 'Your order {orderNumber} at {shop}',
			preheader: 'Thank you! Here is a summary of your order.',
			heading: 'Thank you for your order',
			body: ['We have received your order {orderNumber} and are getting it ready. You will hear from us again as soon as it ships.'],
			button: 'View your order',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} bei {shop}',
			preheader: 'Vielen Dank! Hier ist die Übersicht Ihrer Bestellung.',
			heading: 'Vielen Dank für Ihre Bestellung',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten und bereiten sie vor. Sobald sie unterwegs ist, melden wir uns wieder.'],
			button: 'Bestellung ansehen',
		},
	},
	'confirmation.welcome': {
		en: {
			subject: 'Welcome to {shop}! Your first order {orderNumber}',
			preheader: 'We are so glad you found us. Here is what happens next.',
			heading: 'Welcome to the {shop} family!',
			body: [
				'Thank you for your very first order with us. It means a lot to a shop like ours, and we will take good care of it.',
				'Your order {orderNumber} is being packed with love. As soon as it is on its way, we will send you the tracking link.',
				'Questions? Just reply to this e-mail: a real person will answer.',
			],
			button: 'View your order',
		},
		de: {
			subject: 'Willkommen bei {shop}! Ihre erste Bestellung {orderNumber}',
			preheader: 'Schön, dass Sie da sind. So geht es jetzt weiter.',
			heading: 'Herzlich willkommen bei {shop}!',
			body: [
				'Vielen Dank für Ihre allererste Bestellung bei uns. Das bedeutet uns viel, und wir kümmern uns mit Sorgfalt darum.',
				'Ihre Bestellung {orderNumber} wird gerade liebevoll verpackt. Sobald sie unterwegs ist, schicken wir Ihnen den Link zur Sendungsverfolgung.',
				'Fragen? Antworten Sie einfach auf diese E-Mail: Ein Mensch aus unserem Team meldet sich.',
			],
			button: 'Bestellung ansehen',
		},
	},
	'confirmation.reassuring': {
		en: {
			subject: 'Order {orderNumber} confirmed: here is how to follow it',
			preheader: 'Your order is confirmed and you can follow every step.',
			heading: 'Your order is confirmed',
			body: [
				'Everything went through: your payment is confirmed and order {orderNumber} is in good hands.',
				'You can follow your parcel at any time with the link below.',
			],
			button: 'Track your order',
		},
		de: {
			subject: 'Bestellung {orderNumber} bestätigt: So verfolgen Sie sie',
			preheader: 'Ihre Bestellung ist bestätigt und Sie können jeden Schritt verfolgen.',
			heading: 'Ihre Bestellung ist bestätigt',
			body: [
				'Alles hat geklappt: Ihre Zahlung ist bestätigt und die Bestellung {orderNumber} ist bei uns in guten Händen.',
				'Über den Link unten können Sie Ihr Paket jederzeit verfolgen.',
			],
			button: 'Sendung verfolgen',
		},
	},
	'confirmation.enticing': {
		en: {
			subject: 'Thanks for order {orderNumber}, a little gift for you inside',
			preheader: 'Your order is confirmed, and here is something for next time.',
			heading: 'Thank you! Here is a little something',
			body: ['We have received your order {orderNumber}. As a thank-you, here is a code for your next purchase or to share with a friend.'],
			button: 'Visit the shop',
			couponLabel: 'Your code',
			referralLabel: 'Your code for friends',
		},
		de: {
			subject: 'Danke für Ihre Bestellung {orderNumber}: ein kleines Geschenk für Sie',
			preheader: 'Ihre Bestellung ist bestätigt, und hier ist etwas für das nächste Mal.',
			heading: 'Vielen Dank! Eine kleine Aufmerksamkeit',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten. Als Dankeschön bekommen Sie einen Code für Ihren nächsten Einkauf oder zum Weiterschenken.'],
			button: 'Zum Shop',
			couponLabel: 'Ihr Code',
			referralLabel: 'Ihr Code für Freunde',
		},
	},
	'confirmation.crossSell': {
		en: {
			subject: 'Your order {orderNumber} at {shop} is confirmed',
			preheader: 'Thank you! Plus a few things that go well with your order.',
			heading: 'Thank you for your order',
			body: ['We have received your order {orderNumber} and are getting it ready.'],
			button: 'View your order',
			productsTitle: 'You may also like',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} bei {shop} ist bestätigt',
			preheader: 'Vielen Dank! Und ein paar Dinge, die gut zu Ihrer Bestellung passen.',
			heading: 'Vielen Dank für Ihre Bestellung',
			body: ['Wir haben Ihre Bestellung {orderNumber} erhalten und bereiten sie vor.'],
			button: 'Bestellung ansehen',
			productsTitle: 'Das könnte Ihnen auch gefallen',
		},
	},
	shipping: {
		en: {
			subject: 'Your order {orderNumber} is on its way',
			preheader: 'Your parcel has left us. Follow it with {carrier}.',
			heading: 'Your order is on its way',
			body: ['Good news: your order {orderNumber} has been handed to {carrier}.'],
			button: 'Track your parcel',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} ist unterwegs',
			preheader: 'Ihr Paket hat uns verlassen. Verfolgen Sie es bei {carrier}.',
			heading: 'Ihre Bestellung ist unterwegs',
			body: ['Gute Nachrichten: Ihre Bestellung {orderNumber} wurde an {carrier} übergeben.'],
			button: 'Sendung verfolgen',
		},
	},
	delivered: {
		en: {
			subject: 'Your order {orderNumber} has arrived',
			preheader: 'Your parcel was delivered. We hope you love it.',
			heading: 'Your parcel has arrived',
			body: ['{carrier} reports that your order {orderNumber} was delivered. We hope you enjoy it!', 'If anything is not right, just reply to this e-mail and we will sort it out.'],
			button: 'View your order',
		},
		de: {
			subject: 'Ihre Bestellung {orderNumber} ist angekommen',
			preheader: 'Ihr Paket wurde zugestellt. Viel Freude damit!',
			heading: 'Ihr Paket ist angekommen',
			body: ['{carrier} meldet, dass Ihre Bestellung {orderNumber} zugestellt wurde. Viel Freude damit!', 'Falls etwas nicht stimmt, antworten Sie einfach auf diese E-Mail. Wir kümmern uns darum.'],
			button: 'Bestellung ansehen',
		},
	},
	reviewRequest: {
		en: {
			subject: 'How do you like your order from {shop}?',
			preheader: 'Your opinion takes one click and helps other customers.',
			heading: 'How was your order?',
			body: ['Your order {orderNumber} arrived a few days ago. We would love to hear what you think: it takes one click and helps other customers choose.'],
			button: 'Write a review',
			ratingQuestion: 'How many stars would you give us?',
		},
		de: {
			subject: 'Wie gefällt Ihnen Ihre Bestellung von {shop}?',
			preheader: 'Ihre Meinung kostet nur einen Klick und hilft anderen Kunden.',
			heading: 'Wie war Ihre Bestellung?',
			body: ['Ihre Bestellung {orderNumber} ist vor ein paar Tagen angekommen. Wir würden gern wissen, wie sie Ihnen gefällt: Ein Klick genügt und hilft anderen bei der Auswahl.'],
			button: 'Bewertung schreiben',
			ratingQuestion: 'Wie viele Sterne geben Sie uns?',
		},
	},
	returnReceived: {
		en: {
			subject: 'We have received your return for order {orderNumber}',
			preheader: 'Your return arrived. Here is what happens next.',
			heading: 'Your return has arrived',
			body: ['Thank you, your return for order {orderNumber} has arrived at our warehouse. We are checking it now and will let you know as soon as the refund is on its way.'],
		},
		de: {
			subject: 'Ihre Rücksendung zur Bestellung {orderNumber} ist da',
			preheader: 'Ihre Rücksendung ist angekommen. So geht es weiter.',
			heading: 'Ihre Rücksendung ist angekommen',
			body: ['Vielen Dank, Ihre Rücksendung zur Bestellung {orderNumber} ist in unserem Lager eingetroffen. Wir prüfen sie jetzt und melden uns, sobald die Erstattung unterwegs ist.'],
		},
	},
	refund: {
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
	},
	cartReminder: {
		en: {
			subject: 'You left something in your cart at {shop}',
			preheader: 'Your items are still waiting for you.',
			heading: 'Still thinking it over?',
			body: ['You left a few things in your cart. We have saved them for you, so you can pick up right where you left off.'],
			button: 'Back to your cart',
			cartCaption: 'Your cart',
		},
		de: {
			subject: 'In Ihrem Warenkorb bei {shop} wartet noch etwas',
			preheader: 'Ihre Artikel warten noch auf Sie.',
			heading: 'Noch unentschlossen?',
			body: ['Sie haben noch Artikel in Ihrem Warenkorb. Wir haben sie für Sie aufgehoben, damit Sie genau dort weitermachen können, wo Sie aufgehört haben.'],
			button: 'Zum Warenkorb',
			cartCaption: 'Ihr Warenkorb',
		},
	},
	replenishment: {
		en: {
			subject: 'Running low on {product}?',
			preheader: 'Reorder in one click before it runs out.',
			heading: 'Time to restock?',
			body: ['Your {product} will probably run out soon. Reorder now and it will arrive before you miss it.'],
			button: 'Reorder now',
		},
		de: {
			subject: 'Geht Ihr {product} bald zur Neige?',
			preheader: 'Mit einem Klick nachbestellen, bevor es ausgeht.',
			heading: 'Zeit zum Nachfüllen?',
			body: ['Ihr {product} ist wahrscheinlich bald aufgebraucht. Bestellen Sie jetzt nach, dann ist Nachschub da, bevor er fehlt.'],
			button: 'Jetzt nachbestellen',
		},
	},
	winBack: {
		en: {
			subject: 'We miss you at {shop}',
			preheader: 'It has been a while. Here is what is new.',
			heading: 'We miss you!',
			body: ['It has been a while since your last visit. A lot has happened at {shop} since then: come and have a look.'],
			button: 'See what is new',
			couponLabel: 'A welcome-back gift',
		},
		de: {
			subject: 'Wir vermissen Sie bei {shop}',
			preheader: 'Es ist eine Weile her. Das ist neu bei uns.',
			heading: 'Wir vermissen Sie!',
			body: ['Ihr letzter Besuch ist schon eine Weile her. Bei {shop} hat sich seitdem einiges getan: Schauen Sie doch mal vorbei.'],
			button: 'Neuheiten ansehen',
			couponLabel: 'Ein Willkommensgeschenk',
		},
	},
};

/** Fills `{name}` placeholders; unknown names become empty so a missing value never shows as `{orderNumber}`. */
export function fill(template: string, values: Record<string, string | undefined>): string {
	return template
		.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '')
		.replace(/ {2,}/g, ' ')
		.replace(/ ([.,:!?])/g, '$1')
		// A shop name that ends in a dot ("Bohne & Co.") must not end a sentence with two.
		.replace(/\.\.(?!\.)/g, '.')
		.trim();
}
