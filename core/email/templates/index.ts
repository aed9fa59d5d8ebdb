import { resolveStep } from '../../journey';
import type { JourneyStepId } from '../../journey';
import type { TemplateInput } from '../input';
import { cartReminder } from './cartReminder';
import { delivered } from './delivered';
import { orderReceived } from './orderReceived';
import { refundIssued } from './refundIssued';
import { replenishment } from './replenishment';
import { returnReceived } from './returnReceived';
import { reviewRequest } from './reviewRequest';
import { shipped } from './shipped';
import type { EmailTemplate } from './types';
import { winBack } from './winBack';

/** The built-in e-mails, found by their journey step (registry id or a saved workflow's alias). */
export const EMAIL_TEMPLATES: Readonly<Partial<Record<JourneyStepId, EmailTemplate>>> = Object.fromEntries(
	[orderReceived, shipped, delivered, reviewRequest, returnReceived, refundIssued, cartReminder, replenishment, winBack].map((t) => [t.step, t]),
);

/** The template a stored value names (`order_received`, `orderConfirmation` …), or undefined (custom, unknown). */
export function emailTemplate(value: string | null | undefined): EmailTemplate | undefined {
	const id = resolveStep(value)?.id;
	return id ? EMAIL_TEMPLATES[id] : undefined;
}

/** The template an input is rendered with: the one it names, or the one that template defers to for this input. */
export function templateFor(input: TemplateInput): EmailTemplate | undefined {
	const named = emailTemplate(input.template);
	const instead = named?.insteadFor?.(input);
	return instead ? (EMAIL_TEMPLATES[instead] ?? named) : named;
}

export { COMMON, fill } from './common';
export type { CommonTexts, TemplateTexts } from './common';
export type { EmailTemplate, TemplateContext } from './types';
