import { createHttpClient } from '../../shared/http';
import type { HttpClient } from '../../shared/http';
import type { ClientDeps } from './types';

export function providerHttp(service: string, baseUrl: string, deps: ClientDeps, headers?: Record<string, string>): HttpClient {
	return createHttpClient({
		service,
		baseUrl,
		fetch: deps.fetch,
		timeoutMs: deps.timeoutMs,
		retries: deps.retries,
		backoffMs: deps.backoffMs,
		sleep: deps.sleep,
		headers,
	});
}
