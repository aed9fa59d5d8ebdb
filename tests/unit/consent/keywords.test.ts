import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { classifyInbound, detectMarketingContent, replyLanguage, sendKey } from '../../../core/consent';

test('single-word keywords, case- and accent-insensitive', () => {
	const cases: Array<[string, string, string | null]> = [
		['STOP', 'opt_out', 'STOP'], ['stop', 'opt_out', 'STOP'], [' Stop. ', 'opt_out', 'STOP'], ['STOPALL', 'opt_out', 'STOPALL'],
		['unsubscribe', 'opt_out', 'UNSUBSCRIBE'], ['Cancel', 'opt_out', 'CANCEL'], ['end', 'opt_out', 'END'], ['QUIT', 'opt_out', 'QUIT'],
		['revoke', 'opt_out', 'REVOKE'], ['OptOut', 'opt_out', 'OPTOUT'], ['Stopp', 'opt_out', 'STOPP'], ['abmelden', 'opt_out', 'ABMELDEN'],
		['Ende', 'opt_out', 'ENDE'], ['Arrêt', 'opt_out', 'ARRET'], ['ARRÊT!', 'opt_out', 'ARRET'],
		['START', 'opt_in', 'START'], ['yes', 'opt_in', 'YES'], ['Unstop', 'opt_in', 'UNSTOP'], ['Ja', 'opt_in', 'JA'], ['JA!', 'opt_in', 'JA'],
		['HELP', 'help', 'HELP'], ['info', 'help', 'INFO'], ['Hilfe?', 'help', 'HILFE'],
		['Danke, alles angekommen', 'other', null], ['Yes please send more', 'other', null], ['', 'other', null], ['4', 'other', null],
	];
	for (const [body, intent, keyword] of cases) {
		const c = classifyInbound(body);
		assert.equal(c.intent, intent, body);
		assert.equal(c.keyword, keyword, body);
	}
});

test('natural-language opt-outs in German and English', () => {
	for (const body of [
		'Bitte keine SMS mehr',
		'bitte keine Nachrichten mehr schicken',
		'Bitte abmelden',
		'Hören Sie auf mir zu schreiben',
		'Stop texting me',
		'please stop sending these',
		"Don't text me again",
		'Remove me from your list',
		'no more texts please',
		'STOPP bitte',
	]) {
		assert.equal(classifyInbound(body).intent, 'opt_out', body);
	}
	assert.equal(classifyInbound('Bitte keine SMS mehr').language, 'de');
	assert.equal(classifyInbound('Stop texting me').language, 'en');
	assert.equal(classifyInbound('Wann kommt mein Paket? Die Sendung steht seit Tagen still').intent, 'other');
});

test('marketing content cues', () => {
	assert.deepEqual(detectMarketingContent('Ihre Bestellung 1001 wurde versandt.'), []);
	assert.ok(detectMarketingContent('Wie gefällt es dir? Jetzt bewerten!').includes('review'));
	assert.ok(detectMarketingContent('Spare 15 % mit dem Gutschein DANKE').includes('coupon'));
	assert.ok(detectMarketingContent('You might also like our new mugs').includes('cross_sell'));
	// Exactly these cues, nothing more: "15 %" is also a discount.
	assert.deepEqual(detectMarketingContent('Wie gefällt es dir? Jetzt bewerten!'), ['review']);
	assert.deepEqual(detectMarketingContent('Spare 15 % mit dem Gutschein DANKE'), ['coupon', 'discount']);
	assert.deepEqual(detectMarketingContent('You might also like our new mugs'), ['cross_sell']);
});

test('sendKey is shared, hashed and canonical', () => {
	const a = sendKey('+4915112345678', 'shipped', 'sms');
	assert.match(a, /^send:sms:shipped:[0-9a-f]{32}$/);
	assert.equal(sendKey('+49 151 1234 5678', 'shipped', 'sms'), a);
	assert.notEqual(sendKey('+4915112345678', 'delivered', 'sms'), a);
	// The hash is the first 128 bits of SHA-256 over the canonical subject; only the step differs between steps.
	const digest = createHash('sha256').update('+4915112345678', 'utf8').digest('hex').slice(0, 32);
	assert.equal(a, `send:sms:shipped:${digest}`);
	assert.equal(sendKey('+4915112345678', 'delivered', 'sms'), `send:sms:delivered:${digest}`);
	assert.equal(sendKey(' Anna@Example.DE ', 'review', 'email'), sendKey('anna@example.de', 'review', 'email'));
	assert.ok(!a.includes('4915112345678'));
});

test('STOP, START and INFO are international; STOPP, JA, HILFE are German, ARRET French, YES and HELP English', () => {
	const languages = Object.fromEntries(['STOP', 'START', 'INFO', 'STOPP', 'JA', 'HILFE', 'ARRET', 'YES', 'HELP'].map((word) => [word, classifyInbound(word).language]));
	assert.deepEqual(languages, { STOP: null, START: null, INFO: null, STOPP: 'de', JA: 'de', HILFE: 'de', ARRET: 'fr', YES: 'en', HELP: 'en' });
});

test('an auto-reply speaks the keyword\'s language, else the language of the sender\'s country, else the setting', () => {
	const cases: Array<[ReturnType<typeof classifyInbound>['language'], string, 'de' | 'en' | 'fr', string]> = [
		[null, '+4915123456789', 'en', 'de'], // STOP from a German mobile
		[null, '+436641234567', 'en', 'de'], // Austria
		[null, '+33612345678', 'de', 'fr'],
		[null, '+12125550123', 'de', 'en'],
		[null, '+447911123456', 'de', 'en'],
		[null, '+34612345678', 'fr', 'fr'], // Spain: no reply text of its own, so the setting
		['de', '+12125550123', 'en', 'de'], // STOPP from a US number is still German
		['fr', '+4915123456789', 'de', 'fr'],
	];
	for (const [keyword, from, fallback, expected] of cases) assert.equal(replyLanguage(keyword, from, fallback), expected, `${from} ${keyword}`);
});
