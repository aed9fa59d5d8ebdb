import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { htmlPage, pageLanguage } from '../../../core/pages';

describe('page shell', () => {
	it('escapes the title, keeps private pages out of search engines, and adds the page CSS', () => {
		const html = htmlPage({ language: 'de', title: 'Bestellung <#1001>', body: '<p>ok</p>', css: '.x{color:red}' });
		assert.match(html, /^<!doctype html>/);
		assert.match(html, /<html lang="de">/);
		assert.match(html, /<title>Bestellung &lt;#1001&gt;<\/title>/);
		assert.match(html, /noindex,nofollow/);
		assert.match(html, /\.x\{color:red\}<\/style>/);
		assert.match(html, /<main><p>ok<\/p><\/main>/);
		assert.doesNotMatch(html, /<script|<link |https?:\/\/(?!www\.w3)/, 'no scripts and no external assets');
	});

	it('lets a public page be indexed', () => {
		assert.doesNotMatch(htmlPage({ language: 'en', title: 't', body: '', private: false }), /noindex/);
	});

	it('picks German or English by quality value and falls back to English', () => {
		assert.equal(pageLanguage('en;q=0.3, de-CH;q=0.8'), 'de');
		assert.equal(pageLanguage('de;q=0.2,en-GB'), 'en');
		assert.equal(pageLanguage('it'), 'en');
		assert.equal(pageLanguage(''), 'en');
	});
});
