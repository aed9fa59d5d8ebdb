import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { detectCarrier, getTrackingStatus, testCarrierApi, trackingUrl } from '../../core/carriers';
import type { CarrierApiConfig, ProviderClient, ProviderId, StatusGroup } from '../../core/carriers';
import { estimateDelivery, laneOfRequest } from '../../core/journey';
import type { EstimateRequest } from '../../core/journey';
import { systemClock } from '../../core/shared/clock';
import { watchInputFromItem } from '../../core/tracking';
import { forEachItem } from '../shared/itemLoop';
import { getJourneyStore, postPurchaseStoreConnectionTest } from '../shared/storeFromCredential';
import { properties } from './description';
import { n8nFetch } from '../shared/carrierTransport';

const GROUP_OUTPUT: Record<StatusGroup, number> = { in_transit: 0, out_for_delivery: 1, delivered: 2, problem: 3 };

interface Options {
	cacheMinutes?: number;
	carrierName?: string;
	locale?: string;
	destinationCountry?: string;
	destinationRegion?: string;
	minConfidence?: number;
	postalCode?: string;
	shippedAt?: string;
	shopCountry?: string;
	watchShipment?: boolean;
}

export class CarrierTrack implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Carrier Track',
		name: 'carrierTrack',
		icon: { light: 'file:carrierTrack.svg', dark: 'file:carrierTrack.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ { detect: "Detect Carrier", estimateDelivery: "Estimate Delivery", getStatus: "Get Status" }[$parameter["operation"]] }}',
		description: 'Finds the carrier of a tracking number, builds the tracking link, gets the live status and estimates the delivery day',
		defaults: { name: 'Carrier Track' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["operation"] === "getStatus" && $parameter["routeByStatus"] ? [{ type: "${NodeConnectionTypes.Main}", displayName: "In Transit" }, { type: "${NodeConnectionTypes.Main}", displayName: "Out for Delivery" }, { type: "${NodeConnectionTypes.Main}", displayName: "Delivered" }, { type: "${NodeConnectionTypes.Main}", displayName: "Problem" }] : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [
			{ name: 'postPurchaseCarrierApi', required: false, testedBy: 'postPurchaseCarrierApiTest', displayOptions: { show: { operation: ['getStatus', 'estimateDelivery'] } } },
			// The journey store: the watch list (Get Status) and the lanes the estimate learns from (both).
			{ name: 'postPurchaseStoreApi', required: false, testedBy: 'postPurchaseStoreConnectionTest', displayOptions: { show: { operation: ['getStatus', 'estimateDelivery'] } } },
		],
		properties,
	};

	methods = {
		credentialTest: {
			postPurchaseStoreConnectionTest,
			async postPurchaseCarrierApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const result = await testCarrierApi((credential.data ?? {}) as CarrierApiConfig);
				return { status: result.ok ? 'OK' : 'Error', message: result.message };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const routed = operation === 'getStatus' && (this.getNodeParameter('routeByStatus', 0, false) as boolean);
		const config = this.getNode().credentials?.postPurchaseCarrierApi
			? ((await this.getCredentials('postPurchaseCarrierApi')) as unknown as CarrierApiConfig)
			: {};
		const store = operation === 'detect' ? null : await getJourneyStore(this);
		const samples = store ? store.shipments.transitSamples.bind(store.shipments) : undefined;
		const clients = new Map<ProviderId, ProviderClient>();
		const fetch = n8nFetch(this);

		return forEachItem(this, routed ? 4 : 1, async (i, item) => {
			const number = String(this.getNodeParameter('trackingNumber', i, '') ?? '').trim();
			if (!number) {
				throw new NodeOperationError(this.getNode(), `The tracking number is empty (item ${i}, field "trackingNumber")`, {
					itemIndex: i,
					description: 'Map the tracking number of the shipment into "Tracking Number".',
				});
			}
			const o = this.getNodeParameter('options', i, {}) as Options;
			const shopCountry = (o.shopCountry || 'DE').toUpperCase();
			const locale = o.locale || undefined;

			if (operation === 'detect') {
				const r = detectCarrier(number, { carrierHint: o.carrierName, shopCountry });
				return {
					output: 0,
					json: withTracking(item.json, {
						trackingNumber: r.best?.trackingNumber ?? r.normalized,
						valid: r.valid,
						carrier: r.best ? { code: r.best.carrier, name: r.best.carrierName, confidence: r.best.confidence } : null,
						format: r.best?.format ?? null,
						checkDigitValid: r.best?.checkDigitValid ?? null,
						trackingUrl: r.best ? trackingUrl(r.best.carrier, r.best.trackingNumber, { locale }) : null,
						hintMismatch: r.hintMismatch,
						candidates: r.candidates as unknown as IDataObject[],
					}),
				};
			}

			const request = (carrier: string | null, service?: string, carrierEstimate?: { earliest: string; latest: string } | null): EstimateRequest => ({
				carrier,
				service,
				originCountry: shopCountry,
				destinationCountry: o.destinationCountry || shopCountry,
				destinationRegion: o.destinationRegion || undefined,
				postalCode: o.postalCode || undefined,
				shippedAt: o.shippedAt || undefined,
				carrierEstimate,
				locale,
			});
			// Learned from the lane's delivered parcels once it has enough, else the table (core/journey).
			const estimateFor = async (req: EstimateRequest) => {
				const e = await estimateDelivery(req, { clock: systemClock, samples });
				return e.confidence < (o.minConfidence ?? 0) ? null : e;
			};

			if (operation === 'estimateDelivery') {
				const r = detectCarrier(number, { carrierHint: o.carrierName, shopCountry });
				const estimate = await estimateFor(request(r.best?.carrier ?? null, r.best?.service));
				return {
					output: 0,
					json: withTracking(item.json, {
						trackingNumber: r.best?.trackingNumber ?? r.normalized,
						carrier: r.best ? { code: r.best.carrier, name: r.best.carrierName, confidence: r.best.confidence } : null,
						estimatedDelivery: estimate as unknown as IDataObject,
					}),
				};
			}

			const status = await getTrackingStatus(
				{ trackingNumber: number, carrier: o.carrierName, shopCountry, locale, postalCode: o.postalCode || undefined },
				{ config, store, deps: { fetch }, clients, cacheTtlMs: Math.max(0, o.cacheMinutes ?? 15) * 60_000 },
			);
			const req = request(status.carrier?.code ?? null, undefined, status.carrierEstimate);
			const estimate = status.status === 'Delivered' ? null : await estimateFor(req);
			if (store && o.watchShipment !== false && !status.isTerminal) {
				const found = { trackingNumber: status.trackingNumber, carrier: status.carrier?.code ?? null, originCountry: shopCountry, estimate, tracking: status };
				await store.shipments.watch(watchInputFromItem(item.json, { ...found, lane: laneOfRequest(req), shippedAt: o.shippedAt }));
			}
			return {
				output: routed ? GROUP_OUTPUT[status.statusGroup] : 0,
				json: withTracking(item.json, { ...(status as unknown as IDataObject), estimatedDelivery: estimate as unknown as IDataObject }),
			};
		});
	}
}

/** Keeps the incoming item (customer, order, shipment) and adds the result under `tracking`, so the next node can
 * address the customer and use the tracking link in one place. */
function withTracking(input: IDataObject, tracking: IDataObject): IDataObject {
	return { ...input, tracking };
}
