/**
 * The queue-mode settings the test runs with. docker-compose.yml must carry the same (tests/unit/dockerCompose.test.ts
 * checks it), so what users start is what was tested.
 *
 * The worker lock and stalled-job check stay at n8n's defaults (60 s lock renewed every 10 s, checked every 30 s): with
 * a 5 s lock, workers on the loaded 2-core machine missed their renewals and n8n failed their running executions with
 * "This execution failed to be processed too many times" (its Bull queue never retries a stalled job). The main's
 * queue recovery stays at n8n's 3 hours: it marks "crashed" every execution its database lists as new or running that
 * it does not find on the queue at that instant, and at every 6 s (0.1 minutes) it caught 2 of 1,000 live order
 * executions between the two reads, which then never ran.
 */
export const QUEUE_SETTINGS: Record<string, string> = {
	EXECUTIONS_MODE: 'queue',
	QUEUE_WORKER_LOCK_DURATION: '60000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '10000',
	QUEUE_WORKER_STALLED_INTERVAL: '30000',
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	// Successful executions are not kept (1,000 orders would be 1,000 rows of full data); failed ones are, for retries.
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	DB_TYPE: 'postgresdb',
	// n8n pings its database every 2 s through the same pool and answers webhooks with 503 "Database is not ready!"
	// while a ping waits too long: 2 connections (the default) and a 5 s wait were not enough for 20 webhooks at once.
	DB_POSTGRESDB_POOL_SIZE: '6',
	DB_PING_TIMEOUT_MS: '20000',
};

/** `n8n worker --concurrency`. */
export const WORKER_CONCURRENCY = 10;

/** The SMS nodes' "Messages Per Second" in this test: the local Twilio has no limit; the shared slot is still taken. */
export const MESSAGES_PER_SECOND = 200;
