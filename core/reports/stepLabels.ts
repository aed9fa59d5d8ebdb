import { resolveStep } from '../journey';
import type { JourneyStepId } from '../journey';

/**
 * Journey-step names on the German pages; the English ones are the registry's labels (`core/journey/steps.ts`).
 * Typed by step id, so a new step without a German name does not compile.
 */
const GERMAN: Record<JourneyStepId, string> = {
	order_received: 'Bestellbestätigung',
	payment_reminder: 'Zahlungserinnerung',
	shipped: 'Versandbestätigung',
	out_for_delivery: 'In Zustellung',
	delivered: 'Zugestellt',
	delivery_exception: 'Zustellproblem',
	review_request: 'Bewertungsanfrage',
	review_reply: 'Antwort auf Bewertung',
	return_received: 'Retoure erhalten',
	refund_issued: 'Erstattung',
	cart_reminder: 'Warenkorb-Erinnerung',
	replenishment: 'Nachkauf-Erinnerung',
	product_birthday: 'Produkt-Geburtstag',
	win_back: 'Rückgewinnung',
	opt_in: 'Opt-in-Anfrage',
	opt_in_confirmed: 'Opt-in bestätigt',
	custom: 'Eigene Nachricht',
};

/**
 * The canonical step id of a stored value (aliases resolve); a name of the marketer's own stays as it is. Senders
 * log "step:value" when "Send Once Per" narrows the claim to an order or parcel (`onceStep`); the report counts the step.
 */
export function stepId(value: string): string {
	const step = String(value).split(':')[0];
	return resolveStep(step)?.id ?? step;
}

export function stepLabel(value: string, language: 'de' | 'en'): string {
	const step = resolveStep(stepId(value));
	if (!step) return value;
	return language === 'de' ? GERMAN[step.id] : step.label;
}
