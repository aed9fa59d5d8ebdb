import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { buildHeaders, dkimOptions, DKIM_HEADER_FIELDS } from '../../../core/email';
import { ConfigurationError } from '../../../core/shared/errors';

describe('buildHeaders', () => {
	it('marketing mail gets one List-Unsubscribe with mailto and https, and the one-click header', () => {
		const headers = buildHeaders({ purpose: 'marketing', unsubscribe: { url: 'https://shop.example/u?t=1', mailto: 'unsubscribe@shop.example?subject=unsubscribe' } });
		assert.equal(headers['List-Unsubscribe'], '<mailto:unsubscribe@shop.example?subject=unsubscribe>, <https://shop.example/u?t=1>');
		assert.equal(headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
	});

	it('transactional mail carries no unsubscribe headers, even when a user header tries to add one', () => {
		const headers = buildHeaders({ purpose: 'transactional', custom: { 'List-Unsubscribe': '<https://x>', 'X-Campaign': 'spring' } });
		assert.deepEqual(headers, { 'X-Campaign': 'spring' });
	});

	it('user headers cannot duplicate the marketing headers or inject lines', () => {
		const headers = buildHeaders({ purpose: 'marketing', unsubscribe: { url: 'https://s.example/u' }, custom: { 'list-unsubscribe-post': 'x', 'X-Tag': 'a\r\nBcc: evil@x.example' } });
		assert.equal(Object.keys(headers).filter((h) => h.toLowerCase() === 'list-unsubscribe-post').length, 1);
		// The one that stays is ours (the user's "x" is dropped), next to the unsubscribe link.
		assert.deepEqual(headers, { 'X-Tag': 'a Bcc: evil@x.example', 'List-Unsubscribe': '<https://s.example/u>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
		assert.equal(headers['X-Tag'], 'a Bcc: evil@x.example');
		assert.throws(() => buildHeaders({ purpose: 'transactional', custom: { 'Bad Header': 'x' } }), ConfigurationError);
	});

	it('refuses marketing mail without an https unsubscribe link', () => {
		assert.throws(() => buildHeaders({ purpose: 'marketing' }), (e: unknown) => e instanceof ConfigurationError && e.field === 'unsubscribeUrl');
		assert.throws(() => buildHeaders({ purpose: 'marketing', unsubscribe: { url: 'http://shop.example/u' } }), /https/);
	});
});

describe('dkimOptions', () => {
	it('is off without settings, complete with all three, and signs List-Unsubscribe-Post', () => {
		assert.equal(dkimOptions({}), undefined);
		assert.throws(() => dkimOptions({ domainName: 'shop.example' }), ConfigurationError);
		assert.throws(() => dkimOptions({ domainName: 'shop.example', keySelector: 's', privateKey: 'nope' }), /PEM/);
		const options = dkimOptions({ domainName: 'shop.example', keySelector: 's1', privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' });
		assert.equal(options?.headerFieldNames, DKIM_HEADER_FIELDS);
		assert.ok(DKIM_HEADER_FIELDS.split(':').includes('List-Unsubscribe-Post'));
		assert.ok(DKIM_HEADER_FIELDS.split(':').includes('List-Unsubscribe'));
		assert.deepEqual(
			{ domainName: options?.domainName, keySelector: options?.keySelector, privateKey: options?.privateKey },
			{ domainName: 'shop.example', keySelector: 's1', privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' },
		);
	});
});
