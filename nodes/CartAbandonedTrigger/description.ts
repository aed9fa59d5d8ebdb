import type { INodeProperties } from 'n8n-workflow';
import { customProperties, platformProperty, rawBodyOption } from '../shared/commerceTriggerProperties';

/**
 * The Cart Abandoned Trigger's parameters. Names and values are stored in saved workflows and templates: reword
 * display names freely, never rename `name`s or `value`s.
 */

export const REMIND_AFTER_DEFAULT = '1h, 24h, 72h';
export const MAX_AGE_DEFAULT = '7d';

const EXAMPLE_MAPPING =
	'={{ { cart: { id: $json.body.cartId, items: $json.body.items, total: $json.body.total, currency: "EUR", recoveryUrl: $json.body.cartUrl, updatedAt: $json.body.updatedAt }, customer: { email: $json.body.email, phone: $json.body.phone, firstName: $json.body.firstName, locale: $json.body.locale } } }}';

// Every cart update is a new event with the same cart ID: without an event ID header, identical bodies are the duplicates.
const custom = customProperties(EXAMPLE_MAPPING).map((p) =>
	p.name === 'customDedupeKey' ? { ...p, default: "={{ $json.headers['x-event-id'] || '' }}", description: `${p.description} Do not use the cart ID: every update of a cart has the same one.` } : p,
);

export const properties: INodeProperties[] = [
	{
		displayName:
			"Shopify: with API access in the credential, publishing the workflow creates the checkout webhooks in your shop; otherwise add webhooks for \"Checkout creation\" and \"Checkout update\" with the production URL above. WooCommerce and Shopware 6 send no cart webhooks: choose Custom JSON and add the small snippet from the set-up guide in the README. Orders cancel reminders through the Order Placed Trigger of any workflow: publish one for the same shop.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	// Only the platforms that send carts: WooCommerce and Shopware 6 come in through Custom JSON (see the notice).
	{
		...platformProperty,
		options: [
			{ name: 'Custom JSON', value: 'custom', description: 'Any system that can send the cart as JSON to a URL (WooCommerce and Shopware 6 through the snippet in the set-up guide)' },
			{ name: 'Shopify', value: 'shopify', description: 'Checkout creation and update webhooks' },
		],
		description: 'Which shop system sends the carts. Must match the platform of the credential.',
	},
	...custom,
	{
		displayName: 'Remind After',
		name: 'remindAfter',
		type: 'string',
		default: REMIND_AFTER_DEFAULT,
		placeholder: 'e.g. 1h, 24h, 72h',
		description:
			'When each reminder goes out after the last activity in the cart, one time per reminder (s, m, h or d; a bare number is hours). The workflow gets each reminder once, with its number in "reminder.step". New activity in the cart moves the reminders that are still to come.',
	},
	{
		displayName: 'Max Age',
		name: 'maxAge',
		type: 'string',
		default: MAX_AGE_DEFAULT,
		placeholder: 'e.g. 7d',
		description: 'Carts idle for longer get no more reminders, e.g. after n8n was down for a while. Leave empty for no limit.',
	},
	{
		displayName: 'Minimum Cart Value',
		name: 'minimumValue',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: 'Carts with a smaller total get no reminder. 0 reminds every cart.',
	},
	{
		displayName: 'Discount On Reminder',
		name: 'discountStep',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 0 },
		description: 'Which reminder carries a discount code in "coupon.code" (0 = none). Usually the last one.',
	},
	{
		displayName: 'Shopify Price Rule ID',
		name: 'shopifyPriceRuleId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1213498286142',
		displayOptions: { show: { platform: ['shopify'] } },
		description:
			'With API access in the credential (scope write_discounts), each cart gets its own code under this price rule (Shopify admin → Discounts; the number at the end of its URL). Empty, or when the shop refuses: the fixed code below.',
	},
	{
		displayName: 'Fixed Discount Code',
		name: 'discountCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. WELCOMEBACK10',
		description: 'The code every customer gets on the discount reminder when no code is made in the shop. Create it in your shop first.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: { binaryData: true },
		options: [rawBodyOption],
	},
];
