import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { boardPage } from '../../../core/pages';
import { BOARD_CSV_HEADER, boardCsvRows, DEFAULT_THRESHOLDS, journeyBoard, toCsv } from '../../../core/reports';
import type { JourneyStore } from '../../../core/store';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';
import { csvItem, languageOf, languageOption, outputField, outputOf, pageItem } from './pageOutput';

const fields: INodeProperties[] = [
	{
		displayName:
			'Where every order stands: placed, paid, shipped, out for delivery, delivered, returned. Stages come from the Order Placed, Shipped, Return Received and Tracking Update triggers.',
		name: 'boardNotice',
		type: 'notice',
		default: '',
	},
	outputField('order'),
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. #1042 or anna@example.com',
		description: "Only the order with this order number or ID, or the orders of this customer's e-mail or phone number. Empty = all orders.",
	},
	{
		displayName: 'Stuck After',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Add limit',
		default: {},
		description: 'When an order counts as stuck in its stage',
		options: [
			{
				displayName: 'No Carrier Scan for (Days)',
				name: 'noScanDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 4,
				description: 'A shipped parcel the carrier has not scanned for this many days',
			},
			{
				displayName: 'Paid, Not Shipped for (Days)',
				name: 'unshippedDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 2,
				description: 'A paid order not shipped after this many days',
			},
			{
				displayName: 'Unpaid for (Days)',
				name: 'unpaidDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description: 'An order still unpaid after this many days',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Contact',
				name: 'includeContact',
				type: 'boolean',
				default: false,
				description: "Whether to show the customer's e-mail or phone number in full. Off: masked (a***@e***.com), enough to recognise an order.",
			},
			{
				displayName: 'Keep Finished Orders for (Days)',
				name: 'finishedDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description: 'Delivered and returned orders stay on the board this many days after their last change',
			},
			languageOption,
			{
				displayName: 'Max Orders',
				name: 'maxOrders',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2000,
				description: 'The newest orders up to this number',
			},
			{
				displayName: 'Orders of the Last (Days)',
				name: 'days',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'Orders placed within this many days',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description: "For times on the page. Empty = the workflow's time zone.",
			},
		],
	},
];

export const description = showFor({ operation: ['getJourneyBoard'] }, fields);

const count = (value: unknown, fallback: number) => (value === undefined || value === '' || !Number.isFinite(Number(value)) ? fallback : Math.max(0, Number(value)));

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	return forEachItem(this, 1, async (i) => {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const limits = this.getNodeParameter('thresholds', i, {}) as IDataObject;
		const now = new Date();
		const board = await journeyBoard(store.reports, {
			now,
			thresholds: {
				unpaidDays: count(limits.unpaidDays, DEFAULT_THRESHOLDS.unpaidDays),
				unshippedDays: count(limits.unshippedDays, DEFAULT_THRESHOLDS.unshippedDays),
				noScanDays: count(limits.noScanDays, DEFAULT_THRESHOLDS.noScanDays),
			},
			days: Math.max(1, count(options.days, 30)),
			finishedDays: count(options.finishedDays, 7),
			limit: Math.max(1, Math.trunc(count(options.maxOrders, 2000))),
			includeContact: options.includeContact === true,
			search: String(this.getNodeParameter('search', i, '') ?? ''),
		});
		const output = outputOf(this.getNodeParameter('output', i, 'items'));
		const timeZone = String(options.timeZone || this.getTimezone());
		if (output === 'page') return { json: pageItem(boardPage(board, { language: languageOf(options), timeZone })) };
		if (output === 'csv') return { json: csvItem(toCsv(BOARD_CSV_HEADER, boardCsvRows(board)), `journey-board-${now.toISOString().slice(0, 10)}.csv`) };
		return board.cards.map((c) => ({ json: { ...c } as unknown as IDataObject }));
	});
}
