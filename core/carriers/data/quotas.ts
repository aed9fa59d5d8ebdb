import type { ProviderId } from '../clients/types';

/**
 * Default call budgets per provider, shared by every workflow through the store (research §3/§6): DHL's starter
 * key allows 250 calls a day at about one per second, USPS about 60 an hour, 17TRACK 3 per second.
 */
export const DEFAULT_QUOTAS: Record<ProviderId, Array<{ limit: number; windowMs: number }>> = {
	dhl: [
		{ limit: 1, windowMs: 1_000 },
		{ limit: 250, windowMs: 86_400_000 },
	],
	usps: [{ limit: 60, windowMs: 3_600_000 }],
	'17track': [{ limit: 3, windowMs: 1_000 }],
	aftership: [{ limit: 5, windowMs: 1_000 }],
	ups: [{ limit: 10, windowMs: 1_000 }],
	fedex: [{ limit: 100, windowMs: 10_000 }],
};
