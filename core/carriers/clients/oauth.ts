import { createHash } from 'node:crypto';
import { RemoteError } from '../../shared/errors';
import type { HttpClient } from '../../shared/http';

/**
 * OAuth 2 client-credentials tokens (UPS, FedEx, USPS), kept in memory per provider + client + base URL and
 * refreshed a minute before they expire or after a 401. Tokens are never written to the store or to logs.
 */
interface Cached {
	token: string;
	expiresAt: number;
}

const tokens = new Map<string, Cached>();

export interface TokenSource {
	get(forceRefresh?: boolean): Promise<string>;
}

export function tokenSource(
	service: string,
	http: HttpClient,
	clientId: string,
	clientSecret: string,
	fetchToken: (http: HttpClient, clientId: string, clientSecret: string) => Promise<{ access_token?: unknown; expires_in?: unknown }>,
	now: () => number = Date.now,
): TokenSource {
	const key = createHash('sha256').update(`${service}|${http.baseUrl}|${clientId}|${clientSecret}`).digest('hex');
	return {
		async get(forceRefresh = false) {
			const hit = tokens.get(key);
			if (!forceRefresh && hit && hit.expiresAt > now()) return hit.token;
			const body = await fetchToken(http, clientId, clientSecret);
			const token = typeof body.access_token === 'string' ? body.access_token : '';
			if (!token) throw new RemoteError(service, `${service} did not return an access token`, { hint: 'Check the client ID and secret.' });
			const seconds = Number(body.expires_in ?? 3600);
			tokens.set(key, { token, expiresAt: now() + Math.max(60, (Number.isFinite(seconds) ? seconds : 3600) - 60) * 1000 });
			return token;
		},
	};
}

/** Runs `call` with a token; on a 401 fetches a fresh token once and retries. */
export async function withToken<T>(source: TokenSource, call: (token: string) => Promise<T>): Promise<T> {
	return call(await source.get()).catch(async (error: unknown) =>
		error instanceof RemoteError && error.httpCode === 401 ? call(await source.get(true)) : Promise.reject(error),
	);
}

/** Test hook: forget every cached token. */
export function clearTokenCache(): void {
	tokens.clear();
}
