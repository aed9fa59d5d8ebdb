import type { Migration } from '../dialect/Dialect';
import { V1 } from './v1';
import { V2 } from './v2';
import { V7 } from './v7';

/**
 * The store's schema history: one ordered list, each step in both dialects side by side. Stores run every step
 * above their recorded version when they open, so a store made by any earlier release opens and upgrades in place.
 * Versions need not be consecutive (3–6 are merged from other branches), only ascending.
 */
export const MIGRATIONS: readonly Migration[] = [V1, V2, V7];
