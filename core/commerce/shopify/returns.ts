import { InputError } from '../../shared/errors';
import { currencyCode, minorUnits, money } from '../money';
import type { Return, ReturnItem } from '../model';
import { normalizeReturnReason } from '../reason';
import { isoTime } from '../time';
import { arr, firstStr, int, obj, path, str } from '../values';
import type { Json } from '../values';
import { orderNumberFromName } from './order';

/** `returns/request` and `returns/approve`: a return with per-item reasons (Shopify's ReturnReason enum). */
export function shopifyReturn(payload: Json, status: string): Return {
	const id = str(payload.id);
	if (!id) throw new InputError('The Shopify return has no "id".', 'id');
	const items: ReturnItem[] = arr(payload.return_line_items).map((raw) => {
		const rli = obj(raw) ?? {};
		const lineItem = obj(path(rli, 'fulfillment_line_item.line_item')) ?? obj(rli.line_item) ?? {};
		const reasonRaw = str(rli.return_reason);
		return {
			sku: str(lineItem.sku),
			productId: str(lineItem.product_id),
			title: firstStr(lineItem.title, lineItem.name),
			quantity: int(rli.quantity, 1),
			reason: normalizeReturnReason(reasonRaw === 'other' || !reasonRaw ? (str(rli.return_reason_note) ?? reasonRaw) : reasonRaw),
			reasonRaw,
			note: firstStr(rli.customer_note, rli.return_reason_note),
		};
	});
	return {
		id,
		orderId: firstStr(path(payload, 'order.id'), payload.order_id),
		orderNumber: orderNumberFromName(payload.name),
		status,
		items,
		reason: items[0]?.reason ?? 'other',
		refund: null,
		requestedAt: isoTime(payload.requested_at) ?? isoTime(payload.created_at),
	};
}

/** `refunds/create`: the refunded amount is what the successful refund transactions paid back. */
export function shopifyRefund(payload: Json): Return {
	const id = str(payload.id);
	if (!id) throw new InputError('The Shopify refund has no "id".', 'id');
	const transactions = arr(payload.transactions)
		.map((t) => obj(t) ?? {})
		.filter((t) => str(t.kind) === 'refund' && (str(t.status) ?? 'success') === 'success');
	const currency = currencyCode(transactions[0]?.currency) ?? currencyCode(path(payload, 'refund_line_items.0.subtotal_set.shop_money.currency_code'));
	let cents = 0n;
	const digits = minorUnits(currency);
	for (const [i, t] of transactions.entries()) {
		const amount = money(t.amount, currency, `transactions[${i}].amount`) ?? '0';
		cents += decimalToUnits(amount, digits);
	}
	const note = str(payload.note);
	const reason = normalizeReturnReason(note);
	const items: ReturnItem[] = arr(payload.refund_line_items).map((raw) => {
		const rli = obj(raw) ?? {};
		const li = obj(rli.line_item) ?? {};
		return { sku: str(li.sku), productId: str(li.product_id), title: firstStr(li.title, li.name), quantity: int(rli.quantity, 1), reason, reasonRaw: note, note };
	});
	return {
		id,
		orderId: str(payload.order_id),
		orderNumber: null,
		status: 'refunded',
		items,
		reason,
		refund: transactions.length ? { amount: unitsToDecimal(cents, digits), currency, paymentGateway: str(transactions[0].gateway) } : null,
		requestedAt: isoTime(payload.processed_at) ?? isoTime(payload.created_at),
	};
}

function decimalToUnits(value: string, digits: number): bigint {
	const negative = value.startsWith('-');
	const [whole, frac = ''] = value.replace('-', '').split('.');
	const units = BigInt(whole + frac.padEnd(digits, '0').slice(0, digits));
	return negative ? -units : units;
}

function unitsToDecimal(units: bigint, digits: number): string {
	const negative = units < 0n;
	const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
	const sign = negative ? '-' : '';
	return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
