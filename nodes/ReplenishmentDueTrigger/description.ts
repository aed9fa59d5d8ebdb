import type { INodeProperties } from 'n8n-workflow';
import { showFor } from '../shared/displayOptions';

/**
 * The Replenishment Due Trigger's parameters. Names and option values are stored in saved workflows and templates:
 * reword display names freely, never rename a `name` or `value`. Mode values are the journey steps they start.
 */

const refill = showFor({ mode: ['replenishment'] }, [
	{
		displayName: 'Products',
		name: 'products',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Products',
		default: { product: [{ skus: '', daysPerUnit: 0 }] },
		description: 'The consumables to remind about. Several SKUs that last equally long can share one row.',
		options: [
			{
				displayName: 'Product',
				name: 'product',
				values: [
					{
						displayName: 'SKUs',
						name: 'skus',
						type: 'string',
						default: '',
						placeholder: 'e.g. COFFEE-500, COFFEE-1000',
						description: 'One SKU or a list separated by commas, as your shop shows them on the products',
					},
					{
						displayName: 'Days per Unit',
						name: 'daysPerUnit',
						type: 'number',
						default: 0,
						typeOptions: { minValue: 0, numberPrecision: 1 },
						description:
							'How many days one unit lasts (two packs last twice as long). 0 = learn it from your customers who reordered (the median per unit); used once enough of them exist, see "Learn After".',
					},
				],
			},
		],
	},
	{
		displayName: 'Lead Time (Days)',
		name: 'leadDays',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 0 },
		description: 'How many days before the product runs out the reminder goes out, so a new order arrives in time',
	},
]);

const birthday = showFor({ mode: ['product_birthday'] }, [
	{
		displayName: 'Durable Product SKUs',
		name: 'birthdaySkus',
		type: 'string',
		default: '',
		placeholder: 'e.g. TV-55, ESPRESSO-PRO',
		description: 'The products that get a birthday message, separated by commas. Each purchased item gets one, once.',
	},
	{
		displayName: 'Months After Purchase',
		name: 'birthdayMonths',
		type: 'number',
		default: 12,
		typeOptions: { minValue: 1 },
		description: 'When the birthday message is due: 12 = one year after the purchase',
	},
]);

const winBack = showFor({ mode: ['win_back'] }, [
	{
		displayName: 'Inactive For (Days)',
		name: 'winBackAfterDays',
		type: 'number',
		default: 180,
		typeOptions: { minValue: 1 },
		description: 'Customers without an order for this many days get one win-back message. A new order starts the count again.',
	},
	{
		displayName: 'Or Rhythm Factor',
		name: 'winBackFactor',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 1 },
		description:
			'0 = off. With e.g. 2, a customer with at least three orders lapses after twice their own usual time between orders (at least "Minimum Days"); everyone else after "Inactive For".',
	},
]);

export const properties: INodeProperties[] = [
	{
		displayName:
			'Reads the order history in the journey store, which every Order Placed Trigger (and the Journey Data node\'s history import) fills. Publish an Order Placed Trigger for the same shop and journey store. Customers who opted out are emitted too: put a Consent Gate before every message.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'replenishment',
		options: [
			{ name: 'Product Birthday', value: 'product_birthday', description: 'Some months after a durable product was bought, once per item' },
			{ name: 'Replenishment', value: 'replenishment', description: 'When a consumable is about to run out, once per purchase, with a reorder link' },
			{ name: 'Win-Back', value: 'win_back', description: 'When a customer has not ordered for a long time, once per lapse, with their last order and an unused voucher' },
		],
		description: 'What the trigger looks for; the journey step of its items has the same name',
	},
	...refill,
	...birthday,
	...winBack,
	{
		displayName: 'Shop URL',
		name: 'shopUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com',
		description:
			'Your shop\'s address. Reorder links are built on it (Shopify cart link with the variants and quantities, WooCommerce add-to-cart link, Shopware product page); without one there is no reorder link.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Learn After (Customers)',
				name: 'minRepeatCustomers',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { '/mode': ['replenishment'] } },
				description: 'How many customers must have reordered a SKU before its learned interval is used (Days per Unit = 0)',
			},
			{
				displayName: 'Max Items per Poll',
				name: 'maxItems',
				type: 'number',
				default: 500,
				typeOptions: { minValue: 1 },
				description: 'At most this many customers per poll; the rest follow in the next polls',
			},
			{
				displayName: 'Minimum Days',
				name: 'winBackMinDays',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { '/mode': ['win_back'] } },
				description: 'With a rhythm factor: never sooner than this many days after the last order',
			},
			{
				displayName: 'Skip If Overdue For (Days)',
				name: 'maxOverdueDays',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 0 },
				description:
					'Reminders that fell due longer ago are skipped, so an imported history or a long n8n outage does not send old reminders. 0 = no limit.',
			},
			{
				displayName: 'Voucher Look-Back (Days)',
				name: 'voucherLookbackDays',
				type: 'number',
				default: 365,
				typeOptions: { minValue: 1 },
				displayOptions: { show: { '/mode': ['win_back'] } },
				description: 'How far back the message log is searched for a voucher we sent that was never redeemed',
			},
		],
	},
];
