import type { JourneyStepId } from '../../journey';
import type { EmailPurpose, TemplateInput } from '../input';
import type { Block, Language } from '../model';
import type { CommonTexts, TemplateTexts } from './common';

/**
 * One built-in e-mail: its step in the journey-step registry, its default purpose, its texts in German and English,
 * and the blocks it puts between the opening paragraphs and the sign-off. A new e-mail is one new module.
 */
export interface EmailTemplate {
	step: JourneyStepId;
	/** The purpose unless the marketer says otherwise: the consent gate and the headers depend on it. */
	purpose: EmailPurpose;
	/** The template's texts by language (a template with styles picks the style's texts). */
	texts(input: TemplateInput): Record<Language, TemplateTexts>;
	/** The template-specific blocks. */
	blocks(ctx: TemplateContext): Block[];
	/** Another template's step to use instead for this input (a return that carries a refund is a refund e-mail). */
	insteadFor?(input: TemplateInput): JourneyStepId | undefined;
}

/** What a template's blocks are built from; the helpers build the blocks several templates share. */
export interface TemplateContext {
	input: TemplateInput;
	lang: Language;
	locale: string;
	currency: string;
	common: CommonTexts;
	texts: TemplateTexts;
	/** Placeholder values (`{shop}`, `{orderNumber}` …), already resolved. */
	values: Record<string, string | undefined>;
	/** The formatted refund amount, or ''. */
	refund: string;
	/** Order number, carrier, tracking number (linked) and the delivery estimate, as a facts table. */
	facts(): Block[];
	/** A button with the template's button text (or `label`) when `url` is set. */
	button(url: string | undefined, label?: string): Block[];
	/** The order's line items and totals. */
	orderTable(): Block[];
}
