import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, it } from '@jest/globals';
import { answerLinkRequest, attributeOrderEvent, codeOfUrl, messageLinks, newCode, pageLanguage, shortenEmail, shortenText, uncountedReason, webhookBaseFromResumeUrl } from '../../../core/links';
import type { JourneyStore } from '../../../core/store';
import { openSqliteStore } from '../../../core/store';
import { resetClock, setClock } from '../../support/clock';

const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

describe('core/links: shortening', () => {
	it('replaces every link of a text, keeps punctuation and UTM tags, one code per target', async () => {
		const seen: string[] = [];
		let n = 0;
		const codeFor = async (url: string) => {
			seen.push(url);
			return `Code${++n}xxxxx`;
		};
		const text = 'Track it: https://www.dhl.de/de/privatkunden.html?piececode=0034&utm_source=sms. Again: https://www.dhl.de/de/privatkunden.html?piececode=0034&utm_source=sms! Stop: https://shop.example/stop';
		const out = await shortenText(text, { base: 'https://go.shop.example/', path: '/l/', codeFor, skip: ['https://shop.example/stop'] });
		assert.equal(out.text, 'Track it: https://go.shop.example/l?Code1xxxxx. Again: https://go.shop.example/l?Code1xxxxx! Stop: https://shop.example/stop');
		assert.deepEqual(seen, ['https://www.dhl.de/de/privatkunden.html?piececode=0034&utm_source=sms'], 'the target keeps its UTM tags');
		const tagged = await shortenText('See https://shop.example/p?a=1', { base: 'https://go.shop.example', path: 'l', codeFor, utm: { source: 'sms', medium: 'sms', campaign: 'shipped' } });
		assert.equal(tagged.links[0].url, 'https://shop.example/p?a=1&utm_source=sms&utm_medium=sms&utm_campaign=shipped');
		await assert.rejects(shortenText('x', { base: 'not a url', path: 'l' }), /not a URL/);
		await assert.rejects(shortenText('x', { base: 'https://a.example', path: '../x' }), /may only contain/);
	});

	it('shortens e-mail hrefs and the text part with the same code, and decodes &amp;', async () => {
		const codeFor = async (url: string) => (url.includes('b=2') ? 'AAAAAAAAAA' : 'BBBBBBBBBB');
		const out = await shortenEmail(
			{ html: '<a href="https://shop.example/p?a=1&amp;b=2">https://shop.example/p?a=1&amp;b=2</a> <a href=\'https://shop.example/unsub\'>x</a>', text: 'https://shop.example/p?a=1&b=2' },
			{ base: 'https://n8n.example/webhook', path: 'l', codeFor, skip: ['https://shop.example/unsub'] },
		);
		assert.equal(out.html, '<a href="https://n8n.example/webhook/l?AAAAAAAAAA">https://shop.example/p?a=1&amp;b=2</a> <a href=\'https://shop.example/unsub\'>x</a>');
		assert.equal(out.text, 'https://n8n.example/webhook/l?AAAAAAAAAA');
		assert.equal(out.links.length, 1);
	});

	it("learns n8n's webhook address from the resume URL; codes are random and well-formed", () => {
		assert.equal(webhookBaseFromResumeUrl('https://n8n.shop.example/webhook-waiting/42'), 'https://n8n.shop.example/webhook');
		assert.equal(webhookBaseFromResumeUrl('https://shop.example/n8n/webhook-waiting/42', 'hooks'), 'https://shop.example/n8n/hooks');
		const codes = new Set(Array.from({ length: 2000 }, () => newCode()));
		assert.equal(codes.size, 2000);
		for (const c of codes) assert.match(c, /^[A-Za-z0-9]{10}$/);
		assert.equal(codeOfUrl('/webhook/l?Ab3dE5gH7j'), 'Ab3dE5gH7j');
		assert.equal(codeOfUrl('/webhook/l?fbclid=1&c=Ab3dE5gH7j'), 'Ab3dE5gH7j');
		assert.equal(codeOfUrl('/webhook/l?https://evil.example'), null);
		assert.equal(codeOfUrl('/webhook/l'), null);
	});
});

describe('core/links: which requests are clicks', () => {
	const sent = new Date('2026-05-04T10:00:00Z');
	const req = (extra: Partial<Parameters<typeof uncountedReason>[0]>) => ({ method: 'GET', userAgent: BROWSER, at: new Date(sent.getTime() + 60_000), linkCreatedAt: sent, ...extra });
	it('counts a browser; not HEAD, prefetch, previews, scanners, libraries, or clicks right after sending', () => {
		assert.equal(uncountedReason(req({})), null);
		assert.equal(uncountedReason(req({ method: 'HEAD' })), 'head');
		assert.equal(uncountedReason(req({ headers: { 'sec-purpose': 'prefetch' } })), 'prefetch');
		assert.equal(uncountedReason(req({ userAgent: '' })), 'no_user_agent');
		for (const agent of [
			'WhatsApp/2.23.20.0',
			'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
			'TelegramBot (like TwitterBot)',
			'Mozilla/5.0 (compatible; Proofpoint)',
			'curl/8.5.0',
			'python-requests/2.31',
		]) {
			assert.equal(uncountedReason(req({ userAgent: agent })), 'link_preview', agent);
		}
		assert.equal(uncountedReason(req({ at: new Date(sent.getTime() + 4_000) })), 'too_early');
		assert.equal(uncountedReason(req({ at: new Date(sent.getTime() + 4_000) }), { minSecondsAfterSend: 0 }), null);
		assert.equal(pageLanguage('de-AT,de;q=0.9,en;q=0.5'), 'de');
		assert.equal(pageLanguage('fr-FR,en;q=0.4'), 'en');
		assert.equal(pageLanguage(undefined), 'en');
	});
});

describe('core/links: answering a click and attribution (SQLite store, controlled clock)', () => {
	let store: JourneyStore;
	beforeAll(async () => {
		store = await openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'links-')), 'journey.sqlite') });
	});
	afterAll(async () => {
		await store.close();
	});
	afterEach(() => resetClock());

	const make = async (url: string, subject = '+4915112345678', dedupeId = String(Math.random())) => {
		const ctx = messageLinks({ links: store.links, base: 'https://n8n.example/webhook', path: 'l', subject, channel: 'sms', journeyStep: 'shipped', dedupeId, validDays: 30, now: new Date() });
		return (await shortenText(`Track: ${url}`, ctx)).links[0];
	};
	const get = (code: string, extra: { method?: string; agent?: string; lang?: string } = {}) =>
		answerLinkRequest(store.links, { method: extra.method ?? 'GET', url: `/webhook/l?${code}`, headers: { 'user-agent': extra.agent ?? BROWSER, 'accept-language': extra.lang ?? 'de-DE' }, at: new Date() });

	it('click → 302 to the stored target → recorded once; preview and HEAD forwarded but not counted', async () => {
		setClock('2026-05-04T10:00:00Z');
		const link = await make('https://www.dhl.de/track?piececode=0034');
		assert.equal((await get(link.code)).kind, 'redirect');
		const early = await get(link.code);
		assert.equal(early.kind === 'redirect' && early.reason, 'too_early');
		setClock('2026-05-04T10:05:00Z');
		const click = await get(link.code);
		assert.deepEqual(click.kind === 'redirect' && [click.location, click.counted, click.first], ['https://www.dhl.de/track?piececode=0034', true, true]);
		const preview = await get(link.code, { agent: 'WhatsApp/2.23.20.0' });
		const head = await get(link.code, { method: 'HEAD' });
		assert.deepEqual([preview.kind === 'redirect' && preview.counted, head.kind === 'redirect' && head.reason], [false, 'head']);
		assert.equal((await store.links.resolve(link.code))?.clicks, 1, 'one counted click');
		assert.deepEqual((await store.links.clicks(link.code)).map((c) => c.reason), ['too_early', 'too_early', null, 'link_preview', 'head']);
		// The same message and link again (a retried send) gets the same code.
		const again = await messageLinks({ links: store.links, base: 'https://n8n.example/webhook', path: 'l', subject: '+49 151 12345678', channel: 'sms', journeyStep: 'shipped', dedupeId: 'x', now: new Date() }).codeFor!('https://a.example');
		assert.equal(await messageLinks({ links: store.links, base: 'https://n8n.example/webhook', path: 'l', subject: '+4915112345678', channel: 'sms', journeyStep: 'shipped', dedupeId: 'x', now: new Date() }).codeFor!('https://a.example'), again);
	});

	it('unknown and expired codes get the friendly page in the right language, never a redirect', async () => {
		setClock('2026-05-04T10:00:00Z');
		const unknown = await get('Zz9Zz9Zz9Z', { lang: 'en-GB' });
		assert.equal(unknown.kind, 'not_found');
		assert.ok(unknown.kind === 'not_found' && unknown.html.includes('This link is no longer valid') && unknown.status === 404);
		const evil = await answerLinkRequest(store.links, { method: 'GET', url: '/webhook/l?url=https://evil.example', headers: {}, at: new Date() });
		assert.ok(evil.kind === 'not_found' && !evil.html.includes('evil.example'));
		const link = await make('https://shop.example/p');
		setClock('2026-06-04T10:00:01Z');
		const expired = await get(link.code);
		assert.ok(expired.kind === 'not_found' && expired.status === 410 && expired.html.includes('nicht mehr gültig'));
	});

	it('attributes an order within 5 days after a click, else after a delivered message; once per order', async () => {
		const phone = '+4915199887766';
		setClock('2026-05-01T10:00:00Z');
		const link = await make('https://shop.example/review', phone);
		setClock('2026-05-01T12:00:00Z');
		await get(link.code);
		const order = (id: string, placedAt: string) => ({ event: 'order.placed', platform: 'shopify', receivedAt: placedAt, order: { id, placedAt, currency: 'EUR', total: '30.00' }, customer: { phone } });
		setClock('2026-05-06T11:00:00Z');
		const within = await attributeOrderEvent(store.links, order('A1', '2026-05-06T11:00:00Z'));
		assert.deepEqual([within?.journeyStep, within?.touch, within?.total], ['shipped', 'click', '30.00']);
		assert.equal(await attributeOrderEvent(store.links, order('A2', '2026-05-06T12:00:01Z')), null, 'five days and an hour later: outside');
		await store.logMessage({ subject: phone, channel: 'sms', purpose: 'marketing', journeyStep: 'win_back', status: 'delivered', providerId: 'SMwb1', sentAt: new Date('2026-05-05T09:00:00Z') });
		const message = await attributeOrderEvent(store.links, order('A3', '2026-05-08T09:00:00Z'));
		assert.deepEqual([message?.journeyStep, message?.touch], ['win_back', 'message']);
		const redelivered = await attributeOrderEvent(store.links, { ...order('A3', '2026-05-08T09:00:00Z'), event: 'order.paid' });
		assert.deepEqual(redelivered, message, 'stored once');
		assert.equal(await attributeOrderEvent(store.links, { ...order('A4', '2026-05-08T09:00:00Z'), event: 'refund.created' }), null);
	});
});
