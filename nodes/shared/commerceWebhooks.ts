import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { shopifyTopicsFor, shopifyWebhookRequests, wooTopicsFor, wooWebhookRequests } from '../../core/commerce';
import type { ApiRequest, CommerceEventName, Platform } from '../../core/commerce';
import { SHOP_CREDENTIAL } from './commerceTrigger';
import type { ParamReader } from './commerceTrigger';

/**
 * Webhook lifecycle for the commerce triggers: with API access in the credential, publishing the workflow creates
 * the webhooks in Shopify or WooCommerce and unpublishing deletes them. Shopware 6 webhooks are declared in an app
 * manifest and Custom JSON senders are configured by hand, so for them (and without API access) the URL is pasted
 * into the shop and `checkExists` answers true: there is nothing we could create.
 */

type EventsOf = (param: ParamReader) => CommerceEventName[];

interface Stored {
	webhookIds?: Record<string, string>;
}

async function access(ctx: IHookFunctions): Promise<{ platform: Platform; shopUrl: string; secret: string } | null> {
	const platform = ctx.getNodeParameter('platform') as Platform;
	if (platform !== 'shopify' && platform !== 'woocommerce') return null;
	const c = await ctx.getCredentials(SHOP_CREDENTIAL);
	if (c.platform && c.platform !== platform) {
		throw new NodeOperationError(ctx.getNode(), `The shop credential is for ${String(c.platform)}, but the trigger is set to ${platform}.`, {
			description: 'Choose the same platform in the trigger and in its credential.',
		});
	}
	const shopUrl = String(c.shopUrl ?? '').trim();
	const hasApi = platform === 'shopify' ? Boolean(c.accessToken) : Boolean(c.consumerKey && c.consumerSecret);
	return shopUrl && hasApi ? { platform, shopUrl, secret: String(c.webhookSecret ?? '') } : null;
}

function topicsFor(platform: Platform, events: CommerceEventName[]): string[] {
	return platform === 'shopify' ? shopifyTopicsFor(events) : wooTopicsFor(events);
}

function statusOf(error: unknown): number | undefined {
	const e = error as { httpCode?: string; statusCode?: number; response?: { status?: number }; cause?: { status?: number } };
	const code = e.httpCode ?? e.statusCode ?? e.response?.status ?? e.cause?.status;
	return code === undefined ? undefined : Number(code);
}

async function call(ctx: IHookFunctions, request: ApiRequest): Promise<IDataObject> {
	const options: IHttpRequestOptions = { method: request.method, url: request.url, json: true };
	if (request.body) options.body = request.body;
	if (request.qs) options.qs = request.qs;
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, SHOP_CREDENTIAL, options)) as IDataObject;
}

function apiError(ctx: IHookFunctions, error: unknown, action: string): NodeApiError {
	return new NodeApiError(ctx.getNode(), error as JsonObject, {
		message: `Could not ${action} the shop webhook`,
		description: 'Check the shop URL and that the API access in the credential may manage webhooks.',
		httpCode: statusOf(error) !== undefined ? String(statusOf(error)) : undefined,
	});
}

export function commerceWebhookMethods(eventsOf: EventsOf) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const api = await access(this);
				// Without API access the user pastes the URL into the shop; we cannot see it, so treat it as there.
				if (!api) return true;
				const url = this.getNodeWebhookUrl('default') as string;
				const topics = topicsFor(api.platform, eventsOf((name, fallback) => this.getNodeParameter(name, fallback)));
				const stored = this.getWorkflowStaticData('node') as Stored;
				const found: Record<string, string> = {};
				if (api.platform === 'shopify') {
					let list: IDataObject;
					try {
						list = await call(this, shopifyWebhookRequests.list(api.shopUrl, url));
					} catch (error) {
						throw apiError(this, error, 'look up');
					}
					for (const hook of (list.webhooks as IDataObject[] | undefined) ?? []) {
						if (hook.address === url && typeof hook.topic === 'string') found[hook.topic] = String(hook.id);
					}
				} else {
					for (const [topic, id] of Object.entries(stored.webhookIds ?? {})) {
						try {
							const hook = await call(this, wooWebhookRequests.get(api.shopUrl, id));
							if (hook.delivery_url === url && hook.status === 'active') found[topic] = id;
						} catch (error) {
							// Deleted in the shop admin: missing, so `create` adds it again.
							if (statusOf(error) !== 404) throw apiError(this, error, 'look up');
						}
					}
				}
				stored.webhookIds = found;
				return topics.every((t) => found[t]);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const api = await access(this);
				if (!api) return true;
				const url = this.getNodeWebhookUrl('default') as string;
				const stored = this.getWorkflowStaticData('node') as Stored;
				const ids = { ...(stored.webhookIds ?? {}) };
				for (const topic of topicsFor(api.platform, eventsOf((name, fallback) => this.getNodeParameter(name, fallback)))) {
					if (ids[topic]) continue;
					try {
						if (api.platform === 'shopify') {
							const created = await call(this, shopifyWebhookRequests.create(api.shopUrl, topic, url));
							ids[topic] = String((created.webhook as IDataObject).id);
						} else {
							const created = await call(this, wooWebhookRequests.create(api.shopUrl, topic, url, api.secret, `n8n ${this.getNode().name} (${topic})`));
							ids[topic] = String(created.id);
						}
					} catch (error) {
						stored.webhookIds = ids;
						throw apiError(this, error, 'create');
					}
				}
				stored.webhookIds = ids;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const api = await access(this);
				if (!api) return true;
				const stored = this.getWorkflowStaticData('node') as Stored;
				const remaining = { ...(stored.webhookIds ?? {}) };
				for (const [topic, id] of Object.entries(remaining)) {
					try {
						await call(this, api.platform === 'shopify' ? shopifyWebhookRequests.delete(api.shopUrl, id) : wooWebhookRequests.delete(api.shopUrl, id));
					} catch (error) {
						// Already gone (deleted in the shop admin) is what we wanted; anything else must surface.
						if (statusOf(error) !== 404) {
							stored.webhookIds = remaining;
							throw apiError(this, error, 'delete');
						}
					}
					delete remaining[topic];
				}
				stored.webhookIds = {};
				return true;
			},
		},
	};
}
