import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { onceValue } from '../../core/journey';
import type { OncePer } from '../../core/journey';

/** Property blocks more than one node uses, and how to read them. */

/** Shown from typeVersion 1.1 on (light versioning, style.md). */
export const FROM_V11 = { '@version': [{ _cnd: { gte: 1.1 } }] };
/** Shown for typeVersion 1 only: saved workflows keep the fields they were made with. */
export const V1_ONLY = { '@version': [1] };

/**
 * "Send Once Per" as a plain choice (version 1.1), instead of version 1's default expression. The claim key is
 * `<journey step>:<value>`, the value the Consent Gate's "Journey Step" must name after the colon.
 */
export function sendOncePerProperties(example: string): INodeProperties[] {
	return [
		{
			displayName: 'Send Once Per',
			name: 'sendOncePer',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Custom Value', value: 'custom', description: 'A value of your own, e.g. a campaign name' },
				{ name: 'Only Once Ever', value: 'ever', description: 'Once per customer, whatever the order' },
				{ name: 'Order', value: 'order', description: 'Once per order ID' },
				{ name: 'Order, Shipment or Return (Automatic)', value: 'auto', description: 'The order ID; for items without an order the tracking number, then the return ID' },
				{ name: 'Return', value: 'return', description: 'Once per return ID' },
				{ name: 'Shipment', value: 'shipment', description: 'Once per tracking number, e.g. for a split shipment' },
			],
			default: 'auto',
			description: `The same customer gets this journey step at most once per order, shipment or return, e.g. ${example}. Leave "Automatic" unless one order gets this step more than once.`,
			displayOptions: { show: { ...FROM_V11 } },
		},
		{
			displayName: 'Custom Value',
			name: 'dedupeId',
			type: 'string',
			default: '',
			placeholder: 'e.g. spring-campaign-2026',
			description: 'The customer gets this journey step once per value',
			displayOptions: { show: { ...FROM_V11, sendOncePer: ['custom'] } },
		},
	];
}

/** The value sends are narrowed by: version 1's `dedupeId` as resolved by n8n, or the 1.1 choice read from the item. */
export function onceValueFor(ctx: IExecuteFunctions, i: number, json: Record<string, unknown>): string {
	if (ctx.getNode().typeVersion < 1.1) return String(ctx.getNodeParameter('dedupeId', i, '') ?? '');
	const per = ctx.getNodeParameter('sendOncePer', i, 'auto') as OncePer;
	return onceValue(json, per, per === 'custom' ? String(ctx.getNodeParameter('dedupeId', i, '') ?? '') : '');
}
