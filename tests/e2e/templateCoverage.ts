/**
 * Every template in workflows/ → the end-to-end test file(s) in tests/e2e that import it into real n8n, fire its
 * trigger and assert its messages at the local SMTP and Twilio servers. The unit test
 * tests/unit/templates/templateCoverage.test.ts fails for a template without an entry here, or with an entry whose
 * file does not name the template: a new template cannot be added without an end-to-end test.
 */
export const TEMPLATE_E2E: Readonly<Record<string, readonly string[]>> = {
	'cart-recovery.json': ['cartRecovery.test.ts'],
	'delivery-updates.json': ['deliveryUpdates.test.ts'],
	'journey-board.json': ['journeyPages.test.ts'],
	'journey-report.json': ['journeyPages.test.ts'],
	'order-confirmation.json': ['journey.test.ts'],
	'payment-reminder.json': ['journey.test.ts'],
	'post-purchase-journey.json': ['allTemplates.test.ts'],
	'product-birthday-and-win-back.json': ['allTemplates.test.ts'],
	'replenishment-reminder.json': ['replenishment.test.ts'],
	'return-follow-up.json': ['returns.test.ts'],
	'return-received.json': ['returns.test.ts'],
	'return-request-form.json': ['returns.test.ts'],
	'review-request.json': ['reviewRequest.test.ts'],
	'shipping-notification.json': ['journey.test.ts', 'deliveryUpdates.test.ts'],
	'sms-opt-in.json': ['allTemplates.test.ts', 'journey.test.ts'],
	'tracking-page.json': ['trackingPage.test.ts'],
};
