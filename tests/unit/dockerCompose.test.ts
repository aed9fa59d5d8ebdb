/**
 * docker-compose.yml is for users and cannot run here; the queue-mode test runs the same n8n settings instead. This
 * keeps the two from drifting apart: every queue setting of the test is in the compose file with the same value, on
 * every n8n service (they share one environment block), and the workers run with the same concurrency.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUE_SETTINGS, WORKER_CONCURRENCY } from '../queue/settings';

const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');

/** The value of `KEY: value` in the compose file's shared n8n environment (quotes removed), or undefined. */
function composeValue(key: string): string | undefined {
	const match = new RegExp(`^\\s+${key}: *(.+)$`, 'm').exec(compose);
	return match?.[1].trim().replace(/^(["'])(.*)\1$/, '$2');
}

describe('docker-compose.yml', () => {
	it.each(Object.entries(QUEUE_SETTINGS))('sets %s as the queue-mode test does', (key, value) => {
		expect(composeValue(key)).toBe(value);
	});

	it('runs two workers with the concurrency of the test, n8n pinned to the tested version', () => {
		expect(compose.match(new RegExp(`"worker", "--concurrency=${WORKER_CONCURRENCY}"`, 'g'))).toHaveLength(2);
		expect(compose).toMatch(/image: docker\.n8n\.io\/n8nio\/n8n:2\.40\.7$/m);
		expect(composeValue('N8N_COMMUNITY_PACKAGES')).toBe('[{"name":"n8n-nodes-post-purchase","version":"0.1.0"}]');
	});
});
