import type { INodeProperties } from 'n8n-workflow';

export const CARRIER_CREDENTIAL = 'postPurchaseCarrierApi';

const GROUPS: Array<{ name: string; value: string; description: string }> = [
	{ name: 'Available for Pickup', value: 'available_for_pickup', description: 'The parcel waits at a parcel shop or locker' },
	{ name: 'Delayed', value: 'delayed', description: 'The promised delivery day passed without delivery' },
	{ name: 'Delivered', value: 'delivered', description: 'Delivered, with time, place and whether a neighbour or parcel shop took it' },
	{ name: 'Exception', value: 'exception', description: 'The carrier reports a problem (damaged, held at customs, address issue …)' },
	{ name: 'Failed Attempt', value: 'failed_attempt', description: 'The carrier tried to deliver and could not' },
	{ name: 'In Transit', value: 'in_transit', description: 'The parcel moves through the carrier network' },
	{ name: 'Info Received', value: 'info_received', description: 'The carrier has the label data, the parcel is not scanned yet' },
	{ name: 'Out for Delivery', value: 'out_for_delivery', description: 'The parcel is on the delivery vehicle today' },
	{ name: 'Returned to Sender', value: 'returned_to_sender', description: 'The parcel goes back to the shop' },
	{ name: 'Stuck', value: 'stuck', description: 'Paid but not shipped, or no carrier scan for days (see options)' },
];

export const properties: INodeProperties[] = [
	{
		displayName:
			'Follows every parcel a Shipped Trigger (in any workflow) or Carrier Track has seen. It needs a Carrier API credential: without one it looks nothing up and emits nothing. Each status change starts the workflow once, on the output of its group.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		default: ['available_for_pickup', 'delayed', 'delivered', 'exception', 'failed_attempt', 'out_for_delivery', 'returned_to_sender'],
		options: GROUPS,
		description: 'Which status changes start the workflow. Others are noted and skipped. Leave empty for all.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Look Up Each Parcel Every (Minutes)',
				name: 'checkEveryMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'A fixed interval between look-ups of one parcel. 0 follows the parcel: every 30 minutes while out for delivery, every few hours in transit, never after delivery. Each look-up costs carrier calls.',
			},
			{
				displayName: 'Max Parcels per Check',
				name: 'maxShipments',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1000,
				description: 'How many due parcels one check looks up at most. The rest wait for the next check. Lower it when your carrier plan has a small daily budget.',
			},
			{
				displayName: 'Shop Country',
				name: 'shopCountry',
				type: 'string',
				default: 'DE',
				placeholder: 'e.g. DE',
				description: 'Two-letter country of your shop, for its public holidays when counting working days',
			},
			{
				displayName: 'Stuck: Days Without Scan',
				name: 'noScanDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Emit "Stuck" when the carrier has not scanned a parcel for this many days. 0 turns the check off.',
			},
			{
				displayName: 'Stuck: Working Days Paid but Not Shipped',
				name: 'paidNotShippedDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Emit "Stuck" for an order paid this many working days ago (weekends and public holidays of the shop country do not count) and not shipped yet. 0 turns the check off.',
			},
		],
	},
];
