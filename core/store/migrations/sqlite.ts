import { MIGRATIONS } from './index';

/** The SQLite column of the one migrations list (`./index.ts`), for tools and tests that read one dialect. */
export const SQLITE_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = MIGRATIONS.map((m) => ({ version: m.version, sql: m.sqlite }));
