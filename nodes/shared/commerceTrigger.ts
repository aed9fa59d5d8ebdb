import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { createCustomAdapter, platformAdapter, receiveDelivery } from '../../core/commerce';
import type { CanonicalEvent, CommerceAdapter, CommerceEventName, HeaderMap, Platform, ReceiveOutcome } from '../../core/commerce';
import { systemClock } from '../../core/shared/clock';
import { maskText } from '../../core/shared/mask';
import type { JourneyStore } from '../../core/store';
import type { HmacAlgorithm, SignatureEncoding } from '../../core/shared/signature';
import { SHOP_COUNTRY_DEFAULT } from './commerceTriggerProperties';
import { getJourneyStore } from './storeFromCredential';

/**
 * The one webhook pipeline behind Order Placed, Shipped and Return Received: raw body → size limit → signature →
 * JSON → topic → delivery claim in the journey store → adapt → emit. The work is done by the core's
 * `receiveDelivery`; this file only reads the node's settings and turns the outcome into an HTTP answer or items.
 * Answers carry a short reason only: never the payload, a secret or personal data.
 */

export const SHOP_CREDENTIAL = 'postPurchaseShopApi';

export type ParamReader = (name: string, fallback: unknown) => unknown;

export interface CommerceTriggerSpec {
	/** Events this trigger emits with its current settings (`param` reads a node parameter). */
	events(param: ParamReader): CommerceEventName[];
	/** Custom JSON: the event when the mapping names none. */
	defaultCustomEvent: CommerceEventName;
	/**
	 * Keeps the accepted events (in the journey store) instead of starting the workflow with them: the Cart Abandoned
	 * Trigger schedules carts here and emits them later from its poll. Throwing answers 500, so the shop retries.
	 */
	record?(ctx: IWebhookFunctions, events: CanonicalEvent[], scope: string): Promise<void>;
	/** Adds the trigger's own fields to each event it emits (the Return Received Trigger's follow-up and refund days). */
	decorate?(event: CanonicalEvent): object;
}

type ScopeContext = Pick<IWebhookFunctions, 'getWorkflow' | 'getNode' | 'getMode'>;

/**
 * Claims and carts are per trigger node, so two workflows listening to the same shop both run; test runs (manual
 * mode) get their own scope. The webhook and the poll of one node share it.
 */
export function triggerScope(ctx: ScopeContext): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? 'workflow'}:${node.id ?? node.name}${ctx.getMode() === 'manual' ? ':test' : ''}`;
}

export async function receiveCommerceWebhook(this: IWebhookFunctions, spec: CommerceTriggerSpec): Promise<IWebhookResponseData> {
	const platform = this.getNodeParameter('platform') as Platform;
	const credentials = await this.getCredentials(SHOP_CREDENTIAL);
	const res = this.getResponseObject();
	const answer = (outcome: Exclude<ReceiveOutcome, { kind: 'accepted' }>): IWebhookResponseData => {
		res.status(outcome.status).json(outcome.kind === 'ignored' ? { received: true, ignored: outcome.reason } : { error: outcome.reason });
		return { noWebhookResponse: true };
	};

	if (credentials.platform && credentials.platform !== platform) {
		this.logger.error(`Commerce trigger "${this.getNode().name}": its credential is for ${String(credentials.platform)}, the trigger for ${platform}.`);
		return answer({ kind: 'rejected', status: 500, reason: 'Trigger misconfigured' });
	}

	const wanted = new Set(spec.events((name, fallback) => this.getNodeParameter(name, fallback)));
	const options = this.getNodeParameter('options', {}) as IDataObject;
	let adapter: CommerceAdapter;
	let skipSignature = false;
	if (platform === 'custom') {
		const signature = this.getNodeParameter('customSignature', {}) as IDataObject;
		skipSignature = this.getNodeParameter('verifySignature', true) === false;
		adapter = createCustomAdapter({
			signature: {
				header: String(signature.header || 'x-signature').toLowerCase(),
				algorithm: (signature.algorithm as HmacAlgorithm) || 'sha256',
				encoding: (signature.encoding as SignatureEncoding) || 'hex',
				prefix: signature.prefix ? String(signature.prefix) : undefined,
			},
			defaultEvent: spec.defaultCustomEvent,
			mapping: () => this.getNodeParameter('customMapping'),
			dedupeKey: () => this.getNodeParameter('customDedupeKey', ''),
		});
	} else {
		adapter = platformAdapter(platform);
	}

	const node = this.getNode();
	const scope = triggerScope(this);
	const request = this.getRequestObject() as unknown as RawRequest;
	const unparsed = !request.rawBody;
	const read = await readRawBody(request);
	if (read) {
		this.logger.warn(`Commerce trigger "${node.name}" rejected a ${platform} delivery: ${read.reason}`, { platform, reason: read.reason });
		return answer(read);
	}
	if (platform === 'custom' && unparsed) exposeBodyToMapping(this, request.rawBody);
	let outcome: ReceiveOutcome;
	const shopCountry = shopCountryOf(options.shopCountry);
	try {
		const store: JourneyStore = await getJourneyStore(this);
		outcome = await receiveDelivery({
			adapter,
			rawBody: request.rawBody,
			headers: this.getHeaderData() as HeaderMap,
			secrets: [String(credentials.webhookSecret ?? '')],
			skipSignature,
			store,
			scope,
			accept: (event: CanonicalEvent) => wanted.has(event.event),
			clock: systemClock,
			includeRaw: options.includeRawPayload === true,
			shopCountry,
			record: spec.record ? async (events) => spec.record!(this, events, scope) : undefined,
		});
	} catch (error) {
		// An unexpected failure (store down): 500 makes the shop retry later; the claim was never taken or released.
		// The error may quote what it failed on (a driver quotes the row): masked like every message we write.
		this.logger.error(maskText(`Commerce trigger "${node.name}" failed: ${error instanceof Error ? error.message : String(error)}`));
		return answer({ kind: 'rejected', status: 500, reason: 'Temporary failure, please retry' });
	}

	if (outcome.kind !== 'accepted') {
		// The topic comes from the request (Shopify and WooCommerce sign the body, not the topic header): masked too.
		const topic = 'topic' in outcome && outcome.topic ? maskText(outcome.topic) : undefined;
		const meta = { platform, topic, reason: maskText(outcome.reason) };
		if (outcome.kind === 'rejected') {
			const detail = 'detail' in outcome && outcome.detail ? ` (field ${outcome.detail})` : '';
			this.logger.warn(maskText(`Commerce trigger "${node.name}" rejected a ${platform} delivery: ${outcome.reason}${detail}`), meta);
		} else {
			this.logger.debug(maskText(`Commerce trigger "${node.name}" ignored a ${platform} delivery: ${outcome.reason}`), meta);
		}
		return answer(outcome);
	}
	// Answered here, like the rejections: left to n8n, "onReceived" would answer with the literal text "firstEntryJson".
	res.status(200).json({ received: true, events: outcome.events.length });
	// A trigger that records (carts) starts its workflow later; a test run in the editor shows what arrived at once.
	if (spec.record && this.getMode() !== 'manual') return { noWebhookResponse: true };
	return { noWebhookResponse: true, workflowData: [outcome.events.map((event) => ({ json: (spec.decorate?.(event) ?? event) as IDataObject }))] };
}

/** What n8n's request object offers a trigger that asked for the unparsed body (see `rawBodyOption`). */
interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/**
 * With the body left unparsed, n8n has not read it yet: read it here, where an oversize body (above n8n's
 * N8N_PAYLOAD_SIZE_MAX) becomes our 413 instead of n8n's 500 with a stack trace. Returns a rejection, or null when
 * the raw body is there.
 */
async function readRawBody(request: RawRequest): Promise<Extract<ReceiveOutcome, { kind: 'rejected' }> | null> {
	if (request.rawBody || typeof request.readRawBody !== 'function') return null;
	try {
		await request.readRawBody();
		return null;
	} catch (error) {
		const e = error as { type?: string; status?: number; statusCode?: number };
		if (e.type === 'entity.too.large' || e.status === 413 || e.statusCode === 413) return { kind: 'rejected', status: 413, reason: 'Payload too large' };
		return { kind: 'rejected', status: 400, reason: 'Request body could not be read' };
	}
}

/**
 * Custom JSON maps the request with expressions on `$json.body`. n8n builds that item when the webhook context is
 * created, from the body it parsed; left unparsed (see `rawBodyOption`), `$json.body` would be empty. So the body
 * read here is parsed and filled into that item, only when it is a JSON object: anything else is answered 400 by the
 * pipeline after the signature check, as for every platform.
 */
function exposeBodyToMapping(ctx: IWebhookFunctions, raw: Buffer | undefined): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8'));
	} catch {
		return;
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
	const item = (ctx as unknown as { connectionInputData?: Array<{ json?: IDataObject }> }).connectionInputData?.[0]?.json;
	const body = item?.body;
	if (body && typeof body === 'object' && Object.keys(body).length === 0) Object.assign(body, parsed);
	else if (item && !body) item.body = parsed as IDataObject;
}

/** The "Shop Country" option as an ISO code; unset means Germany, anything that is not two letters means "unknown". */
function shopCountryOf(value: unknown): string | null {
	const text = String(value ?? SHOP_COUNTRY_DEFAULT).trim().toUpperCase();
	return /^[A-Z]{2}$/.test(text) ? text : null;
}
