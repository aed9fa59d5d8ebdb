import type { StoreConfig } from '../../../core/store';
import type { Dialect } from '../../../core/store/dialect/Dialect';
import { PostgresDialect } from '../../../core/store/dialect/postgres';
import { SqliteDialect } from '../../../core/store/dialect/sqlite';
import { MIGRATIONS } from '../../../core/store/migrations/index';

/** Opens a store's dialect migrated only up to `version`: how an earlier release left it (migration tests). */
export async function openAt(config: StoreConfig, version: number): Promise<Dialect> {
	const steps = MIGRATIONS.filter((m) => m.version <= version);
	return config.backend === 'sqlite' ? SqliteDialect.open(config, steps) : PostgresDialect.open(config, steps);
}
