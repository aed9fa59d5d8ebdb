import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { discountCodeFor, parseDurations, pollCarts, recordCarts } from '../../core/cart';
import type { CartEvent, CartReminder, CartSettings } from '../../core/cart';
import { shopifyDiscountRequests } from '../../core/commerce';
import { maskText } from '../../core/shared/mask';
import { CoreError } from '../../core/shared/errors';
import { receiveCommerceWebhook, SHOP_CREDENTIAL, triggerScope } from '../shared/commerceTrigger';
import type { CommerceTriggerSpec } from '../shared/commerceTrigger';
import { commerceWebhookMethods } from '../shared/commerceWebhooks';
import { getJourneyStore, postPurchaseStoreConnectionTest, STORE_CREDENTIAL } from '../shared/storeFromCredential';
import { MAX_AGE_DEFAULT, properties, REMIND_AFTER_DEFAULT } from './description';

type ParamContext = Pick<IWebhookFunctions | IPollFunctions, 'getNodeParameter' | 'getNode'>;

/** The node's reminder settings; a bad value is a clear error naming the parameter. */
function settingsOf(ctx: ParamContext): CartSettings {
	const read = (name: string, fallback: unknown) => ctx.getNodeParameter(name, fallback);
	try {
		const maxAge = String(read('maxAge', MAX_AGE_DEFAULT) ?? '').trim();
		return {
			schedule: parseDurations(String(read('remindAfter', REMIND_AFTER_DEFAULT)), 'Remind After'),
			maxAgeMs: maxAge === '' ? null : parseDurations(maxAge, 'Max Age')[0],
			minimumValue: Number(read('minimumValue', 0)) || 0,
		};
	} catch (error) {
		const message = error instanceof CoreError ? `${error.message} (parameter "${error.field}")` : String(error);
		throw new NodeOperationError(ctx.getNode(), message);
	}
}

const spec: CommerceTriggerSpec = {
	events: () => ['cart.updated'],
	defaultCustomEvent: 'cart.updated',
	async record(ctx, events, scope) {
		const carts = events.filter((e): e is CartEvent => e.event === 'cart.updated');
		const recorded = await recordCarts((await getJourneyStore(ctx)).carts, scope, carts, settingsOf(ctx));
		for (const { token, skipped } of recorded) {
			// The cart token is no personal data; the reason tells the shop owner why no reminder will come.
			if (skipped) ctx.logger.info(`Cart Abandoned Trigger "${ctx.getNode().name}": cart ${token} gets no reminder (${skipped})`, { reason: skipped });
		}
	},
};

export class CartAbandonedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cart Abandoned Trigger',
		name: 'cartAbandonedTrigger',
		icon: { light: 'file:cartAbandonedTrigger.svg', dark: 'file:cartAbandonedTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["platform"] + ": after " + $parameter["remindAfter"] }}',
		description: 'Starts the workflow when a customer leaves a cart or checkout without ordering, once per reminder',
		defaults: { name: 'Cart Abandoned' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Carts arrive by webhook; a poll (every minute by default) emits the reminders that fell due.
		polling: true,
		credentials: [
			{ name: SHOP_CREDENTIAL, required: true },
			{ name: STORE_CREDENTIAL, required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	webhookMethods = commerceWebhookMethods(() => ['cart.updated']);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveCommerceWebhook.call(this, spec);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = settingsOf(this);
		const store = await getJourneyStore(this);
		// The process clock, as everywhere: tests move it, the store compares with it.
		const { reminders, expired } = await pollCarts(store.carts, triggerScope(this), settings, new Date());
		if (expired.length > 0) {
			this.logger.info(`Cart Abandoned Trigger "${this.getNode().name}": ${expired.length} cart(s) older than Max Age get no reminder`, { carts: expired });
		}
		if (reminders.length === 0) return null;
		for (const reminder of reminders) await addCoupon(this, reminder);
		return [reminders.map((reminder) => ({ json: reminder as unknown as IDataObject }))];
	}
}

/**
 * The discount reminder's code: a code of its own made in Shopify when a price rule and API access are set, else the
 * fixed code. A refused request falls back to the fixed code (logged), so the reminder still goes out.
 */
async function addCoupon(ctx: IPollFunctions, reminder: CartReminder): Promise<void> {
	if (reminder.reminder.step !== Number(ctx.getNodeParameter('discountStep', 3))) return;
	const fixed = String(ctx.getNodeParameter('discountCode', '') ?? '').trim();
	const priceRule = reminder.platform === 'shopify' ? String(ctx.getNodeParameter('shopifyPriceRuleId', '') ?? '').trim() : '';
	if (priceRule) {
		const credentials = await ctx.getCredentials(SHOP_CREDENTIAL);
		if (credentials.accessToken && credentials.shopUrl) {
			const code = discountCodeFor(reminder.cart.id);
			const request = shopifyDiscountRequests.create(String(credentials.shopUrl), priceRule, code);
			try {
				await ctx.helpers.httpRequestWithAuthentication.call(ctx, SHOP_CREDENTIAL, { method: request.method, url: request.url, body: request.body, json: true });
				reminder.coupon = { code, source: 'shop' };
				return;
			} catch (error) {
				const message = maskText(error instanceof Error ? error.message : String(error));
				ctx.logger.warn(`Cart Abandoned Trigger "${ctx.getNode().name}": Shopify did not create a discount code (${message}); the fixed code is used`);
			}
		}
	}
	if (fixed) reminder.coupon = { code: fixed, source: 'fixed' };
}
