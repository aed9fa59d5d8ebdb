import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { twilioSignature, verifyTwilioSignature } from '../../../core/shared/twilioSignature';

const authToken = '12345abcdef67890fedcba0987654321';
const url = 'https://shop.example.de/webhook/abc/sms?event=inbound';
const params = { Body: 'STOPP bitte', From: '+4915112345678', To: '+4930123456', MessageSid: 'SM0123456789abcdef0123456789abcdef', NumMedia: '0' };

test('our signature equals the twilio SDK reference algorithm', () => {
	const ours = twilioSignature(authToken, url, params);
	assert.equal(twilio.validateRequest(authToken, ours, url, params), true);
	assert.equal(twilio.getExpectedTwilioSignature(authToken, url, params), ours);
});

test('verification passes for the right token and fails for tampering', () => {
	const signature = twilioSignature(authToken, url, params);
	assert.equal(verifyTwilioSignature({ authToken, url, params, signature }), true);
	assert.equal(verifyTwilioSignature({ authToken: 'x' + authToken.slice(1), url, params, signature }), false);
	assert.equal(verifyTwilioSignature({ authToken, url, params: { ...params, Body: 'START' }, signature }), false);
	assert.equal(verifyTwilioSignature({ authToken, url: url + '&x=1', params, signature }), false);
	assert.equal(verifyTwilioSignature({ authToken, url, params, signature: undefined }), false);
	assert.equal(verifyTwilioSignature({ authToken: '', url, params, signature }), false);
});

test('a signature made with an explicit default port verifies against the URL without it, and back', () => {
	const withPort = 'https://shop.example.de:443/webhook/abc/sms';
	const withoutPort = 'https://shop.example.de/webhook/abc/sms';
	assert.equal(verifyTwilioSignature({ authToken, url: withoutPort, params, signature: twilioSignature(authToken, withPort, params) }), true);
	assert.equal(verifyTwilioSignature({ authToken, url: withPort, params, signature: twilioSignature(authToken, withoutPort, params) }), true);
});
