import type { Carrier } from './model';
import { carrierCodeFromName } from './shipmentCarrier';
import { str } from './values';

/**
 * The carrier as the shop named it, before detection: our carrier code when the name is one we know, the shop's
 * name untouched (detection uses it as a hint), and no confidence. `withDetectedCarrier` refines it per number.
 */
export function carrierFromPlatform(name: unknown): Carrier {
	const text = str(name);
	return { code: carrierCodeFromName(text), name: text, confidence: null };
}
