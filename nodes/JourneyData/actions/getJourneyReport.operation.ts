import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { reportPage } from '../../../core/pages';
import { journeyReport, lastDays, periodOf, REPORT_CSV_HEADER, reportCsvRows, toCsv } from '../../../core/reports';
import type { ReportPeriod } from '../../../core/reports';
import { parsePriceOverrides, priceTable } from '../../../core/sms';
import type { PriceTable } from '../../../core/sms';
import type { JourneyStore } from '../../../core/store';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';
import { csvItem, languageOf, languageOption, outputField, outputOf, pageItem } from './pageOutput';

const fields: INodeProperties[] = [
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom Period', value: 'custom', description: 'Messages sent between two dates you choose' },
			{ name: 'Last Days', value: 'lastDays', description: 'The last few whole days up to and including today' },
		],
		default: 'lastDays',
		description: "Which messages to count, by the day they were sent in the shop's time zone",
	},
	{
		displayName: 'Days',
		name: 'days',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 366 },
		default: 30,
		displayOptions: { show: { period: ['lastDays'] } },
		description: 'How many days, today included. The template takes it from the address (?days=7).',
	},
	{ displayName: 'From', name: 'from', type: 'dateTime', default: '', required: true, displayOptions: { show: { period: ['custom'] } }, description: 'First moment of the period' },
	{ displayName: 'To', name: 'to', type: 'dateTime', default: '', required: true, displayOptions: { show: { period: ['custom'] } }, description: 'End of the period (not included)' },
	outputField('journey step and channel'),
	{
		displayName: 'Split by Day',
		name: 'byDay',
		type: 'boolean',
		default: false,
		displayOptions: { show: { output: ['items'] } },
		description: 'Whether to put out one item per journey step and day (sent, clicked, ordered) instead of one per step and channel, e.g. for your own chart',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Opt-Out Window (Days)',
				name: 'optOutDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				description: "An opt-out counts for the journey step of the customer's last message within this many days before it",
			},
			languageOption,
			{
				displayName: 'Price Currency',
				name: 'priceCurrency',
				type: 'string',
				default: '',
				placeholder: 'e.g. EUR',
				description: 'Currency of your own SMS prices. Empty = USD, the currency of the built-in Twilio list prices.',
			},
			{
				displayName: 'Price Per Segment',
				name: 'prices',
				type: 'json',
				default: '',
				placeholder: '{"DE": 0.075, "default": 0.09}',
				description: 'Your contract price for one SMS segment by destination country, for the cost estimate. Empty = Twilio list prices in USD.',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description: "Where the shop's days begin and end. Empty = the workflow's time zone.",
			},
		],
	},
];

export const description = showFor({ operation: ['getJourneyReport'] }, fields);

function periodFor(ctx: IExecuteFunctions, i: number, timeZone: string): ReportPeriod {
	if (ctx.getNodeParameter('period', i, 'lastDays') === 'custom') {
		return periodOf(new Date(String(ctx.getNodeParameter('from', i, ''))), new Date(String(ctx.getNodeParameter('to', i, ''))), timeZone);
	}
	return lastDays(Number(ctx.getNodeParameter('days', i, 30)), new Date(), timeZone);
}

/** Twilio's list prices in USD, with the shop's own prices over them; in another currency only the shop's own. */
function pricesOf(raw: unknown, currency: string): PriceTable {
	const table = parsePriceOverrides(raw);
	if (!currency || currency === table.currency) return table;
	return priceTable(raw ? ((typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, number>) : {}, currency);
}

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	return forEachItem(this, 1, async (i) => {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const timeZone = String(options.timeZone || this.getTimezone());
		const period = periodFor(this, i, timeZone);
		const prices = pricesOf(options.prices, String(options.priceCurrency ?? '').trim().toUpperCase());
		const report = await journeyReport(store.reports, { ...period, prices, optOutLookbackDays: Number(options.optOutDays ?? 7) });
		const output = outputOf(this.getNodeParameter('output', i, 'items'));
		// The CSV link of a "last days" page keeps its days.
		const days = this.getNodeParameter('period', i, 'lastDays') === 'custom' ? '' : `&days=${Number(this.getNodeParameter('days', i, 30))}`;
		if (output === 'page') return { json: pageItem(reportPage(report, { language: languageOf(options), csvHref: `?format=csv${days}` })) };
		const range = `${report.from.slice(0, 10)}-${new Date(period.to.getTime() - 1).toISOString().slice(0, 10)}`;
		if (output === 'csv') return { json: csvItem(toCsv(REPORT_CSV_HEADER, reportCsvRows(report)), `journey-report-${range}.csv`) };
		const common = { from: report.from, to: report.to };
		if (this.getNodeParameter('byDay', i, false) === true) return report.days.map((d) => ({ json: { ...common, ...d } as unknown as IDataObject }));
		return report.rows.map((r) => ({
			json: { ...common, ...r, revenueCurrency: report.revenueCurrency, smsCostCurrency: r.smsCost === null ? null : report.smsCostCurrency, smsCostSource: r.smsCost === null ? null : report.smsCostSource } as unknown as IDataObject,
		}));
	});
}
