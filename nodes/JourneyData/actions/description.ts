import type { INodeProperties } from 'n8n-workflow';
import * as createTrackingLink from './createTrackingLink.operation';
import * as getOrderStatus from './getOrderStatus.operation';
import * as getJourneyBoard from './getJourneyBoard.operation';
import * as getJourneyReport from './getJourneyReport.operation';
import * as importOrderHistory from './importOrderHistory.operation';

/** The operation selector (sorted, each with its action text), then each operation's own fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'importOrderHistory',
		options: [
			{
				name: 'Create Tracking Page Link',
				value: 'createTrackingLink',
				action: 'Create a link to the tracking page of an order',
				description: 'A personal link that opens the order on the tracking page without the form, for the shipping SMS or e-mail',
			},
			{
				name: 'Get Journey Board',
				value: 'getJourneyBoard',
				action: 'Get where every order stands',
				description: 'One row per order with its stage (placed, paid, shipped, out for delivery, delivered, returned), time in stage and stuck or delayed flags; or the board as a web page or CSV',
			},
			{
				name: 'Get Journey Report',
				value: 'getJourneyReport',
				action: 'Get what each journey step achieved',
				description: 'Per journey step and channel: sent, delivered, failed, clicked, opted out, orders and revenue attributed, SMS cost; or the report as a web page or CSV',
			},
			{
				name: 'Get Order Status',
				value: 'getOrderStatus',
				action: 'Show a customer the status of an order',
				description: 'The tracking page: order number plus e-mail or postcode in, status, delivery estimate, tracking link and recommendations out',
			},
			{
				name: 'Import Order History',
				value: 'importOrderHistory',
				action: 'Import past orders from the shop',
				description: "Copy the shop's orders of a period into the journey store, so refill reminders, product birthdays and win-back know what customers bought before",
				displayOptions: { hide: { '@tool': [true] } },
			},
		],
	},
	...createTrackingLink.description,
	...getOrderStatus.description,
	...getJourneyBoard.description,
	...getJourneyReport.description,
	...importOrderHistory.description,
];
