import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { InputError } from '../../../core/shared/errors';
import type { JourneyStore, StoreConfig } from '../../../core/store';
import { normalizeSubject, openStore, subjectHash } from '../../../core/store';
import { POSTGRES_MIGRATIONS } from '../../../core/store/migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../../core/store/migrations/sqlite';
import { registerRatingsContract } from './contractRatings';
import { registerSendSlotContract } from './contractSlots';
import { registerCartContractTests } from './cartsContract';
import { registerOrderHistoryContract } from './contractOrders';
import { registerImportContract } from './contractImports';
import { registerDueContract } from './contractDue';
import { registerShipmentContractTests } from './shipmentsContract';
import { registerLinksContract } from './contractLinks';
import { registerReportsContract } from './contractReports';

/**
 * The one behaviour contract both backends must pass. A backend's test file calls `registerStoreContractTests`
 * with a target that hands out fresh, empty store locations. Test code only: it lives under tests/, never in the
 * shipped core.
 */
export interface ContractTarget {
	name: string;
	/** Config for a new, empty store (a new file, a new schema). */
	freshConfig(): Promise<StoreConfig>;
	/**
	 * Why the backend cannot be tested here (e.g. server unreachable, found by the Jest global set-up); undefined when
	 * it can. The suite is then reported as skipped with this reason, never as passed; CI never gets this far.
	 */
	unavailable?: string;
	/**
	 * Starts the child-process script (tests/unit/store/child.ts) with a job, for the multi-process cases. Injected
	 * so the shipped core never spawns processes.
	 */
	startChild(job: Record<string, unknown>): ContractChild;
	cleanup?(): Promise<void>;
}

const T0 = new Date('2026-03-01T10:00:00.000Z');
const at = (msFromT0: number) => new Date(T0.getTime() + msFromT0);
let unique = 0;
const uid = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++unique}`;
const email = (label: string) => `${uid(label)}@example.com`;

export function registerStoreContractTests(target: ContractTarget): void {
	registerOrderHistoryContract(target);
	registerImportContract(target);
	registerDueContract(target);
	if (target.unavailable) console.warn(`journey store contract: ${target.name} skipped: ${target.unavailable}`);
	(target.unavailable ? describe.skip : describe)(`journey store contract: ${target.name}`, () => {
		let store: JourneyStore;
		let config: StoreConfig;

		beforeAll(async () => {
			config = await target.freshConfig();
			store = await openStore(config);
		});

		afterAll(async () => {
			await store?.close();
			await target.cleanup?.();
		});

		// Migrations ---------------------------------------------------------------------------------------------------

		it('opens at the latest schema version and reopens without re-migrating or changing the salt', async () => {
			const fresh = await target.freshConfig();
			const first = await openStore(fresh);
			const version = await first.schemaVersion();
			assert.ok(version >= 1);
			const migrations = first.backend === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
			assert.equal(version, Math.max(...migrations.map((m) => m.version)), 'every migration applied');
			const subject = email('salt');
			await first.appendConsent({ subject, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'test' });
			const hash = (await first.exportSubject(subject)).subjectHash;
			await first.close();
			const second = await openStore(fresh);
			assert.equal(await second.schemaVersion(), version);
			assert.equal((await second.exportSubject(subject)).subjectHash, hash);
			assert.equal((await second.currentConsent(subject, 'email', 'marketing'))?.status, 'opted_in');
			await second.close();
		});

		it('two processes migrating a new store at once end with one schema and one salt', async () => {
			const fresh = await target.freshConfig();
			const children = [0, 1].map(() => target.startChild({ action: 'migrate', config: fresh }));
			await Promise.all(children.map((c) => c.next()));
			for (const c of children) c.go();
			const results = (await Promise.all(children.map((c) => c.next()))) as Array<{ version: number; hash: string; error?: string }>;
			for (const r of results) assert.equal(r.error, undefined, r.error);
			assert.equal(results[0].version, results[1].version);
			assert.equal(results[0].hash, results[1].hash);
			const check = await openStore(fresh);
			assert.equal(await check.schemaVersion(), results[0].version);
			assert.equal((await check.exportSubject('race@example.com')).subjectHash, results[0].hash);
			await check.close();
		});

		// Subjects -----------------------------------------------------------------------------------------------------

		it('normalizes subjects to E.164 and lower-case e-mail', async () => {
			assert.equal(normalizeSubject('sms', '+49 (151) 123-45678'), '+4915112345678');
			assert.equal(normalizeSubject('sms', '0151 12345678', 'de'), '+4915112345678');
			assert.equal(normalizeSubject('email', '  Anna.Schmidt@Example.DE '), 'anna.schmidt@example.de');
			assert.throws(() => normalizeSubject('sms', '0151 12345678'), InputError);
			assert.throws(() => normalizeSubject('sms', '+49 12'), InputError);
			assert.throws(() => normalizeSubject('email', 'no-at-sign'), InputError);
			assert.throws(() => normalizeSubject('email', 'a@b@c'), InputError);
			// Error messages never carry the subject in clear.
			assert.throws(() => normalizeSubject('email', 'geheim@'), (e: Error) => !e.message.includes('geheim'));
			assert.notEqual(subjectHash('salt-a', 'x@example.com'), subjectHash('salt-b', 'x@example.com'));
			assert.match(subjectHash('salt-a', 'x@example.com'), /^[0-9a-f]{64}$/);
			assert.equal(subjectHash('salt-a', 'x@example.com'), subjectHash('salt-a', 'x@example.com'), 'stable for one salt');
		});

		// 1. Claims ----------------------------------------------------------------------------------------------------

		it('claims a key exactly once until it is released', async () => {
			const key = uid('claim');
			assert.equal(await store.claim(key, 60_000), true);
			assert.equal(await store.claim(key, 60_000), false);
			assert.equal(await store.isClaimed(key), true);
			await store.release(key);
			assert.equal(await store.isClaimed(key), false);
			assert.equal(await store.claim(key, 60_000), true, 're-claim after release');
			assert.equal(await store.claim(key, 60_000), false);
			await store.release(uid('never-claimed'));
		});

		it('checks many claims at once, honouring expiry and release', async () => {
			const keys = [uid('many'), uid('many'), uid('many'), uid('many-ключ')];
			assert.equal(await store.claim(keys[0], 1000, at(0)), true);
			assert.equal(await store.claim(keys[1], null, at(0)), true);
			assert.equal(await store.claim(keys[3], 60_000, at(0)), true);
			await store.release(keys[3]);
			assert.deepEqual(await store.isClaimedMany([...keys, keys[0]], at(999)), new Set([keys[0], keys[1]]));
			assert.deepEqual(await store.isClaimedMany(keys, at(1000)), new Set([keys[1]]));
			const many = Array.from({ length: 5200 }, (_, i) => uid(`bulk${i}`));
			assert.equal(await store.claim(many[5100], 60_000, at(0)), true);
			assert.deepEqual(await store.isClaimedMany(many, at(10)), new Set([many[5100]]));
			assert.equal((await store.isClaimedMany([])).size, 0);
			await assert.rejects(store.isClaimedMany([keys[0], '']), InputError);
		});

		it('lets a claim expire after its time to live, and keeps a null TTL forever', async () => {
			const key = uid('expiry');
			assert.equal(await store.claim(key, 1000, at(0)), true);
			assert.equal(await store.claim(key, 1000, at(999)), false);
			assert.equal(await store.isClaimed(key, at(999)), true);
			assert.equal(await store.isClaimed(key, at(1000)), false);
			assert.equal(await store.claim(key, 1000, at(1000)), true, 'expired claim is taken over');
			assert.equal(await store.claim(key, 1000, at(1500)), false);
			const forever = uid('forever');
			assert.equal(await store.claim(forever, null, at(0)), true);
			assert.equal(await store.claim(forever, 1000, at(10 * 365 * 86_400_000)), false);
		});

		it('leases a claim: held while renewed, done once settled, taken over (with its start) once it ran out', async () => {
			const key = uid('lease');
			const first = await store.claimLease(key, 1000, at(0));
			assert.deepEqual(first, { state: 'claimed', claimedAt: at(0).getTime(), takenOverFrom: null });
			assert.deepEqual(await store.claimLease(key, 1000, at(500)), { state: 'held', until: at(1000) });
			assert.equal(await store.renewLease(key, at(0).getTime(), 1000, at(900)), true);
			assert.deepEqual(await store.claimLease(key, 1000, at(1500)), { state: 'held', until: at(1900) }, 'renewed');
			assert.equal(await store.isClaimed(key, at(1500)), true, 'a live lease counts as claimed (the Consent Gate reads it)');
			// The holder dies: nobody renews, the lease runs out and the next sender takes it over.
			const second = await store.claimLease(key, 1000, at(1900));
			assert.deepEqual(second, { state: 'claimed', claimedAt: at(1900).getTime(), takenOverFrom: at(0) });
			// The first holder's token no longer works: it cannot renew, settle or release the new holder's lease.
			assert.equal(await store.renewLease(key, at(0).getTime(), 1000, at(2000)), false);
			assert.equal(await store.settleLease(key, at(0).getTime()), false);
			await store.releaseLease(key, at(0).getTime());
			assert.equal(await store.isClaimed(key, at(2000)), true);
			assert.equal(await store.settleLease(key, at(1900).getTime()), true);
			assert.deepEqual(await store.claimLease(key, 1000, at(10 * 365 * 86_400_000)), { state: 'done' }, 'settled for good');
			assert.equal(await store.renewLease(key, at(1900).getTime(), 1000, at(3000)), false, 'a settled claim is not a lease any more');
			// Released: claimed afresh at once; a permanent claim (claim with a null TTL) reads as done.
			const other = uid('lease');
			const taken = await store.claimLease(other, 1000, at(0));
			assert.equal(taken.state, 'claimed');
			await store.releaseLease(other, at(0).getTime());
			assert.deepEqual(await store.claimLease(other, 1000, at(1)), { state: 'claimed', claimedAt: at(1).getTime(), takenOverFrom: null });
			const permanent = uid('lease');
			assert.equal(await store.claim(permanent, null, at(0)), true);
			assert.deepEqual(await store.claimLease(permanent, 1000, at(5)), { state: 'done' });
			await assert.rejects(store.claimLease(uid('lease'), 0), InputError);
		});

		it('accepts unicode and 512-character keys, rejects empty, longer and NUL keys and bad TTLs', async () => {
			const unicode = uid('ключ-🔑-注文');
			assert.equal(await store.claim(unicode, 60_000), true);
			assert.equal(await store.claim(unicode, 60_000), false);
			const long = uid('long').padEnd(512, 'ß');
			assert.equal(await store.claim(long, 60_000), true);
			assert.equal(await store.claim(long, 60_000), false);
			await assert.rejects(store.claim(long + 'x', 60_000), InputError);
			await assert.rejects(store.claim('', 60_000), InputError);
			await assert.rejects(store.claim('a\u0000b', 60_000), InputError);
			await assert.rejects(store.claim(uid('ttl'), 0), InputError);
			await assert.rejects(store.claim(uid('ttl'), Number.NaN), InputError);
		});

		it('2 processes × 50 concurrent claimers of one key: exactly one winner', async () => {
			const key = uid('race');
			const children = [0, 1].map(() => target.startChild({ action: 'claimers', config, key, count: 50 }));
			await Promise.all(children.map((c) => c.next()));
			for (const c of children) c.go();
			const results = (await Promise.all(children.map((c) => c.next()))) as Array<{ wins: number; error?: string }>;
			for (const r of results) assert.equal(r.error, undefined, r.error);
			assert.equal(results[0].wins + results[1].wins, 1);
			assert.equal(await store.claim(key, 60_000), false);
		});

		// 2. Consent ledger ---------------------------------------------------------------------------------------------

		it('appends consent and returns the newest record per subject, channel and purpose', async () => {
			const phone = '+4915100000001';
			const subject = `+1 202 555 ${String(1000 + (unique++ % 8999)).padStart(4, '0')}`;
			void phone;
			const rec = await store.appendConsent({
				subject,
				channel: 'sms',
				purpose: 'marketing',
				status: 'pending',
				legalBasis: 'double_opt_in',
				source: 'checkout',
				consentTextVersion: 'v1',
				consentTextHash: 'abc',
				evidence: { ip: '192.0.2.1', userAgent: 'Mozilla/5.0' },
				recordedAt: at(0),
			});
			assert.equal(rec.subject, normalizeSubject('sms', subject));
			assert.equal(rec.status, 'pending');
			assert.deepEqual(rec.evidence, { ip: '192.0.2.1', userAgent: 'Mozilla/5.0' });
			assert.equal(rec.recordedAt.getTime(), at(0).getTime());
			await store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'double_opt_in', source: 'sms_keyword', evidence: { messageSid: 'SM1' }, recordedAt: at(5000) });
			// An older event recorded later does not win over a newer one.
			await store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status: 'opted_out', legalBasis: 'withdrawal', source: 'late-import', recordedAt: at(1000) });
			await store.appendConsent({ subject, channel: 'sms', purpose: 'transactional', status: 'opted_out', legalBasis: 'withdrawal', source: 'x', recordedAt: at(9000) });
			const current = await store.currentConsent(subject.replace(/ /g, ''), 'sms', 'marketing');
			assert.equal(current?.status, 'opted_in');
			assert.equal(current?.source, 'sms_keyword');
			assert.deepEqual(current?.evidence, { messageSid: 'SM1' });
			assert.equal((await store.currentConsent(subject, 'sms', 'transactional'))?.status, 'opted_out');
			assert.equal(await store.currentConsent(email('none'), 'email', 'marketing'), null);
			// Same time: the later append wins.
			await store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status: 'opted_out', legalBasis: 'withdrawal', source: 'tie', recordedAt: at(5000) });
			assert.equal((await store.currentConsent(subject, 'sms', 'marketing'))?.source, 'tie');
		});

		it('keeps unicode and very long evidence intact and rejects bad enums and subjects', async () => {
			const subject = `ÄNNE.${uid('uni')}@Bücher.example`;
			const long = 'Einwilligung ✓ 同意 '.repeat(20_000);
			const rec = await store.appendConsent({ subject, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'form', consentTextVersion: 'de-2026-01', evidence: { text: long, nested: { emoji: '🙂', nul: 'a\u0000b' } } });
			assert.equal(rec.subject, subject.toLowerCase());
			const current = await store.currentConsent(subject.toUpperCase(), 'email', 'marketing');
			assert.equal((current?.evidence as { text: string }).text, long);
			assert.equal((current?.evidence as { nested: { nul: string } }).nested.nul, 'a\u0000b');
			const base = { subject, channel: 'email' as const, purpose: 'marketing' as const, status: 'opted_in' as const, legalBasis: 'consent' as const, source: 'x' };
			await assert.rejects(store.appendConsent({ ...base, status: 'yes' as never }), InputError);
			await assert.rejects(store.appendConsent({ ...base, legalBasis: 'because' as never }), InputError);
			await assert.rejects(store.appendConsent({ ...base, source: '' }), InputError);
			await assert.rejects(store.appendConsent({ ...base, subject: 'not an address' }), InputError);
			await assert.rejects(store.appendConsent({ ...base, channel: 'sms', subject: '12345' }), InputError);
		});

		it('looks up consent for many subjects in one batch, across chunk boundaries', async () => {
			const known = [email('many'), email('many'), email('many')];
			for (const [i, s] of known.entries()) {
				await store.appendConsent({ subject: s, channel: 'email', purpose: 'marketing', status: i === 1 ? 'opted_out' : 'opted_in', legalBasis: 'consent', source: 'batch' });
			}
			const unknown = Array.from({ length: 5200 }, (_, i) => `nobody-${i}-${uid('u')}@example.com`);
			const query = [...unknown.slice(0, 2600), known[0], 'invalid', known[1].toUpperCase(), ...unknown.slice(2600), known[2]];
			const map = await store.currentConsentMany([...query, known[0]], 'email', 'marketing');
			assert.equal(map.size, 3, 'a subject asked twice comes back once');
			assert.equal(map.get(known[0])?.status, 'opted_in');
			assert.equal(map.get(known[1].toUpperCase())?.status, 'opted_out');
			assert.equal(map.get(known[2])?.status, 'opted_in');
			for (const s of known) {
				const single = await store.currentConsent(s, 'email', 'marketing');
				const fromBatch = map.get(s) ?? map.get(s.toUpperCase());
				assert.equal(fromBatch?.id, single?.id);
			}
			// Forty subjects with records spread over a batch that PostgreSQL splits across connections: each row must come
			// back to its own subject, whichever part it was probed in.
			const spread = Array.from({ length: 40 }, () => email('spread'));
			await store.appendConsentMany(spread.map((s, i) => ({ subject: s, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: `spread-${i}` })));
			const mixed = unknown.flatMap((u, i) => (i % 130 === 0 ? [u, spread[i / 130]] : [u]));
			const spreadMap = await store.currentConsentMany(mixed, 'email', 'marketing');
			assert.deepEqual(spread.map((s) => spreadMap.get(s)?.source), spread.map((_, i) => `spread-${i}`));
			assert.equal(spreadMap.size, 40);
			assert.equal((await store.currentConsentMany([], 'email', 'marketing')).size, 0);
			assert.equal((await store.currentConsentMany(known, 'email', 'transactional')).size, 0);
		});

		it('batched consent look-up picks the same newest record as the single look-up, for E.164 and other spellings', async () => {
			const base = 2_000_000 + (unique++ % 900_000);
			const phones = [0, 1, 2].map((i) => `+1212${base + i * 1_000_000}`.slice(0, 12));
			const [p0, p1, p2] = phones;
			const add = (subject: string, status: 'opted_in' | 'opted_out' | 'pending', source: string, recordedAt: Date) =>
				store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status, legalBasis: 'consent', source, recordedAt });
			await add(p0, 'opted_in', 'first', at(0));
			await add(p0, 'opted_out', 'newest', at(5000));
			await add(p0, 'pending', 'older-recorded-later', at(1000));
			await add(p1, 'opted_in', 'tie-a', at(7000));
			await add(p1, 'opted_out', 'tie-b', at(7000));
			await add(p2, 'opted_in', 'only', at(0));
			const spaced = `${p2.slice(0, 2)} ${p2.slice(2, 5)} ${p2.slice(5)}`;
			const withPrefix = `+1${'1'}${p2.slice(2)}`; // NANP national prefix after the calling code: parsed away
			const map = await store.currentConsentMany([p0, p1, spaced, withPrefix, '+10', '+999123456789', 'junk'], 'sms', 'marketing');
			assert.equal(map.get(p0)?.source, 'newest');
			assert.equal(map.get(p1)?.source, 'tie-b', 'same time: the later append wins');
			assert.equal(map.get(spaced)?.source, 'only');
			assert.equal(map.get(withPrefix)?.source, 'only');
			assert.equal(map.size, 4);
			for (const p of phones) {
				const single = await store.currentConsent(p, 'sms', 'marketing');
				assert.deepEqual(map.get(p === p2 ? spaced : p), single);
			}
		});

		it('batched consent look-up gives each subject its own record, whatever order the keys are probed in', async () => {
			// The batch probes the table in key order, not input order: every answer must still land on its own subject.
			const base = 3_000_000 + (unique++ % 600_000) * 10;
			const phones = Array.from({ length: 300 }, (_, i) => `+1646${base + i * 1_000}`);
			const subjects = [...new Set(phones)];
			await store.appendConsentMany(
				subjects.map((subject, i) => ({ subject, channel: 'sms' as const, purpose: 'marketing' as const, status: i % 2 ? ('opted_out' as const) : ('opted_in' as const), legalBasis: 'consent' as const, source: `own-${i}`, recordedAt: at(i) })),
			);
			const spaced = (p: string) => `${p.slice(0, 2)} ${p.slice(2, 5)} ${p.slice(5)}`;
			const asked = [...subjects].reverse().flatMap((p, i) => (i % 3 === 0 ? [p, spaced(p)] : [p]));
			const map = await store.currentConsentMany([...asked, email('none')], 'sms', 'marketing');
			assert.equal(map.size, asked.length);
			for (const [i, p] of subjects.entries()) {
				assert.equal(map.get(p)?.source, `own-${i}`);
				assert.equal(map.get(p)?.subject, p);
				assert.equal(map.get(p)?.status, i % 2 ? 'opted_out' : 'opted_in');
				if (map.has(spaced(p))) assert.equal(map.get(spaced(p)), map.get(p), 'spellings of one subject share its record');
			}
			assert.deepEqual(map.get(subjects[7]), await store.currentConsent(subjects[7], 'sms', 'marketing'));
		});

		it('appends many consent records at once: normalized, readable in batch, and all or none', async () => {
			const subjects = Array.from({ length: 1200 }, (_, i) => email(`bulk${i}`).toUpperCase());
			const records = subjects.map((subject, i) => ({
				subject,
				channel: 'email' as const,
				purpose: 'marketing' as const,
				status: (i % 3 === 0 ? 'opted_out' : 'opted_in') as 'opted_out' | 'opted_in',
				legalBasis: 'consent' as const,
				source: 'import',
				evidence: { row: i, note: 'Einwilligung ✓' },
				recordedAt: at(i),
			}));
			assert.equal(await store.appendConsentMany(records), 1200);
			const map = await store.currentConsentMany(subjects, 'email', 'marketing');
			assert.equal(map.size, 1200);
			assert.equal(map.get(subjects[3])?.status, 'opted_out');
			assert.equal(map.get(subjects[4])?.subject, subjects[4].toLowerCase());
			assert.deepEqual(map.get(subjects[7])?.evidence, { row: 7, note: 'Einwilligung ✓' });
			assert.equal(map.get(subjects[7])?.recordedAt.getTime(), at(7).getTime());
			assert.deepEqual(await store.currentConsent(subjects[7], 'email', 'marketing'), map.get(subjects[7]));
			assert.equal(await store.appendConsentMany([]), 0);
			const fresh = [email('atomic'), email('atomic')];
			const bad = [
				{ ...records[0], subject: fresh[0] },
				{ ...records[1], subject: fresh[1], status: 'maybe' as never },
			];
			await assert.rejects(store.appendConsentMany(bad), InputError);
			await assert.rejects(store.appendConsentMany([{ ...records[0], subject: fresh[0] }, { ...records[1], subject: 'not an address' }]), InputError);
			assert.equal((await store.currentConsentMany(fresh, 'email', 'marketing')).size, 0, 'nothing of a rejected batch was written');
		});

		// 3. Suppressions ----------------------------------------------------------------------------------------------

		it('suppresses, looks up (single and batch) and lifts suppressions per channel', async () => {
			const a = email('sup');
			const b = email('sup');
			await store.suppress({ subject: a, channel: 'email', reason: 'hard_bounce', source: 'smtp', at: at(0), evidence: { code: '550' } });
			await store.suppress({ subject: b, channel: 'email', reason: 'complaint', source: 'fbl' });
			const s = await store.getSuppression(a.toUpperCase(), 'email');
			assert.deepEqual(s, { channel: 'email', reason: 'hard_bounce', source: 'smtp', at: at(0), subjectKnown: true });
			await store.suppress({ subject: a, channel: 'email', reason: 'complaint', source: 'fbl', at: at(10) });
			assert.equal((await store.getSuppression(a, 'email'))?.reason, 'complaint');
			const many = await store.getSuppressionMany([a, b, email('none'), 'junk'], 'email');
			assert.deepEqual([...many.keys()].sort(), [a, b].sort());
			assert.equal(await store.unsuppress(a, 'email', 'manual'), true);
			assert.equal(await store.unsuppress(a, 'email', 'manual'), false);
			assert.equal(await store.getSuppression(a, 'email'), null);
			const phone = '+4915199999' + String(100 + (unique++ % 899));
			await store.suppress({ subject: phone, channel: 'sms', reason: 'stop', source: 'sms_keyword' });
			assert.equal((await store.getSuppression(phone, 'sms'))?.reason, 'stop');
		});

		// Export and erasure -------------------------------------------------------------------------------------------

		it('exports everything about a subject and erases it while keeping a hashed suppression', async () => {
			const subject = `+4915${String(Date.now()).slice(-9)}`;
			const display = subject.replace(/^\+49/, '+49 ').replace(/(\d{3})(\d+)$/, '$1 $2');
			const other = email('bystander');
			await store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'checkout', consentTextVersion: 'v3', evidence: { ip: '198.51.100.7' }, recordedAt: at(0) });
			await store.appendConsent({ subject, channel: 'sms', purpose: 'marketing', status: 'opted_out', legalBasis: 'withdrawal', source: 'sms_keyword', recordedAt: at(1000) });
			await store.appendConsent({ subject: other, channel: 'email', purpose: 'marketing', status: 'opted_in', legalBasis: 'consent', source: 'checkout' });
			await store.suppress({ subject, channel: 'sms', reason: 'stop', source: 'sms_keyword', evidence: { body: 'STOP' } });
			const providerId = uid('SM');
			await store.logMessage({ subject, channel: 'sms', purpose: 'marketing', journeyStep: 'review', status: 'sent', providerId, meta: { text: 'Hallo Anna' } });
			await store.appendDecision({ subject, channel: 'sms', purpose: 'marketing', decision: 'suppressed', reason: 'opted_out', policyVersion: 'p1', detail: { name: 'Anna' } });
			const dueKey = uid('cart');
			await store.upsertDue({ kind: 'cart', key: dueKey, subject, dueAt: at(0), payload: { firstName: 'Anna' } });
			const code = uid('c');
			await store.links.create({ code, url: 'https://shop.example/r', subject, meta: { name: 'Anna' } });
			await store.links.recordClick(code, { at: at(1), meta: { ip: '203.0.113.9' } });
			const orderId = uid('order');
			await store.orders.record({ platform: 'shopify', orderId, subject: display, placedAt: at(0), lineItems: [{ sku: 'COFFEE', quantity: 1 }] });

			const exported = await store.exportSubject(display);
			assert.equal(exported.subject, subject);
			assert.equal(exported.consent.length, 2);
			assert.deepEqual(exported.consent.map((c) => c.status), ['opted_in', 'opted_out']);
			assert.deepEqual(exported.consent[0].evidence, { ip: '198.51.100.7' });
			assert.equal(exported.suppressions.length, 1);
			assert.deepEqual(exported.suppressions.map((x) => [x.channel, x.reason, x.source]), [['sms', 'stop', 'sms_keyword']]);
			assert.equal(exported.messages.length, 1);
			assert.deepEqual(exported.messages.map((m) => [m.providerId, m.journeyStep, m.status, m.channel]), [[providerId, 'review', 'sent', 'sms']]);
			assert.deepEqual(exported.messages[0].meta, { text: 'Hallo Anna' });
			assert.equal(exported.decisions.length, 1);
			assert.deepEqual(exported.decisions.map((d) => [d.decision, d.reason, d.policyVersion, d.detail]), [['suppressed', 'opted_out', 'p1', { name: 'Anna' }]]);
			assert.deepEqual(exported.scheduled?.map((d) => d.key), [dueKey]);
			assert.deepEqual(exported.shortLinks?.map((l) => [l.code, l.clicks]), [[code, 1]]);
			assert.deepEqual(exported.orders?.map((o) => [o.orderId, o.lines[0].sku]), [[orderId, 'COFFEE']]);

			const report = await store.eraseSubject(display, at(2000));
			assert.equal(report.subjectHash, exported.subjectHash);
			assert.equal(report.suppressionKept, true);
			assert.deepEqual(
				{ ...report.removed },
				{ consent: 2, messages: 1, decisions: 1, scheduled: 1, carts: 0, linkClicks: 1, shortLinks: 1, attributions: 0, orders: 1, shipmentEvents: 0, shipments: 0, orderStages: 0, suppressions: 1, reviewAsks: 0, ratings: 0 },
			);

			// Re-normalized spelling finds the hashed suppression; nothing personal is left.
			const suppression = await store.getSuppression(display.replace(/ /g, ''), 'sms');
			assert.deepEqual(suppression, { channel: 'sms', reason: 'erasure', source: 'erasure', at: at(2000), subjectKnown: false });
			assert.equal((await store.getSuppressionMany([` ${display} `], 'sms')).get(` ${display} `)?.reason, 'erasure');
			const afterErasure = await store.exportSubject(subject);
			assert.equal(afterErasure.subjectHash, exported.subjectHash);
			assert.deepEqual(afterErasure.consent.map((c) => [c.status, c.legalBasis, c.recordedAt.getTime(), c.consentTextVersion]), [
				['opted_in', 'consent', at(0).getTime(), 'v3'],
				['opted_out', 'withdrawal', at(1000).getTime(), null],
			]);
			for (const c of afterErasure.consent) assert.deepEqual(c.evidence, { erased: true });
			assert.deepEqual(afterErasure.messages[0].meta, { erased: true });
			assert.deepEqual(afterErasure.decisions[0].detail, { erased: true });
			assert.deepEqual(afterErasure.scheduled?.[0].payload, { erased: true });
			assert.equal(afterErasure.scheduled?.[0].status, 'cancelled');
			assert.equal(afterErasure.scheduled?.[0].subject, null);
			assert.equal(afterErasure.shortLinks?.[0].subject, null);
			assert.deepEqual(afterErasure.orders, [], 'order history is no proof: it goes entirely');
			assert.equal((await store.links.resolve(code))?.url, 'https://shop.example/r', 'the link itself keeps working');
			// The erasure suppression is final.
			assert.equal(await store.unsuppress(subject, 'sms', 'START'), false);
			await store.suppress({ subject, channel: 'sms', reason: 'stop', source: 'sms_keyword' });
			assert.equal((await store.getSuppression(subject, 'sms'))?.reason, 'erasure');
			// A second erasure changes nothing; the bystander is untouched.
			const again = await store.eraseSubject(subject, at(3000));
			assert.equal(Object.values(again.removed).reduce((a, b) => a + b, 0), 0);
			assert.deepEqual((await store.currentConsent(other, 'email', 'marketing'))?.evidence, {});
			assert.equal(await store.getSuppression(other, 'email'), null);
		});

		// Review requests and ratings (store.ratings) ------------------------------------------------------------------
		registerRatingsContract(() => store);
		registerSendSlotContract(() => store, () => config);

		// 4. Message log -------------------------------------------------------------------------------------------------

		it('logs messages, finds them by provider id and applies status callbacks in order', async () => {
			const subject = email('msg');
			const sid = uid('SM');
			const entry = await store.logMessage({ subject, channel: 'email', purpose: 'transactional', journeyStep: 'order_confirmation', status: 'accepted', providerId: sid, units: 1, sentAt: at(0), meta: { subject: 'Bestellung ✓' } });
			assert.equal(entry.status, 'accepted');
			assert.equal(entry.errorCode, null);
			assert.deepEqual(entry.meta, { subject: 'Bestellung ✓' });
			assert.equal(await store.updateMessageStatus(sid, 'sent', undefined, at(10)), true);
			assert.equal(await store.updateMessageStatus(sid, 'delivered', null, at(20)), true);
			assert.equal(await store.updateMessageStatus(sid, 'sent', undefined, at(30)), true, 'known id, late callback');
			let found = await store.findMessageByProviderId(sid);
			assert.equal(found?.status, 'delivered');
			assert.equal(found?.updatedAt.getTime(), at(20).getTime());
			assert.equal(await store.updateMessageStatus(sid, 'read', undefined, at(40)), true);
			const failing = uid('SM');
			await store.logMessage({ subject, channel: 'email', purpose: 'marketing', journeyStep: 'winback', status: 'sent', providerId: failing });
			await store.updateMessageStatus(failing, 'undelivered', '30007');
			found = await store.findMessageByProviderId(failing);
			assert.equal(found?.status, 'undelivered');
			assert.equal(found?.errorCode, '30007');
			assert.equal(await store.updateMessageStatus(uid('unknown'), 'delivered'), false);
			assert.equal(await store.findMessageByProviderId(uid('unknown')), null);
			await assert.rejects(store.logMessage({ subject, channel: 'email', purpose: 'marketing', journeyStep: 'x', status: 'nope' as never }), InputError);
		});

		it('counts sends in a time window, per purpose and status, for one subject and for many', async () => {
			const a = email('cap');
			const b = email('cap');
			const log = (subject: string, purpose: 'marketing' | 'transactional', status: 'sent' | 'failed', sentAt: Date) =>
				store.logMessage({ subject, channel: 'email', purpose, journeyStep: 'x', status, sentAt });
			await log(a, 'marketing', 'sent', at(0));
			await log(a, 'marketing', 'sent', at(1000));
			await log(a, 'transactional', 'sent', at(1000));
			await log(a, 'marketing', 'failed', at(1000));
			await log(b, 'marketing', 'sent', at(-1));
			assert.equal(await store.countMessages({ subject: a, channel: 'email', since: at(0) }), 3);
			assert.equal(await store.countMessages({ subject: a, channel: 'email', since: at(1) }), 2);
			assert.equal(await store.countMessages({ subject: a, channel: 'email', purpose: 'marketing', since: at(0) }), 2);
			assert.equal(await store.countMessages({ subject: a, channel: 'email', since: at(0), statuses: ['failed'] }), 1);
			assert.equal(await store.countMessages({ subject: a, channel: 'sms' as never, since: at(0) }).catch(() => -1), -1);
			const many = await store.countMessagesMany([a, b, email('none')], { channel: 'email', purpose: 'marketing', since: at(0) });
			assert.deepEqual([many.get(a), many.get(b), many.size], [2, 0, 3]);
		});

		it('1,000 concurrent message-log writes: none lost', async () => {
			const subject = email('burst');
			const writes = await Promise.all(
				Array.from({ length: 1000 }, (_, i) =>
					store.logMessage({ subject, channel: 'email', purpose: 'marketing', journeyStep: `s${i}`, status: 'sent', providerId: `${subject}-${i}` }),
				),
			);
			assert.equal(new Set(writes.map((w) => w.id)).size, 1000);
			assert.equal(await store.countMessages({ subject, channel: 'email', since: new Date(0) }), 1000);
			assert.equal((await store.exportSubject(subject)).messages.length, 1000);
			const steps = (await store.exportSubject(subject)).messages.map((m) => m.journeyStep).sort();
			assert.deepEqual(steps, Array.from({ length: 1000 }, (_, i) => `s${i}`).sort(), 'every write is there, each once');
		});

		it('records decisions in the subject export', async () => {
			const subject = email('dec');
			await store.appendDecision({ subject, channel: 'email', purpose: 'marketing', journeyStep: 'winback', decision: 'deferred', reason: 'quiet_hours', policyVersion: '1', decidedAt: at(0), detail: { until: 'x' } });
			const [d] = (await store.exportSubject(subject)).decisions;
			assert.equal(d.decision, 'deferred');
			assert.equal(d.journeyStep, 'winback');
			assert.equal(d.decidedAt.getTime(), at(0).getTime());
			assert.deepEqual(d.detail, { until: 'x' });
		});

		it('appends many decisions in one go, all or none', async () => {
			const a = email('decs');
			const b = email('decs');
			const entry = { channel: 'email' as const, purpose: 'marketing' as const, decision: 'send' as const, reason: 'ok', policyVersion: '1' };
			await store.appendDecisions([
				{ ...entry, subject: a.toUpperCase(), journeyStep: 'review', decidedAt: at(0), detail: { rule: 'x' } },
				{ ...entry, subject: b, decision: 'suppressed', reason: 'no_consent', decidedAt: at(1) },
				{ ...entry, subject: a, journeyStep: 'winback', decision: 'deferred', reason: 'quiet_hours', decidedAt: at(2) },
			]);
			const decisions = (await store.exportSubject(a)).decisions;
			assert.deepEqual(decisions.map((d) => [d.journeyStep, d.decision, d.decidedAt.getTime()]), [
				['review', 'send', at(0).getTime()],
				['winback', 'deferred', at(2).getTime()],
			]);
			assert.deepEqual(decisions[0].detail, { rule: 'x' });
			assert.equal((await store.exportSubject(b)).decisions[0].reason, 'no_consent');
			await store.appendDecisions([]);
			const c = email('decs');
			await assert.rejects(store.appendDecisions([{ ...entry, subject: c }, { ...entry, subject: 'not an address' }]), InputError);
			assert.equal((await store.exportSubject(c)).decisions.length, 0, 'nothing of a rejected batch was written');
			const many = Array.from({ length: 5100 }, (_, i) => ({ ...entry, subject: c, journeyStep: `s${i}`, decidedAt: at(i) }));
			await store.appendDecisions(many);
			assert.equal((await store.exportSubject(c)).decisions.length, 5100);
			assert.deepEqual(
				(await store.exportSubject(c)).decisions.map((d) => [d.journeyStep, d.decidedAt.getTime()]),
				many.map((d) => [d.journeyStep, d.decidedAt.getTime()]),
				'every decision, in decision order, across the 5,000-row chunks',
			);
		});

		it('logs resolved subjects as they are and still normalizes or rejects any other spelling', async () => {
			const entry = { channel: 'sms' as const, purpose: 'marketing' as const, decision: 'send' as const, reason: 'ok', policyVersion: '1', decidedAt: at(0) };
			const phone = '+4915177' + String(100_000 + (unique++ % 899_999));
			const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`;
			await store.appendDecisions([{ ...entry, subject: phone, journeyStep: 'e164' }, { ...entry, subject: spaced, journeyStep: 'spaced' }], { resolved: true });
			const logged = (await store.exportSubject(phone)).decisions;
			assert.deepEqual(logged.map((d) => [d.journeyStep, d.subject]), [['e164', phone], ['spaced', phone]], 'one subject, however it was spelled');
			await assert.rejects(store.appendDecisions([{ ...entry, subject: 'not a number' }], { resolved: true }), InputError);
		});

		// 5. Scheduled work --------------------------------------------------------------------------------------------

		it('leases due items once, re-leases after the lease expires, and never emits done or cancelled items', async () => {
			const kind = uid('kind');
			await store.upsertDue({ kind, key: 'b', dueAt: at(2000), payload: { n: 2 } });
			await store.upsertDue({ kind, key: 'a', subject: email('due'), dueAt: at(1000), payload: { n: 1, text: 'Warenkorb 🛒' } });
			await store.upsertDue({ kind, key: 'later', dueAt: at(60_000), payload: {} });
			await store.upsertDue({ kind, key: 'gone', dueAt: at(0), payload: {} });
			assert.equal(await store.cancelDue(kind, 'gone'), true);
			assert.equal(await store.cancelDue(kind, 'gone'), false);
			assert.equal(await store.cancelDue(kind, 'missing'), false);
			assert.deepEqual(await store.claimDue(kind, { now: at(500), limit: 10, leaseMs: 1000 }), []);
			const first = await store.claimDue(kind, { now: at(2500), limit: 10, leaseMs: 1000 });
			assert.deepEqual(first.map((d) => [d.key, d.attempts, d.status]), [['a', 1, 'leased'], ['b', 1, 'leased']]);
			assert.deepEqual(first[0].payload, { n: 1, text: 'Warenkorb 🛒' });
			assert.deepEqual(await store.claimDue(kind, { now: at(3000), limit: 10, leaseMs: 1000 }), [], 'lease still running');
			await store.completeDue(kind, 'a');
			const again = await store.claimDue(kind, { now: at(3500), limit: 10, leaseMs: 1000 });
			assert.deepEqual(again.map((d) => [d.key, d.attempts]), [['b', 2]], 'expired lease re-claimed, done item not');
			assert.equal((await store.getDue(kind, 'a'))?.status, 'done');
			// Re-scheduling makes an item pending again; completing a stale lease does not finish the new schedule.
			await store.upsertDue({ kind, key: 'b', dueAt: at(10_000), payload: { n: 3 } });
			await store.completeDue(kind, 'b');
			const b = await store.getDue(kind, 'b');
			assert.deepEqual([b?.status, b?.attempts, b?.payload], ['pending', 0, { n: 3 }]);
			const limited = await store.claimDue(kind, { now: at(100_000), limit: 1, leaseMs: 1000 });
			assert.deepEqual(limited.map((d) => d.key), ['b']);
			assert.equal(await store.getDue(kind, 'nope'), null);
			await assert.rejects(store.claimDue(kind, { limit: 0, leaseMs: 1000 }), InputError);
		});

		it('two pollers in two processes never receive the same item', async () => {
			const kind = uid('poll');
			for (let i = 0; i < 60; i++) await store.upsertDue({ kind, key: `k${i}`, dueAt: at(i), payload: { i } });
			const children = [0, 1].map(() => target.startChild({ action: 'pollers', config, kind, count: 6 }));
			await Promise.all(children.map((c) => c.next()));
			for (const c of children) c.go();
			const results = (await Promise.all(children.map((c) => c.next()))) as Array<{ keys: string[]; error?: string }>;
			for (const r of results) assert.equal(r.error, undefined, r.error);
			const all = [...results[0].keys, ...results[1].keys];
			assert.equal(new Set(all).size, all.length, 'no item leased twice');
			assert.equal(all.length, 60, '2 × 6 × 7 slots cover all 60 items');
			assert.deepEqual([...all].sort(), Array.from({ length: 60 }, (_, i) => `k${i}`).sort());
		});

		// Short links, cache, quotas -----------------------------------------------------------------------------------

		it('caches values with expiry and enforces shared quotas per fixed window', async () => {
			const ns = uid('ns');
			await store.cachePut(ns, 'k', { status: 'delivered', note: 'Zugestellt ✓' }, 1000, at(0));
			assert.deepEqual(await store.cacheGet(ns, 'k', at(999)), { status: 'delivered', note: 'Zugestellt ✓' });
			assert.equal(await store.cacheGet(ns, 'k', at(1000)), null);
			await store.cachePut(ns, 'k', [1, 2], null, at(0));
			assert.deepEqual(await store.cacheGet(ns, 'k', at(10 ** 12)), [1, 2]);
			assert.equal(await store.cacheGet(ns, 'missing'), null);
			const q = uid('quota');
			const window = 60_000;
			const base = at(0).getTime() - (at(0).getTime() % window);
			const results = [];
			for (let i = 0; i < 4; i++) results.push(await store.takeQuota(q, 3, window, new Date(base + i)));
			assert.deepEqual(results, [true, true, true, false]);
			assert.equal(await store.takeQuota(q, 3, window, new Date(base + window)), true, 'new window');
			const parallel = uid('quota');
			const burst = await Promise.all(Array.from({ length: 50 }, () => store.takeQuota(parallel, 10, window, new Date(base))));
			assert.equal(burst.filter(Boolean).length, 10);
		});

		// Crash safety --------------------------------------------------------------------------------------------------

		it('a process killed mid-transaction leaves no half-written record', async () => {
			const key = uid('crash');
			const child = target.startChild({ action: 'crash-raw', config, key });
			const mid = (await child.next()) as { mid?: boolean; error?: string };
			assert.equal(mid.error, undefined, mid.error);
			assert.equal(mid.mid, true);
			await child.kill();
			assert.equal(await store.isClaimed(key), false);
			assert.equal(await store.claim(key, 60_000), true, 'locks are gone and the key is free');
		});

		it('a process killed during a stream of erasures leaves every subject fully erased or untouched', async () => {
			const prefix = `${uid('loop')}-`;
			const child = target.startChild({ action: 'crash-loop', config, prefix });
			const ready = (await child.next()) as { error?: string };
			assert.equal(ready.error, undefined, ready.error);
			await child.next(); // progressed
			await new Promise((r) => setTimeout(r, 150 + Math.random() * 150));
			await child.kill();
			let seen = 0;
			let erased = 0;
			for (let i = 0; ; i++) {
				const exported = await store.exportSubject(`${prefix}${i}@example.com`);
				if (exported.consent.length === 0 && exported.messages.length === 0) break;
				seen++;
				const isErased = exported.suppressions.some((s) => s.reason === 'erasure');
				if (isErased) erased++;
				for (const c of exported.consent) assert.equal(c.evidence.erased === true, isErased, `consent of #${i}`);
				for (const m of exported.messages) assert.equal(m.meta.erased === true, isErased, `messages of #${i}`);
			}
			assert.ok(seen >= 6, `child progressed (${seen})`);
			assert.ok(erased >= seen - 1, 'only the last subject may be unfinished');
		});
	});
	registerCartContractTests(target);
	registerShipmentContractTests(target);
	registerLinksContract(target);
	registerReportsContract(target);
}

/** A child process running tests/unit/store/child.ts; messages arrive in order through `next()`. */
export interface ContractChild {
	next(): Promise<unknown>;
	/** Sends the common start signal for races. */
	go(): void;
	/** SIGKILL, resolved once the process is gone. */
	kill(): Promise<void>;
}
