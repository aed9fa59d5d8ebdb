import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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

function iso(value: Date | null | undefined): string | null {
	return value ? value.toISOString() : null;
}

/** Record Consent, Record Opt-Out, Export Evidence and Erase Subject: one store call per item. */
export async function executeLedger(this: IExecuteFunctions, operation: string): Promise<INodeExecutionData[][]> {
	let store: JourneyStore | undefined;
	const open = async () => (store ??= await getJourneyStore(this));
	return forEachItem(this, 1, async (i, item) => {
		const channel = this.getNodeParameter('channel', i) as Channel;
		const raw = String(this.getNodeParameter('recipient', i, '') ?? '');
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
