/**
 * The content model every journey e-mail is built from. Templates produce an `EmailDocument`; `render.ts` turns the
 * same document into HTML and into plain text, so both parts always say the same thing.
 * All strings here are plain text (not HTML); the renderer escapes them.
 */

export type Language = 'de' | 'en';

export interface Brand {
	shopName: string;
	logoUrl?: string;
	/** Accent color for buttons and headings, `#rrggbb`. */
	color?: string;
	/** Legal lines in the footer: imprint, company register, VAT id … (one entry per line). */
	imprint?: string[];
	/** Postal address, one entry per line. */
	address?: string[];
	/** A link to the shop's website, shown under the shop name in the footer. */
	websiteUrl?: string;
}

export interface LineRow {
	title: string;
	/** Variant, SKU or other small print under the title. */
	detail?: string;
	quantity: number;
	/** Formatted line total, e.g. `39,98 €`. */
	total: string;
	imageUrl?: string;
}

export interface TotalRow {
	label: string;
	value: string;
	strong?: boolean;
}

export interface ProductCard {
	title: string;
	url?: string;
	imageUrl?: string;
	price?: string;
}

export interface FactRow {
	label: string;
	value: string;
	url?: string;
}

export type Block =
	| { type: 'heading'; text: string }
	| { type: 'paragraph'; text: string }
	| { type: 'button'; label: string; url: string }
	| { type: 'lineItems'; caption: string; rows: LineRow[]; totals: TotalRow[] }
	| { type: 'code'; label: string; code: string; note?: string }
	| { type: 'products'; title: string; items: ProductCard[] }
	| { type: 'facts'; rows: FactRow[] }
	| { type: 'rating'; question: string; options: Array<{ label: string; url: string }> }
	/** Shop-supplied HTML (already expression-evaluated by n8n); inserted as-is, the one unescaped block. */
	| { type: 'rawHtml'; html: string; text: string };

export interface Footer {
	/** Why the customer receives this e-mail (e.g. "You receive this e-mail because you ordered at …"). */
	reason?: string;
	unsubscribe?: { label: string; url: string };
}

export interface EmailDocument {
	lang: Language;
	subject: string;
	/** The preview line mail clients show after the subject. */
	preheader: string;
	brand: Brand;
	blocks: Block[];
	footer: Footer;
}

/** What a rendered e-mail consists of. */
export interface RenderedEmail {
	subject: string;
	preheader: string;
	html: string;
	text: string;
}
