import type { Block, Brand, EmailDocument, Footer, RenderedEmail } from './model';
import { escapeHtml as e, safeColor, safeUrl } from './escape';

/**
 * Renders an `EmailDocument` into a responsive HTML part and a plain-text part. The HTML uses nested tables and
 * inline styles (what mail clients still understand), a single `<style>` block only for the two things inline CSS
 * cannot do: the narrow-screen and the dark-mode media queries. No remote assets except images whose URLs the shop
 * passed in. Every interpolated value is escaped here and nowhere else.
 */

const DEFAULT_COLOR = '#2f6f4e';
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
// Mid-contrast greys: readable on white, and still readable when a client inverts the colors.
const TEXT = '#1f2328';
const MUTED = '#5b616b';
const LINE = '#e3e5e8';
const PAGE = '#f3f4f6';
const CARD = '#ffffff';

export function renderEmail(doc: EmailDocument): RenderedEmail {
	return { subject: doc.subject, preheader: doc.preheader, html: renderHtml(doc), text: renderText(doc) };
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

export function renderHtml(doc: EmailDocument): string {
	const color = safeColor(doc.brand.color, DEFAULT_COLOR);
	const onColor = readableOn(color);
	const body = doc.blocks.map((block) => htmlBlock(block, color, onColor)).join('\n');
	return `<!DOCTYPE html>
<html lang="${e(doc.lang)}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${e(doc.subject)}</title>
<style>
:root { color-scheme: light dark; supported-color-schemes: light dark; }
body { margin: 0; padding: 0; width: 100% !important; -webkit-text-size-adjust: 100%; }
img { border: 0; line-height: 100%; outline: none; text-decoration: none; }
@media only screen and (max-width: 620px) {
  .pp-pad { padding-left: 16px !important; padding-right: 16px !important; }
  .pp-outer { padding: 8px 0 !important; }
}
@media (prefers-color-scheme: dark) {
  .pp-page { background-color: #17181b !important; }
  .pp-card { background-color: #222428 !important; }
  .pp-text { color: #eceef1 !important; }
  .pp-muted { color: #b3b8c0 !important; }
  .pp-line { border-color: #3a3d44 !important; }
  .pp-code { background-color: #2c2f35 !important; color: #eceef1 !important; }
}
</style>
</head>
<body class="pp-page" style="margin:0;padding:0;background-color:${PAGE};">
<div style="display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;">${e(doc.preheader)}${'&#8199;&#847; '.repeat(40)}</div>
<table role="presentation" class="pp-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:${PAGE};">
<tr><td class="pp-outer" align="center" style="padding:24px 8px;">
<table role="presentation" class="pp-card" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:${CARD};border-radius:8px;border-collapse:separate;">
${htmlHeader(doc.brand, color)}
${body}
</table>
${htmlFooter(doc.brand, doc.footer)}
</td></tr>
</table>
</body>
</html>
`;
}

function row(content: string, padding = '8px 32px'): string {
	return `<tr><td class="pp-pad" style="padding:${padding};font-family:${FONT};">${content}</td></tr>`;
}

function htmlHeader(brand: Brand, color: string): string {
	const logo = safeUrl(brand.logoUrl);
	const inner = logo
		? `<img src="${logo}" alt="${e(brand.shopName)}" height="48" style="display:block;height:48px;width:auto;max-width:100%;">`
		: `<span class="pp-text" style="font-size:22px;font-weight:700;color:${color};">${e(brand.shopName)}</span>`;
	return row(inner, '28px 32px 8px 32px');
}

function htmlBlock(block: Block, color: string, onColor: string): string {
	switch (block.type) {
		case 'heading':
			return row(`<h1 class="pp-text" style="margin:0;font-size:24px;line-height:1.3;font-weight:700;color:${TEXT};">${e(block.text)}</h1>`, '16px 32px 4px 32px');
		case 'paragraph':
			return row(`<p class="pp-text" style="margin:0;font-size:16px;line-height:1.55;color:${TEXT};">${multiline(block.text)}</p>`);
		case 'button': {
			const url = safeUrl(block.url);
			if (!url) return '';
			return row(
				`<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td align="center" bgcolor="${color}" style="border-radius:6px;background-color:${color};">` +
					`<a href="${url}" target="_blank" style="display:inline-block;padding:13px 26px;font-family:${FONT};font-size:16px;font-weight:700;line-height:1.2;color:${onColor};text-decoration:none;border-radius:6px;">${e(block.label)}</a>` +
					`</td></tr></table>`,
				'16px 32px',
			);
		}
		case 'lineItems':
			return row(htmlLineItems(block), '16px 32px');
		case 'code':
			return row(
				`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;"><tr><td class="pp-code pp-line" align="center" style="padding:16px;border:2px dashed ${color};border-radius:8px;background-color:#f7f7f9;">` +
					`<div class="pp-muted" style="font-size:14px;color:${MUTED};">${e(block.label)}</div>` +
					`<div class="pp-text" style="margin-top:6px;font-family:'Courier New',Courier,monospace;font-size:24px;font-weight:700;letter-spacing:2px;color:${TEXT};word-break:break-all;">${e(block.code)}</div>` +
					(block.note ? `<div class="pp-muted" style="margin-top:6px;font-size:13px;color:${MUTED};">${multiline(block.note)}</div>` : '') +
					`</td></tr></table>`,
				'16px 32px',
			);
		case 'products':
			return row(htmlProducts(block.title, block.items, color), '16px 32px');
		case 'facts':
			return row(
				`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">` +
					block.rows
						.map((r) => {
							const url = safeUrl(r.url);
							const value = url ? `<a href="${url}" target="_blank" style="color:${color};">${e(r.value)}</a>` : e(r.value);
							return `<tr><td class="pp-muted pp-line" valign="top" style="padding:8px 12px 8px 0;border-bottom:1px solid ${LINE};font-size:14px;color:${MUTED};width:40%;">${e(r.label)}</td>` +
								`<td class="pp-text pp-line" valign="top" style="padding:8px 0;border-bottom:1px solid ${LINE};font-size:15px;color:${TEXT};word-break:break-word;">${value}</td></tr>`;
						})
						.join('') +
					`</table>`,
			);
		case 'rating':
			return row(
				`<p class="pp-text" style="margin:0 0 10px 0;font-size:16px;color:${TEXT};">${e(block.question)}</p>` +
					block.options
						.map((o) => {
							const url = safeUrl(o.url);
							if (!url) return '';
							return `<a href="${url}" target="_blank" style="display:inline-block;margin:0 6px 6px 0;padding:10px 14px;border:1px solid ${color};border-radius:6px;font-size:16px;color:${color};text-decoration:none;">${e(o.label)}</a>`;
						})
						.join(''),
			);
		case 'rawHtml':
			return row(`<div class="pp-text" style="font-size:16px;line-height:1.55;color:${TEXT};word-break:break-word;">${block.html}</div>`);
	}
}

function htmlLineItems(block: Extract<Block, { type: 'lineItems' }>): string {
	const rows = block.rows
		.map((r) => {
			const img = safeUrl(r.imageUrl);
			const imageCell = img
				? `<td width="64" valign="top" class="pp-line" style="width:64px;padding:10px 12px 10px 0;border-bottom:1px solid ${LINE};"><img src="${img}" alt="" width="64" style="display:block;width:64px;max-width:64px;height:auto;border-radius:4px;"></td>`
				: '';
			const detail = r.detail ? `<div class="pp-muted" style="font-size:13px;color:${MUTED};">${e(r.detail)}</div>` : '';
			return `<tr>${imageCell}<td valign="top" class="pp-text pp-line" colspan="${img ? 1 : 2}" style="padding:10px 8px 10px 0;border-bottom:1px solid ${LINE};font-size:15px;color:${TEXT};word-break:break-word;">` +
				`${e(r.quantity)} &times; ${e(r.title)}${detail}</td>` +
				`<td valign="top" align="right" class="pp-text pp-line" style="padding:10px 0;border-bottom:1px solid ${LINE};font-size:15px;color:${TEXT};white-space:nowrap;">${e(r.total)}</td></tr>`;
		})
		.join('');
	const totals = block.totals
		.map(
			(t) =>
				`<tr><td colspan="2" align="right" class="${t.strong ? 'pp-text' : 'pp-muted'}" style="padding:6px 12px 0 0;font-size:${t.strong ? 16 : 14}px;${t.strong ? 'font-weight:700;' : ''}color:${t.strong ? TEXT : MUTED};">${e(t.label)}</td>` +
				`<td align="right" class="pp-text" style="padding:6px 0 0 0;font-size:${t.strong ? 16 : 14}px;${t.strong ? 'font-weight:700;' : ''}color:${TEXT};white-space:nowrap;">${e(t.value)}</td></tr>`,
		)
		.join('');
	return `<div class="pp-muted" style="font-size:13px;text-transform:uppercase;letter-spacing:1px;color:${MUTED};padding-bottom:4px;">${e(block.caption)}</div>` +
		`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;table-layout:auto;">${rows}${totals}</table>`;
}

function htmlProducts(title: string, items: Array<{ title: string; url?: string; imageUrl?: string; price?: string }>, color: string): string {
	const cards = items
		.map((p) => {
			const url = safeUrl(p.url);
			const img = safeUrl(p.imageUrl);
			const name = url ? `<a href="${url}" target="_blank" style="color:${color};text-decoration:none;font-weight:700;">${e(p.title)}</a>` : `<strong>${e(p.title)}</strong>`;
			const picture = img ? `<td width="88" valign="top" style="width:88px;padding:8px 12px 8px 0;">${url ? `<a href="${url}" target="_blank">` : ''}<img src="${img}" alt="${e(p.title)}" width="88" style="display:block;width:88px;max-width:88px;height:auto;border-radius:6px;">${url ? '</a>' : ''}</td>` : '';
			const price = p.price ? `<div class="pp-muted" style="margin-top:4px;font-size:14px;color:${MUTED};">${e(p.price)}</div>` : '';
			return `<tr>${picture}<td valign="middle" class="pp-text" style="padding:8px 0;font-size:15px;color:${TEXT};word-break:break-word;">${name}${price}</td></tr>`;
		})
		.join('');
	return `<h2 class="pp-text" style="margin:0 0 4px 0;font-size:18px;color:${TEXT};">${e(title)}</h2>` +
		`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;">${cards}</table>`;
}

function htmlFooter(brand: Brand, footer: Footer): string {
	const lines: string[] = [];
	const site = safeUrl(brand.websiteUrl);
	lines.push(site ? `<a href="${site}" target="_blank" class="pp-muted" style="color:${MUTED};font-weight:700;">${e(brand.shopName)}</a>` : `<strong>${e(brand.shopName)}</strong>`);
	for (const l of brand.address ?? []) lines.push(e(l));
	for (const l of brand.imprint ?? []) lines.push(e(l));
	const parts = [`<p style="margin:0 0 8px 0;">${lines.join('<br>')}</p>`];
	if (footer.reason) parts.push(`<p style="margin:0 0 8px 0;">${e(footer.reason)}</p>`);
	const unsubscribe = footer.unsubscribe && safeUrl(footer.unsubscribe.url);
	if (footer.unsubscribe && unsubscribe) {
		parts.push(`<p style="margin:0;"><a href="${unsubscribe}" target="_blank" class="pp-muted" style="color:${MUTED};text-decoration:underline;">${e(footer.unsubscribe.label)}</a></p>`);
	}
	return `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;">` +
		`<tr><td class="pp-muted pp-pad" align="center" style="padding:20px 32px;font-family:${FONT};font-size:12px;line-height:1.5;color:${MUTED};word-break:break-word;">${parts.join('')}</td></tr></table>`;
}

function multiline(text: string): string {
	return e(text).replace(/\r?\n/g, '<br>');
}

/** White or near-black text on the brand color, whichever has the higher WCAG contrast. */
export function readableOn(hex: string): string {
	const full = hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex;
	const channel = (i: number) => {
		const v = parseInt(full.slice(1 + i * 2, 3 + i * 2), 16) / 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	};
	const lum = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
	return (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

// ---------------------------------------------------------------------------------------------------------------
// Plain text, from the same blocks

export function renderText(doc: EmailDocument): string {
	const out: string[] = [doc.brand.shopName, ''];
	for (const block of doc.blocks) {
		const text = textBlock(block);
		if (text) out.push(text, '');
	}
	out.push('--');
	out.push(doc.brand.shopName);
	if (doc.brand.websiteUrl) out.push(doc.brand.websiteUrl);
	for (const l of doc.brand.address ?? []) out.push(l);
	for (const l of doc.brand.imprint ?? []) out.push(l);
	if (doc.footer.reason) out.push('', doc.footer.reason);
	if (doc.footer.unsubscribe) out.push('', `${doc.footer.unsubscribe.label}: ${doc.footer.unsubscribe.url}`);
	return out.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

function textBlock(block: Block): string {
	switch (block.type) {
		case 'heading':
			return `${block.text}\n${'='.repeat(Math.min(block.text.length, 60))}`;
		case 'paragraph':
			return block.text;
		case 'button':
			return `${block.label}: ${block.url}`;
		case 'lineItems': {
			const rows = block.rows.map((r) => `${r.quantity} × ${r.title}${r.detail ? ` (${r.detail})` : ''}  ${r.total}`);
			const totals = block.totals.map((t) => `${t.label}: ${t.value}`);
			return [block.caption.toUpperCase(), ...rows, '', ...totals].join('\n');
		}
		case 'code':
			return `${block.label}: ${block.code}${block.note ? `\n${block.note}` : ''}`;
		case 'products':
			return [block.title, ...block.items.map((p) => `- ${p.title}${p.price ? ` (${p.price})` : ''}${p.url ? `: ${p.url}` : ''}`)].join('\n');
		case 'facts':
			return block.rows.map((r) => `${r.label}: ${r.value}${r.url && r.url !== r.value ? ` (${r.url})` : ''}`).join('\n');
		case 'rating':
			return [block.question, ...block.options.map((o) => `${o.label}: ${o.url}`)].join('\n');
		case 'rawHtml':
			return block.text;
	}
}
