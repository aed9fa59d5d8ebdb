import type { IExecuteFunctions, IHttpRequestMethods, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import type { FetchLike } from '../../core/shared/http';

/** A fetch-like function over n8n's HTTP helper, so n8n's proxy and TLS settings apply to every carrier call. */
export function n8nFetch(ctx: IExecuteFunctions | IPollFunctions | IWebhookFunctions): FetchLike {
	return async (url, init) => {
		const res = (await ctx.helpers.httpRequest({
			url,
			method: init.method as IHttpRequestMethods,
			headers: init.headers,
			body: init.body,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			abortSignal: init.signal,
		})) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		const text = typeof res.body === 'string' ? res.body : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : JSON.stringify(res.body ?? '');
		return {
			status: res.statusCode,
			headers: {
				get(name: string) {
					const v = res.headers?.[name.toLowerCase()];
					return v === undefined || v === null ? null : Array.isArray(v) ? v.join(', ') : String(v);
				},
			},
			text: async () => text,
		};
	};
}
