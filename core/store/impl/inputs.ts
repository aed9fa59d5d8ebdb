import { InputError } from '../../shared/errors';
import type { ConsentRecordInput, MessageLogInput } from '../JourneyStore';
import { MESSAGE_STATUSES } from './status';
import { checkKey, checkText } from './values';

/**
 * Enum checks for the values both backends store as plain text, so a typo in a node cannot write a status that
 * no reader understands.
 */

const CHANNELS = ['sms', 'email'];
const PURPOSES = ['transactional', 'marketing'];
const CONSENT_STATUSES = ['opted_in', 'pending', 'opted_out'];
const LEGAL_BASES = ['consent', 'double_opt_in', 'soft_opt_in', 'contract', 'legitimate_interest', 'withdrawal'];

function oneOf(value: unknown, allowed: readonly string[], field: string): void {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError(`The ${field} must be one of: ${allowed.join(', ')}.`, field);
	}
}

export function checkConsentInput(record: ConsentRecordInput): void {
	oneOf(record.channel, CHANNELS, 'channel');
	oneOf(record.purpose, PURPOSES, 'purpose');
	oneOf(record.status, CONSENT_STATUSES, 'status');
	oneOf(record.legalBasis, LEGAL_BASES, 'legalBasis');
	if (typeof record.source !== 'string' || record.source === '') throw new InputError('The consent source is empty.', 'source');
	checkText(record.source, 'source');
	if (record.consentTextVersion != null) checkText(String(record.consentTextVersion), 'consentTextVersion');
	if (record.consentTextHash != null) checkText(String(record.consentTextHash), 'consentTextHash');
}

export function checkMessageInput(entry: MessageLogInput): void {
	oneOf(entry.channel, CHANNELS, 'channel');
	oneOf(entry.purpose, PURPOSES, 'purpose');
	oneOf(entry.status, MESSAGE_STATUSES, 'status');
	if (typeof entry.journeyStep !== 'string' || entry.journeyStep === '') throw new InputError('The journey step is empty.', 'journeyStep');
	checkText(entry.journeyStep, 'journeyStep');
	if (entry.providerId != null) checkKey(entry.providerId, 'providerId');
	if (entry.units !== undefined && (!Number.isInteger(entry.units) || entry.units < 0)) {
		throw new InputError('The units must be a whole number of 0 or more.', 'units');
	}
}
