import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { CarrierApiConfig } from '../../core/carriers';
import { maskText } from '../../core/shared/mask';
import type { ShipmentEvent, ShipmentEventGroup } from '../../core/store';
import { markStuckOrders, OUTPUT_NAMES, OUTPUT_OF_GROUP, pollTracking, readPush, recordTracking, trackingItem } from '../../core/tracking';
import type { JourneyStore } from '../../core/store';
import { n8nFetch } from '../shared/carrierTransport';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { CARRIER_CREDENTIAL, properties } from './description';

interface Options {
	checkEveryMinutes?: number;
	maxShipments?: number;
	noScanDays?: number;
	paidNotShippedDays?: number;
	shopCountry?: string;
}

/**
 * Polls the carriers for every shipment any workflow watches (Shipped Trigger, Carrier Track) and emits each status
 * change once per trigger, routed by status group. The work is `pollTracking` in core; this file reads the settings,
 * the credentials and the clock, and maps events to items.
 */
export class TrackingUpdateTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tracking Update Trigger',
		name: 'trackingUpdateTrigger',
		icon: { light: 'file:trackingUpdateTrigger.svg', dark: 'file:trackingUpdateTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Parcel status changes',
		description: 'Starts the workflow when a shipped parcel changes status: out for delivery, delivered, a problem, a delay or a stuck order',
		defaults: { name: 'Tracking Update' },
		polling: true,
		inputs: [],
		outputs: OUTPUT_NAMES.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })),
		credentials: [
			{ name: CARRIER_CREDENTIAL, required: false },
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest' },
		],
		// Carrier pushes (AfterShip, 17TRACK) arrive here; n8n runs the webhook and the poll side by side.
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'push' }],
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

	// Push URLs are entered in the AfterShip or 17TRACK dashboard by hand: there is nothing to register.
	webhookMethods = {
		default: {
			checkExists: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
			create: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
			delete: async function (this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const node = this.getNode();
		const res = this.getResponseObject();
		const answer = (status: number, json: IDataObject): IWebhookResponseData => {
			res.status(status).json(json);
			return { noWebhookResponse: true };
		};
		const headers = this.getHeaderData() as Record<string, string>;
		// Unsigned requests are refused before any credential or store is touched.
		if (!headers['aftership-hmac-sha256'] && !headers.sign) return answer(401, { error: 'Missing signature' });
		const config = node.credentials?.[CARRIER_CREDENTIAL] ? ((await this.getCredentials(CARRIER_CREDENTIAL)) as unknown as CarrierApiConfig) : {};
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer; readRawBody?: () => Promise<void> };
		if (!request.rawBody && typeof request.readRawBody === 'function') await request.readRawBody();
		const push = readPush(request.rawBody ?? Buffer.alloc(0), headers, config);
		if (push.kind === 'rejected') {
			this.logger.warn(`Tracking Update Trigger "${node.name}" refused a carrier push: ${push.reason}`);
			return answer(push.status, { error: push.reason });
		}
		if (push.kind === 'ignored') return answer(200, { received: true, ignored: push.reason });
		const store = await getJourneyStore(this);
		const shipment = await store.shipments.get(push.trackingNumber);
		if (!shipment) return answer(200, { received: true, ignored: 'not watched' });
		const now = new Date();
		const o = this.getNodeParameter('options', {}) as Options;
		await recordTracking(store, shipment, push.tracking, { source: `push:${push.provider}`, now, everyMs: (o.checkEveryMinutes ?? 0) * 60_000 });
		// The push hands out this trigger's pending events (the same hand-out as the poll: each event once).
		const manual = this.getMode() === 'manual';
		const scope = `${this.getWorkflow().id ?? 'workflow'}:${node.id ?? node.name}${manual ? ':test' : ''}`;
		const events = await store.shipments.deliver(scope, { now, limit: 500 });
		const outputs = await toOutputs(store, events, new Set(this.getNodeParameter('events', []) as ShipmentEventGroup[]));
		res.status(200).json({ received: true, events: events.length });
		return outputs ? { noWebhookResponse: true, workflowData: outputs } : { noWebhookResponse: true };
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const config = node.credentials?.[CARRIER_CREDENTIAL] ? ((await this.getCredentials(CARRIER_CREDENTIAL)) as unknown as CarrierApiConfig) : {};
		const wanted = new Set(this.getNodeParameter('events', []) as ShipmentEventGroup[]);
		const o = this.getNodeParameter('options', {}) as Options;
		const store = await getJourneyStore(this);
		const manual = this.getMode() === 'manual';
		const scope = `${this.getWorkflow().id ?? 'workflow'}:${node.id ?? node.name}${manual ? ':test' : ''}`;
		const now = () => new Date();
		const report = await pollTracking({
			store,
			config,
			scope,
			now,
			deps: { fetch: n8nFetch(this) },
			maxShipments: o.maxShipments,
			everyMs: (o.checkEveryMinutes ?? 0) * 60_000,
			afterChecks: () =>
				markStuckOrders(store, { paidNotShippedDays: o.paidNotShippedDays ?? 0, noScanDays: o.noScanDays ?? 0, shopCountry: (o.shopCountry || 'DE').toUpperCase() }, now()),
		});
		if (!report.configured) {
			const message = 'No carrier API key in the "Carrier API" credential: nothing is looked up and nothing is emitted';
			if (manual) throw new NodeOperationError(node, message, { description: 'Add a Carrier API credential (DHL, UPS, FedEx, USPS, AfterShip or 17TRACK) to this trigger.' });
			this.logger.warn(`Tracking Update Trigger "${node.name}": ${message}.`);
			return null;
		}
		for (const failure of report.failures.slice(0, 3)) this.logger.warn(maskText(`Tracking Update Trigger "${node.name}": ${failure}`));
		return toOutputs(store, report.events, wanted);
	}
}

/** Items per output; events of groups the marketer did not pick are consumed without starting the workflow. */
export async function toOutputs(store: JourneyStore, events: ShipmentEvent[], wanted: Set<ShipmentEventGroup>): Promise<INodeExecutionData[][] | null> {
	const outputs: INodeExecutionData[][] = OUTPUT_NAMES.map(() => []);
	let any = false;
	for (const event of events) {
		if (wanted.size > 0 && !wanted.has(event.group)) continue;
		const shipment = event.trackingNumber ? await store.shipments.get(event.trackingNumber) : null;
		const order = !shipment && event.orderId ? await store.shipments.orderStages(event.orderId) : null;
		outputs[OUTPUT_OF_GROUP[event.group]].push({ json: trackingItem(event, shipment, order?.context) as IDataObject });
		any = true;
	}
	return any ? outputs : null;
}
