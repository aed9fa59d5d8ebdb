import assert from 'node:assert/strict';
import { afterAll, describe, it } from '@jest/globals';
import { openStore, subjectHash } from '../../../core/store';
import type { Dialect } from '../../../core/store/dialect/Dialect';
import { ERASED_JSON } from '../../../core/store/impl/values';
import { MIGRATIONS } from '../../../core/store/migrations/index';
import { SqlJourneyStore } from '../../../core/store/SqlJourneyStore';
import type { ContractTarget } from './contract';
import { openAt } from './openAt';

/**
 * Migration 6 (`consent_current` keyed by the binary subject key): a store left at version 2 by the previous release
 * upgrades in place and answers exactly as before, erasure and appends after the upgrade keep the table right, and
 * the batched look-up (one statement over one buffer of keys) maps every spelling and duplicate to its record.
 */

const T0 = new Date('2026-06-01T12:00:00.000Z').getTime();
let n = 0;
const email = (label: string) => `${label}-v6-${process.pid}-${++n}@example.com`;


export function registerStoreV6Tests(target: ContractTarget): void {
	(target.unavailable ? describe.skip : describe)(`journey store migration 6: ${target.name}`, () => {
		const open: Array<{ close(): Promise<void> }> = [];
		afterAll(async () => {
			for (const s of open) await s.close();
		});

		it('a store at version 2 upgrades in place and answers every consent read as before', async () => {
			const config = await target.freshConfig();
			const oldDialect = await openAt(config, 2);
			const old = new SqlJourneyStore(oldDialect);
			const [a, b, c, erased] = [email('a'), email('b'), email('c'), email('erased')];
			const base = { channel: 'email' as const, purpose: 'marketing' as const, legalBasis: 'consent' as const };
			await old.appendConsentMany([
				{ ...base, subject: a, status: 'opted_in', source: 'first', evidence: { ip: '192.0.2.1' }, recordedAt: new Date(T0) },
				{ ...base, subject: a, status: 'opted_out', source: 'newest', consentTextVersion: 'v2', recordedAt: new Date(T0 + 5000) },
				{ ...base, subject: b, status: 'opted_in', source: 'tie-a', recordedAt: new Date(T0) },
				{ ...base, subject: b, status: 'pending', source: 'tie-b', consentTextHash: 'h', recordedAt: new Date(T0) },
				{ ...base, subject: c, purpose: 'transactional', status: 'opted_in', source: 'tx', recordedAt: new Date(T0) },
				{ ...base, subject: erased, status: 'opted_in', source: 'gone', evidence: { ip: '192.0.2.7' }, recordedAt: new Date(T0) },
			]);
			// Erased as version 2 erased a ledger row (today's erasure also clears tables of later versions, absent here).
			await oldDialect.run('UPDATE consent_ledger SET subject = NULL, evidence = ? WHERE subject_hash = ?', [ERASED_JSON, subjectHash(oldDialect.salt, erased)]);
			const FIELDS = 'channel, purpose, ledger_id, status, legal_basis, source, consent_text_version, consent_text_hash, evidence, recorded_at';
			const table = async (dialect: Dialect, key: string) =>
				(await dialect.values(`SELECT ${key}, ${FIELDS} FROM consent_current`))
					.map((row) => [typeof row[0] === 'string' ? row[0] : Buffer.from(row[0] as Uint8Array).toString('hex'), ...row.slice(1)])
					.sort((x, y) => `${x[0]}|${x[1]}|${x[2]}`.localeCompare(`${y[0]}|${y[1]}|${y[2]}`));
			const before = await table(oldDialect, 'subject_hash');
			assert.equal(before.length, 4, 'a, b, c (transactional), erased: one current row per subject + channel + purpose');
			await old.close();

			const dialect = await openAt(config, Number.POSITIVE_INFINITY);
			const store = new SqlJourneyStore(dialect);
			open.push(store);
			assert.equal(await store.schemaVersion(), MIGRATIONS.at(-1)!.version, 'upgraded to the newest version');
			assert.deepEqual(await table(dialect, 'subject_key'), before, 'every row copied, keyed by the same hash as bytes');

			const none = email('none');
			const single = await Promise.all([a, b, erased, none].map((s) => store.currentConsent(s, 'email', 'marketing')));
			assert.deepEqual(single.map((r) => r?.source ?? null), ['newest', 'tie-b', 'gone', null]);
			assert.deepEqual(single[0]?.evidence, {});
			assert.equal(single[0]?.consentTextVersion, 'v2');
			assert.notDeepEqual(single[2]?.evidence, { ip: '192.0.2.7' }, 'the erased evidence stays erased');
			const many = await store.currentConsentMany([a, b, erased, none], 'email', 'marketing');
			assert.deepEqual([...many.keys()].sort(), [a, b, erased].sort());
			assert.deepEqual([a, b, erased].map((s) => many.get(s)), single.slice(0, 3));
			assert.equal((await store.currentConsent(c, 'email', 'transactional'))?.source, 'tx');

			// Appends and erasure after the upgrade go through the new triggers.
			await store.appendConsent({ ...base, subject: a, status: 'opted_in', source: 'after', recordedAt: new Date(T0 + 9000) });
			await store.appendConsent({ ...base, subject: b, status: 'opted_out', source: 'older', recordedAt: new Date(T0 - 1) });
			assert.equal((await store.currentConsent(a, 'email', 'marketing'))?.source, 'after');
			assert.equal((await store.currentConsent(b, 'email', 'marketing'))?.source, 'tie-b', 'an older record does not replace the current one');
			await store.eraseSubject(a, new Date(T0 + 10_000));
			const afterErasure = await store.currentConsent(a, 'email', 'marketing');
			assert.equal(afterErasure?.source, 'after');
			assert.deepEqual(afterErasure?.evidence, (await store.exportSubject(a)).consent.at(-1)?.evidence, 'erasure reaches the current table');
			assert.deepEqual((await store.currentConsentMany([a], 'email', 'marketing')).get(a), afterErasure);
		});

		it('keys the current table by the 32-byte subject key, the bytes of the ledger hash', async () => {
			const config = await target.freshConfig();
			const dialect = await openAt(config, Number.POSITIVE_INFINITY);
			const store = new SqlJourneyStore(dialect);
			open.push(store);
			const subject = email('key');
			await store.appendConsent({ subject, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'form' });
			const [row] = await dialect.values('SELECT subject_key FROM consent_current');
			const key = Buffer.from(row[0] as Uint8Array);
			assert.equal(key.length, 32);
			assert.equal(key.toString('hex'), subjectHash(dialect.salt, subject));
		});

		it('a batched look-up maps every spelling and duplicate to the record of its subject', async () => {
			const store = await openStore(await target.freshConfig());
			open.push(store);
			const phones = Array.from({ length: 60 }, (_, i) => `+4915112${String(i).padStart(5, '0')}`);
			await store.appendConsentMany(
				phones.map((subject, i) => ({ subject, channel: 'sms', purpose: 'marketing', status: i % 3 ? 'opted_in' : 'opted_out', legalBasis: 'consent', source: `s${i}` })),
			);
			const spaced = phones.map((p) => `${p.slice(0, 3)} ${p.slice(3, 6)} ${p.slice(6)}`);
			const asked = [...phones.slice(0, 30), ...spaced.slice(20, 50), phones[5], 'not a phone', '+4915199999999'];
			const many = await store.currentConsentMany(asked, 'sms', 'marketing');
			assert.equal(many.size, 60, 'every spelling of a stored subject, each once; nothing for unknown or invalid values');
			for (const value of asked.slice(0, 61)) {
				const i = phones.indexOf(value.replace(/ /g, ''));
				assert.equal(many.get(value)?.source, `s${i}`, value);
				assert.equal(many.get(value)?.subject, phones[i]);
			}
			assert.deepEqual(many.get(spaced[25]), many.get(phones[25]), 'two spellings, one record');
			assert.equal(many.has('not a phone'), false);
			assert.equal(many.has('+4915199999999'), false);
		});
	});
}
