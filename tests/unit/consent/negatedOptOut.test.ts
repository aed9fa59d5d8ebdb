/**
 * Replies that mention stopping but do not ask to stop (issue 15): negated sentences are not opt-outs; they go to the
 * workflow flagged for a person. Keywords stay strict and clear requests in free text still count (FCC 24-18).
 */
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { classifyInbound } from '../../../core/consent';

describe('negated and unclear replies', () => {
	for (const text of [
		"Please don't stop sending",
		"Don't stop texting me, I love the deals!",
		'I hope you never stop sending these',
		'Bitte nicht abmelden',
		'Please do not unsubscribe me, I like it',
		'Ich möchte mich nicht abmelden',
	]) {
		it(`"${text}" is no opt-out and is flagged for a person`, () => {
			const c = classifyInbound(text);
			assert.equal(c.intent, 'other');
			assert.equal(c.needsReview, true);
			assert.equal(c.keyword, null);
		});
	}

	for (const text of ['The bus stop near my house is where the parcel should go, thanks for everything you do', 'Der Stop-Knopf an der Kaffeemaschine klemmt seit gestern, was kann ich tun?']) {
		it(`"${text}" mentions stopping without a clear request: flagged, not recorded`, () => {
			const c = classifyInbound(text);
			assert.equal(c.intent, 'other');
			assert.equal(c.needsReview, true);
		});
	}
});

describe('clear requests still opt out', () => {
	for (const [text, language] of [
		['STOP', null],
		['Stopp', 'de'],
		['ABMELDEN', 'de'],
		['Arrêt', 'fr'],
		['leave me alone', 'en'],
		['Keine SMS mehr bitte', 'de'],
		['Stop texting me', 'en'],
		['Please unsubscribe me', 'en'],
		['Lasst mich in Ruhe', 'de'],
		['do not text me again', 'en'],
	] as const) {
		it(`"${text}" is an opt-out`, () => {
			const c = classifyInbound(text);
			assert.equal(c.intent, 'opt_out');
			assert.equal(c.language, language);
			assert.notEqual(c.needsReview, true);
		});
	}

	it('an ordinary reply is neither an opt-out nor flagged', () => {
		const c = classifyInbound('Thanks, the parcel arrived!');
		assert.deepEqual(c, { intent: 'other', keyword: null, language: null });
	});
});
