import { RemoteError } from './errors';

/**
 * A tiny fetch-based HTTP helper for every remote API in the core: base URL, query building, JSON and form bodies,
 * a per-attempt timeout, and retries with exponential backoff on 429, 5xx, timeouts and network errors (honouring
 * `Retry-After`). The transport is injected: tests pass real `fetch` against local servers, n8n nodes pass an
 * adapter over `this.helpers.httpRequest` so proxies and n8n's own settings apply.
 */

export interface FetchLikeResponse {
	status: number;
	headers: { get(name: string): string | null };
	text(): Promise<string>;
}

export type FetchLike = (
	url: string,
	init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<FetchLikeResponse>;

export interface HttpClientOptions {
	/** Name used in errors ("DHL", "UPS"). */
	service: string;
	baseUrl: string;
	fetch?: FetchLike;
	/** Per attempt; default 15 s. */
	timeoutMs?: number;
	/** Extra attempts after the first; default 2. */
	retries?: number;
	/** First backoff; doubled per attempt; default 500 ms. */
	backoffMs?: number;
	/** Longest wait we accept from a Retry-After header before giving up; default 10 s. */
	maxRetryAfterMs?: number;
	headers?: Record<string, string>;
	sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
	method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	path: string;
	query?: Record<string, string | number | boolean | undefined | null>;
	headers?: Record<string, string>;
	json?: unknown;
	form?: Record<string, string>;
	/** Statuses returned to the caller instead of thrown (e.g. 404 "not found yet"). */
	allowStatus?: number[];
	/** More response headers the caller reads (paging links, quota counters), lower-case. */
	exposeHeaders?: string[];
}

export interface HttpResponse<T = unknown> {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, else the text. */
	body: T;
	text: string;
}

export interface HttpClient {
	readonly baseUrl: string;
	request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
}

const RETRY_HEADERS = ['retry-after', 'x-ratelimit-reset', 'ratelimit-reset', 'x-request-id', 'content-type'];

export function joinUrl(baseUrl: string, path: string, query?: HttpRequest['query']): string {
	const base = baseUrl.replace(/\/+$/, '');
	const url = /^https?:\/\//i.test(path) ? path : `${base}/${path.replace(/^\/+/, '')}`;
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
	const qs = params.toString();
	return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

function retryAfterMs(value: string | null): number | null {
	if (!value) return null;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function parseBody(text: string, contentType: string | null): unknown {
	if (!text) return null;
	if ((contentType ?? '').includes('json') || /^[[{]/.test(text.trim())) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return text;
}

/** A short, secret-free description of an error body for messages ("title: detail"). */
export function describeErrorBody(body: unknown): string {
	if (typeof body === 'string') return body.slice(0, 200);
	if (body && typeof body === 'object') {
		const b = body as Record<string, unknown>;
		const parts = [b.title, b.detail, b.message, b.error_description, b.error]
			.concat(Array.isArray(b.errors) ? (b.errors as Array<Record<string, unknown>>).map((e) => e?.message ?? e?.code) : [])
			.concat(b.meta && typeof b.meta === 'object' ? [(b.meta as Record<string, unknown>).message] : [])
			.filter((p) => typeof p === 'string' && p.length > 0);
		return [...new Set(parts)].join(': ').slice(0, 300);
	}
	return '';
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
	const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
	const timeoutMs = options.timeoutMs ?? 15_000;
	const retries = options.retries ?? 2;
	const backoffMs = options.backoffMs ?? 500;
	const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

	async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
		const url = joinUrl(options.baseUrl, req.path, req.query);
		const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...req.headers };
		let body: string | undefined;
		if (req.json !== undefined) {
			body = JSON.stringify(req.json);
			headers['content-type'] = 'application/json';
		} else if (req.form) {
			body = new URLSearchParams(req.form).toString();
			headers['content-type'] = 'application/x-www-form-urlencoded';
		}
		let lastError: RemoteError | undefined;
		let retryWait: number | null = null;
		for (let attempt = 0; attempt <= retries; attempt++) {
			if (attempt > 0) await sleep(retryWait ?? backoffMs * 2 ** (attempt - 1));
			const controller = new AbortController();
			const timer = setTimeout(() => controller.abort(), timeoutMs);
			let res: FetchLikeResponse;
			let text: string;
			try {
				res = await doFetch(url, { method: req.method ?? 'GET', headers, body, signal: controller.signal });
				text = await res.text();
			} catch (error) {
				const timedOut = controller.signal.aborted;
				lastError = new RemoteError(
					options.service,
					timedOut ? `${options.service} did not answer within ${timeoutMs} ms` : `${options.service} could not be reached`,
					{ retryable: true, cause: error, hint: 'Check the base URL in the credential and the network; the call is retried automatically.' },
				);
				retryWait = null;
				continue;
			} finally {
				clearTimeout(timer);
			}
			const outHeaders: Record<string, string> = {};
			for (const h of [...RETRY_HEADERS, ...(req.exposeHeaders ?? [])]) {
				const v = res.headers.get(h);
				if (v !== null) outHeaders[h] = v;
			}
			const parsed = parseBody(text, res.headers.get('content-type'));
			if ((res.status >= 200 && res.status < 300) || req.allowStatus?.includes(res.status)) {
				return { status: res.status, headers: outHeaders, body: parsed as T, text };
			}
			const retryable = res.status === 429 || res.status >= 500;
			const detail = describeErrorBody(parsed);
			lastError = new RemoteError(
				options.service,
				res.status === 429
					? `${options.service} rate limit reached (HTTP 429)${detail ? `: ${detail}` : ''}`
					: `${options.service} answered HTTP ${res.status}${detail ? `: ${detail}` : ''}`,
				{
					httpCode: res.status,
					retryable,
					hint:
						res.status === 401 || res.status === 403
							? 'Check the API key or client ID and secret in the Post-Purchase Carrier API credential.'
							: res.status === 429
								? 'The provider limits how many calls you can make; try again later or ask the provider for a higher quota.'
								: undefined,
				},
			);
			if (!retryable) throw lastError;
			const wait = retryAfterMs(res.headers.get('retry-after'));
			if (wait !== null && wait > maxRetryAfterMs) throw lastError;
			retryWait = wait;
		}
		throw lastError ?? new RemoteError(options.service, `${options.service} request failed`);
	}

	return { baseUrl: options.baseUrl, request };
}
