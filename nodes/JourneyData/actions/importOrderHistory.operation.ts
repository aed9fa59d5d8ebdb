import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { importOrderHistory } from '../../../core/history';
import type { ImportPeriod, ImportSummary, ShopAccess } from '../../../core/history';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';
import { n8nFetch } from '../../shared/carrierTransport';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';

const fields: INodeProperties[] = [
	{
		displayName: 'Import the last 12 months once when you start: then refill reminders, product birthdays and win-back know your customers from day one. New orders arrive through the Order Placed Trigger.',
		name: 'firstDayNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Period',
		name: 'period',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom Period', value: 'custom', description: 'Orders placed between two dates you choose' },
			{ name: 'Last 12 Months', value: 'last12Months', description: 'Orders placed from this day a year ago until today' },
			{ name: 'Last 24 Months', value: 'last24Months', description: 'Two years, for products bought once a year or less' },
			{ name: 'Last 90 Days', value: 'last90Days', description: 'A quick start, or to catch up after a pause' },
		],
		default: 'last12Months',
		description: 'Which orders to import, by the day they were placed. Whole days in UTC: running again on the same day continues or repeats the same import.',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { period: ['custom'] } },
		description: 'Orders placed at or after this time',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { period: ['custom'] } },
		description: 'Orders placed at or before this time',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Log Progress Every (Pages)',
				name: 'progressEvery',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: "How often to note the progress in n8n's log (one page is up to 250 orders on Shopify, 100 on WooCommerce and Shopware). 0 = only the summary.",
			},
			{
				displayName: 'Longest Wait for the Shop (Seconds)',
				name: 'maxWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'When the shop asks us to slow down for longer than this, the import stops at that page instead of waiting; run it again later to continue there',
			},
			{
				displayName: 'Start Over',
				name: 'restart',
				type: 'boolean',
				default: false,
				description: 'Whether to start from the first page even when an earlier import of this period was interrupted. Orders already imported are not added twice either way.',
			},
		],
	},
];

export const description = showFor({ operation: ['importOrderHistory'] }, fields);

const DAY_MS = 86_400_000;

/** Whole UTC days, so the same relative period run again today is the same import (and resumes). */
function periodOf(ctx: IExecuteFunctions, i: number, now: Date): ImportPeriod {
	const choice = ctx.getNodeParameter('period', i, 'last12Months') as string;
	if (choice === 'custom') {
		const date = (field: 'from' | 'to') => {
			const value = ctx.getNodeParameter(field, i, '') as string;
			const d = new Date(value);
			if (!value || Number.isNaN(d.getTime())) throw new InputError(`"${value}" is not a date.`, field, 'Pick a date and time, e.g. 2025-01-01T00:00:00.');
			return d;
		};
		return { from: date('from'), to: date('to') };
	}
	const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
	const from = new Date(tomorrow.getTime() - DAY_MS);
	if (choice === 'last90Days') return { from: new Date(from.getTime() - 90 * DAY_MS), to: tomorrow };
	if (choice !== 'last12Months' && choice !== 'last24Months') throw new InputError(`Unknown period "${choice}".`, 'period');
	from.setUTCMonth(from.getUTCMonth() - (choice === 'last12Months' ? 12 : 24));
	return { from, to: tomorrow };
}

function accessOf(c: IDataObject): ShopAccess {
	const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
	return {
		platform: text(c.platform),
		shopUrl: text(c.shopUrl),
		accessToken: text(c.accessToken),
		consumerKey: text(c.consumerKey),
		consumerSecret: text(c.consumerSecret),
		accessKeyId: text(c.accessKeyId),
		secretAccessKey: text(c.secretAccessKey),
	};
}

function messageOf(s: ImportSummary): string {
	const seconds = (s.durationMs / 1000).toFixed(1);
	const parts = [`Imported ${s.ordersSeen} orders from ${s.shop} in ${s.pages} pages (${seconds} s): ${s.new} new, ${s.updated} already known, ${s.skipped} skipped.`];
	if (s.resumed) parts.push(`Continued an interrupted import at page ${s.resumedAtPage}; the whole import saw ${s.total.ordersSeen} orders.`);
	if (s.waits) parts.push(`Waited ${s.waits} times (${(s.waitedMs / 1000).toFixed(1)} s) for the shop's rate limit.`);
	return parts.join(' ');
}

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	const credential = await this.getCredentials('postPurchaseShopApi');
	const fetch = n8nFetch(this);
	return forEachItem(this, 1, async (i) => {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const summary = await importOrderHistory({
			store,
			access: accessOf(credential),
			period: periodOf(this, i, new Date()),
			restart: options.restart === true,
			progressEvery: Number(options.progressEvery ?? 10),
			maxWaitMs: Math.max(1, Number(options.maxWaitSeconds ?? 60)) * 1000,
			fetch,
			onProgress: (p) =>
				this.logger.info(`Journey Data: order history import at page ${p.page}: ${p.ordersSeen} orders (${p.new} new, ${p.updated} known, ${p.skipped} skipped), ${p.waits} waits, ${Math.round(p.elapsedMs / 1000)} s`, {
					node: this.getNode().name,
				}),
		});
		const message = messageOf(summary);
		this.logger.info(`Journey Data: ${message}`, { node: this.getNode().name });
		return { json: { ...summary, message } as unknown as IDataObject };
	});
}
