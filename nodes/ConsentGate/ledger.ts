import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { recordConsent, recordOptOut } from '../../core/consent';
import type { Channel, JourneyStore, LegalBasis } from '../../core/store';
import { normalizeSubject } from '../../core/store';
import { InputError } from '../../core/shared/errors';
import { forEachItem } from '../shared/itemLoop';
import { getJourneyStore } from '../shared/storeFromCredential';

function optionalDate(value: unknown, field: string): Date | undefined {
	if (!value) return undefined;
	const d = new Date(String(value));
	if (Number.isNaN(d.getTime())) throw new InputError(`"${String(value)}" is not a date and time`, field);
	return d;
}

/** The recipient when the field is left empty: the customer's phone or e-mail, else the sender of an inbound SMS. */
function recipientOf(json: IDataObject, channel: Channel): string {
	const customer = (json.customer ?? {}) as IDataObject;
	const inbound = (json.inbound ?? {}) as IDataObject;
	const value = channel === 'email' ? customer.email : (customer.phone ?? inbound.from);
	return value === undefined || value === null ? '' : String(value);
}

function iso(value: Date | null | undefined): string | null {
	return value ? value.toISOString() : null;
}

/**
 * Whether this run is an AI agent calling the node as a tool. n8n runs a tool either in a supply-data context
 * (`isToolExecution()`), or, with engine requests, as the `<name>Tool` node type whose output is rewired to the
 * agent's `ai_tool` connection.
 */
export function runsAsTool(ctx: IExecuteFunctions): boolean {
	const node = ctx.getNode() as INode & { rewireOutputLogTo?: string };
	return (typeof ctx.isToolExecution === 'function' && ctx.isToolExecution()) || /Tool$/.test(node.type) || node.rewireOutputLogTo === 'ai_tool';
}

/**
 * Consent, opt-outs and erasure are the customer's own acts or a data-protection request, recorded with evidence: an
 * AI agent must never record or erase them on its own, whatever it was asked. Refused before anything is read.
 */
export function refuseForTools(ctx: IExecuteFunctions, operation: string, notForTools: string[]): void {
	if (!notForTools.includes(operation) || !runsAsTool(ctx)) return;
	throw new NodeOperationError(ctx.getNode(), `"${operation}" cannot be used by an AI agent`, {
		description:
			'Recording consent or an opt-out and erasing a customer\'s data change the consent ledger and need a person or the customer\'s own message. Use the Consent Gate as a regular node in the workflow for these; as a tool it can only check and export evidence.',
	});
}

/** Record Consent, Record Opt-Out, Export Evidence and Erase Customer Data: one store call per item. */
export async function executeLedger(this: IExecuteFunctions, operation: string): Promise<INodeExecutionData[][]> {
	let store: JourneyStore | undefined;
	const open = async () => (store ??= await getJourneyStore(this));
	return forEachItem(this, 1, async (i, item) => {
		const channel = this.getNodeParameter('channel', i) as Channel;
		const raw = String(this.getNodeParameter('recipient', i, '') ?? '') || recipientOf(item.json, channel);
		if (!raw.trim()) throw new InputError('No recipient: map the phone number or e-mail address', 'recipient');
		const subject = normalizeSubject(channel, raw);
		const s = await open();
		switch (operation) {
			case 'recordConsent': {
				const o = this.getNodeParameter('options', i, {}) as IDataObject;
				const record = await recordConsent(s, {
					subject,
					channel,
					legalBasis: this.getNodeParameter('legalBasis', i) as LegalBasis,
					source: String(this.getNodeParameter('source', i, '')),
					confirmed: o.confirmed === true,
					consentText: o.consentText ? String(o.consentText) : undefined,
					consentTextVersion: o.consentTextVersion ? String(o.consentTextVersion) : undefined,
					ip: o.ip ? String(o.ip) : undefined,
					userAgent: o.userAgent ? String(o.userAgent) : undefined,
					at: optionalDate(o.recordedAt, 'options.recordedAt'),
					evidence: o.orderId ? { orderId: String(o.orderId) } : undefined,
				});
				// Keep the incoming item (customer, order) so the next node can message the customer.
				return {
					json: {
						...item.json,
						consent: {
							id: record.id,
							subject: record.subject,
							channel: record.channel,
							status: record.status,
							legalBasis: record.legalBasis,
							source: record.source,
							consentTextVersion: record.consentTextVersion,
							consentTextHash: record.consentTextHash,
							recordedAt: iso(record.recordedAt),
						},
					},
				};
			}
			case 'recordOptOut': {
				const source = String(this.getNodeParameter('source', i, 'manual')) || 'manual';
				await recordOptOut(s, { subject, channel, source });
				return { json: { ...item.json, optOut: { subject, channel, source, suppressed: true } } };
			}
			case 'exportEvidence': {
				const evidence = await s.exportSubject(subject);
				return { json: { evidence: JSON.parse(JSON.stringify(evidence)) as IDataObject } };
			}
			case 'eraseSubject': {
				const report = await s.eraseSubject(subject);
				return { json: { erasure: JSON.parse(JSON.stringify(report)) as IDataObject } };
			}
			default:
				throw new InputError(`Unknown operation "${operation}"`, 'operation');
		}
	});
}
