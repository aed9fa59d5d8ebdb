import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { clarifyingQuestion, parseReply, replyText, unhappyAlert } from '../../../core/review';
import type { GermanAddress, RatingScale } from '../../../core/review';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore } from '../../../core/store';
import { showFor } from '../../shared/displayOptions';
import { forEachItem } from '../../shared/itemLoop';
import { obj, text } from './item';

const OUTPUT = { happy: 0, neutral: 1, unhappy: 2, none: 3 } as const;
const DAY_MS = 86_400_000;
/** Replies the SMS Inbound Trigger already handled as keywords: STOP, START, HELP, YES/JA. */
const KEYWORD_INTENTS = ['opt_out', 'opt_in', 'help'];

const fields: INodeProperties[] = [
	{
		displayName: 'Reply Text',
		name: 'replyText',
		type: 'string',
		default: '={{ $json.inbound.body }}',
		description: "The customer's SMS reply. The default reads it from the SMS Inbound Trigger.",
	},
	{
		displayName: 'Customer Phone',
		name: 'from',
		type: 'string',
		default: '={{ $json.inbound.from }}',
		placeholder: 'e.g. +4915112345678',
		description: 'The number the reply came from. It finds the review request this customer got and the scale it named.',
	},
	{
		displayName: 'Voucher Code',
		name: 'couponCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. DANKE10',
		description: 'The thank-you every answer gets, whatever the rating (a reward may never depend on the rating). Leave empty for none.',
	},
	{
		displayName: 'Public Review Link',
		name: 'reviewUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://g.page/r/your-shop/review',
		description: 'Where happy customers are invited to review publicly: your product page, Google, Trusted Shops, Judge.me …',
	},
	{
		displayName: 'Personal Contact',
		name: 'contact',
		type: 'string',
		default: '',
		placeholder: 'e.g. Lisa from our service team (030 1234567)',
		description: 'Who gets in touch with unhappy customers, as the reply names them',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Answer Window (Days)',
				name: 'answerWindowDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'Replies count as ratings only this many days after the review request',
			},
			{
				displayName: 'German Address',
				name: 'germanAddress',
				type: 'options',
				options: [
					{ name: 'Formal (Sie)', value: 'formal' },
					{ name: 'Informal (Du)', value: 'informal' },
				],
				default: 'formal',
				description: 'How the German replies address the customer',
			},
		],
	},
];

export const description = showFor({ operation: ['parseReply'] }, fields);

export async function execute(this: IExecuteFunctions, store: JourneyStore): Promise<INodeExecutionData[][]> {
	return forEachItem(this, 4, async (i, item) => {
		const json = item.json;
		const inbound = obj(json.inbound);
		const reply = String(this.getNodeParameter('replyText', i, '') ?? '');
		const from = String(this.getNodeParameter('from', i, '') ?? '').trim();
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const none = (status: string, extra: IDataObject = {}) => ({ output: OUTPUT.none, json: { ...json, review: { status, reply, ...extra } } });
		// STOP wins: the trigger recorded it (and START, HELP, YES) before this node runs; such a reply is no rating.
		if (KEYWORD_INTENTS.includes(String(inbound.intent ?? '')) || inbound.needsReview === true) return none('keyword');
		if (!from) throw new InputError('No customer phone number: map the number the reply came from', 'from');

		const windowDays = Math.max(1, Number(options.answerWindowDays ?? 30));
		const ask = await store.ratings.latestAsk(from, new Date(Date.now() - windowDays * DAY_MS));
		if (!ask) return none('not_asked');
		const ctx = {
			language: ask.language,
			germanAddress: (options.germanAddress === 'informal' ? 'informal' : 'formal') as GermanAddress,
			couponCode: text(this.getNodeParameter('couponCode', i, '')),
			reviewUrl: text(this.getNodeParameter('reviewUrl', i, '')),
			contact: text(this.getNodeParameter('contact', i, '')),
		};
		const base: IDataObject = {
			...json,
			customer: Object.keys(obj(json.customer)).length ? json.customer : { phone: ask.subject, locale: ask.language },
			order: Object.keys(obj(json.order)).length ? json.order : { id: ask.orderId },
		};
		const asked = { orderId: ask.orderId, askedScale: ask.scale, products: ask.products, reply };

		const parsed = parseReply(reply, ask.scale as RatingScale);
		if (parsed.kind === 'ambiguous') {
			// One clarifying question at most: the first caller for this ask gets it, every later unclear reply does not.
			const question = ask.clarifiedAt === null && (await store.ratings.markClarified(ask.id));
			const review = question
				? { status: 'clarify', reason: parsed.reason, ...asked, replyText: clarifyingQuestion(ask.scale as RatingScale, ctx) }
				: { status: 'unclear', reason: parsed.reason, ...asked };
			return { output: OUTPUT.none, json: { ...base, review } };
		}
		if (parsed.kind === 'none') return { output: OUTPUT.none, json: { ...base, review: { status: 'not_a_rating', ...asked } } };

		await store.ratings.recordRating({
			subject: from,
			orderId: ask.orderId,
			scale: parsed.scale,
			value: parsed.value,
			score: parsed.score,
			sentiment: parsed.sentiment,
			products: ask.products,
			reply,
			providerId: text(inbound.messageSid) ?? null,
		});
		const review: IDataObject = {
			status: 'rated',
			...asked,
			scale: parsed.scale,
			value: parsed.value,
			score: parsed.score,
			sentiment: parsed.sentiment,
			replyText: replyText(parsed.sentiment, ctx),
		};
		if (ctx.reviewUrl && parsed.sentiment === 'happy') review.url = ctx.reviewUrl;
		if (parsed.sentiment === 'unhappy') {
			const order = obj(json.order);
			review.alert = unhappyAlert({ orderId: ask.orderId, orderNumber: text(order.number), customer: ask.subject || from, scale: parsed.scale, value: parsed.value, reply });
		}
		return { output: OUTPUT[parsed.sentiment], json: { ...base, review } };
	});
}
