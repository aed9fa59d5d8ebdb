import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import type { CarrierApiConfig } from '../../core/carriers';
import { maskText } from '../../core/shared/mask';
import type { ShipmentEvent, ShipmentEventGroup } from '../../core/store';
import { markStuckOrders, OUTPUT_NAMES, OUTPUT_OF_GROUP, pollTracking, trackingItem } from '../../core/tracking';
import type { JourneyStore } from '../../core/store';
import { n8nFetch } from '../shared/carrierTransport';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { CARRIER_CREDENTIAL, properties } from './description';

interface Options {
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
		properties,
	};

	methods = { credentialTest: { postPurchaseStoreConnectionTest } };

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
