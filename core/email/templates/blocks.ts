import { InputError } from '../../shared/errors';
import type { LineItemInput, ProductInput, TemplateInput } from '../input';
import type { Block, Language, LineRow, ProductCard, TotalRow } from '../model';
import { formatMinor, formatMoney, toMinor } from '../money';
import { COMMON } from './common';

/** Blocks more than one template builds: a table of line items with totals, product cards. */

export function lineItemsBlock(
	items: LineItemInput[] | undefined,
	totals: TemplateInput['order'] | undefined,
	currency: string,
	locale: string,
	caption: string,
	lang: Language,
): Block | null {
	if (!items?.length) return null;
	const common = COMMON[lang];
	let sumMinor = 0;
	const rows: LineRow[] = items.map((item, index) => {
		const quantity = Number(item.quantity ?? 1);
		if (!Number.isFinite(quantity) || quantity <= 0) throw new InputError(`Line item ${index + 1} has an invalid quantity`, `lineItems[${index}].quantity`);
		const lineMinor = item.total !== undefined ? toMinor(item.total, currency) : (() => {
			const unit = toMinor(item.unitPrice, currency);
			return unit === null ? null : unit * quantity;
		})();
		if (lineMinor !== null) sumMinor += lineMinor;
		return {
			title: String(item.title || item.sku || '—'),
			detail: item.variant || undefined,
			quantity,
			total: lineMinor === null ? '' : formatMinor(lineMinor, currency, locale),
			imageUrl: item.imageUrl,
		};
	});
	const totalRows: TotalRow[] = [];
	const add = (label: string, amount: unknown, negative = false) => {
		const minor = toMinor(amount, currency);
		if (minor !== null && minor !== 0) totalRows.push({ label, value: formatMinor(negative ? -Math.abs(minor) : minor, currency, locale) });
	};
	const hasBreakdown = totals?.shippingTotal !== undefined || totals?.discountTotal !== undefined;
	if (hasBreakdown) totalRows.push({ label: common.subtotal, value: formatMinor(toMinor(totals?.subtotal, currency) ?? sumMinor, currency, locale) });
	add(common.shipping, totals?.shippingTotal);
	add(common.discount, totals?.discountTotal, true);
	const totalMinor = toMinor(totals?.total, currency) ?? sumMinor;
	totalRows.push({ label: common.total, value: formatMinor(totalMinor, currency, locale), strong: true });
	if (totals?.taxTotal !== undefined) {
		const tax = toMinor(totals.taxTotal, currency);
		if (tax) totalRows.push({ label: lang === 'de' ? `inkl. ${common.tax}` : `incl. ${common.tax}`, value: formatMinor(tax, currency, locale) });
	}
	return { type: 'lineItems', caption, rows, totals: totalRows };
}

export function productCards(items: ProductInput[], currency: string, locale: string): ProductCard[] {
	return items
		.filter((p) => p.title)
		.slice(0, 6)
		.map((p) => ({ title: String(p.title), url: p.url, imageUrl: p.imageUrl, price: p.price !== undefined ? formatMoney(p.price, p.currency || currency, locale) : undefined }));
}
