import type { JourneyStep } from './templates.data';

/**
 * The German texts in the formal address ("Sie"), for shops whose e-mails and website say "Sie" (our e-mail
 * designs do). Same placeholders, GSM-7 and length budget as the informal texts in `templates.data.ts`.
 */
export const GERMAN_FORMAL: Readonly<Record<JourneyStep, string>> = {
	order_received: 'Hallo {firstName}, danke für Ihre Bestellung {orderNumber} bei {shopName} über {orderTotal}. Wir melden uns, sobald sie unterwegs ist.',
	payment_reminder: 'Hallo {firstName}, für Ihre Bestellung {orderNumber} ({orderTotal}) ist noch keine Zahlung eingegangen. Hier können Sie sie abschließen: {statusUrl}',
	shipped: 'Ihre Bestellung {orderNumber} ist unterwegs mit {carrier}! [?Voraussichtliche Zustellung: {deliveryDate}. ?]Sendung verfolgen: {trackingUrl}',
	out_for_delivery: 'Heute ist es so weit: Ihre Bestellung {orderNumber} wird zugestellt. Sendung verfolgen: {trackingUrl}',
	delivered: 'Ihre Bestellung {orderNumber} wurde zugestellt. Viel Freude damit! Fragen? Antworten Sie einfach auf diese SMS.',
	delivery_exception: 'Bei der Zustellung Ihrer Bestellung {orderNumber} gibt es ein Problem. Details bei {carrier}: {trackingUrl} Wir kümmern uns darum.',
	return_received: 'Hallo {firstName}, Ihre Rücksendung zu Bestellung {orderNumber} ist bei uns angekommen. Wir prüfen sie und melden uns.',
	refund_issued: 'Hallo {firstName}, wir haben Ihnen {refundAmount} für Bestellung {orderNumber} erstattet. Je nach Bank dauert die Gutschrift einige Tage.',
	cart_reminder: 'Hallo {firstName}, Ihr Warenkorb bei {shopName} wartet noch auf Sie: [[{productTitle}]] Hier geht es weiter: {cartUrl}',
	replenishment: 'Hallo {firstName}, bald leer? [[{productTitle}]] jetzt nachbestellen: {productUrl}',
	review_request: 'Hallo {firstName}, wie zufrieden sind Sie mit Ihrer Bestellung {orderNumber}? Antworten Sie einfach mit {ratingScale}. Für jede Antwort, egal wie sie ausfällt, gibt es einen Gutschein als Dankeschön.',
	review_reply: '{reviewReply}',
	product_birthday: 'Hallo {firstName}, vor einem Jahr kam [[{productTitle}]] zu Ihnen. Alles Gute zum Produkt-Geburtstag! Passendes finden Sie hier: {shopUrl}',
	win_back: 'Hallo {firstName}, wir vermissen Sie bei {shopName}! Mit dem Code {couponCode} sparen Sie bei Ihrer nächsten Bestellung: {shopUrl}',
	opt_in: '{shopName}: Bitte bestätigen Sie mit JA, dass Sie Angebote per SMS erhalten möchten. Ohne Antwort schicken wir Ihnen keine Werbung.',
	opt_in_confirmed: '{shopName}: Danke, Ihre SMS-Anmeldung ist bestätigt. Abmelden jederzeit mit STOP.',
};
