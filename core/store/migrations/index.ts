import type { Migration } from '../dialect/Dialect';
import { V1 } from './v1';
import { V2 } from './v2';
import { V3 } from './v3';
import { V4 } from './v4';
import { V5 } from './v5';
import { V6 } from './v6';
import { V7 } from './v7';
import { V8 } from './v8';
import { V9 } from './v9';
import { V10 } from './v10';
import { V12 } from './v12';
import { V16 } from './v16';
import { V14 } from './v14';
import { V17 } from './v17';
import { V18 } from './v18';

/**
 * The store's schema history: one ordered list, each step in both dialects side by side. Stores run every step
 * above their recorded version when they open, so a store made by any earlier release opens and upgrades in place.
 * Versions ascend but need not be contiguous: steps developed side by side keep the numbers they were given.
 */
export const MIGRATIONS: readonly Migration[] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V12, V14, V16, V17, V18];
