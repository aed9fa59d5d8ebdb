import type { Block } from '../model';
import type { TemplateInput } from '../input';
import type { TemplateContext } from './types';
import type { TemplateTexts } from './common';
import type { EmailTemplate } from './types';

/** Return received: the return arrived; a return that already carries a refund becomes the refund e-mail. */

const TEXTS: Record<'de' | 'en', TemplateTexts> = {
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
};

export const returnReceived: EmailTemplate = {
	step: 'return_received',
	purpose: 'transactional',
	texts: () => TEXTS,
	blocks: (ctx) => returnBlocks(ctx),
	insteadFor: (input: TemplateInput) => (hasRefund(input) ? 'refund_issued' : undefined),
};

/** A return with a refund amount that is past "requested"/"received" has been refunded. */
function hasRefund(input: TemplateInput): boolean {
	return input.return?.refund?.amount !== undefined && input.return.status !== 'received' && input.return.status !== 'requested';
}

/** The returned items, the refund amount and a link to the order: the same for the return and the refund e-mail. */
export function returnBlocks(ctx: TemplateContext): Block[] {
	const { common, input, refund } = ctx;
	const out: Block[] = [];
	const items = input.return?.items?.filter((i) => i.title || i.sku) ?? [];
	const rows = items.map((i) => ({ label: `${Number(i.quantity ?? 1)} ×`, value: String(i.title || i.sku) }));
	if (rows.length) out.push({ type: 'paragraph', text: common.returnedItems + ':' }, { type: 'facts', rows });
	if (refund) out.push({ type: 'facts', rows: [{ label: common.refundAmount, value: refund }] });
	return [...out, ...ctx.button(input.order?.statusUrl, common.viewOrder)];
}
