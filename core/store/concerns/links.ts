import { InputError } from '../../shared/errors';
import type { StoreContext } from '../context';
import type { Row } from '../dialect/Dialect';
import { checkKey, checkText, fromJson, ms, num, toJson } from '../impl/values';

/** Short links and their clicks. */

export interface ShortLink {
	code: string;
	url: string;
	subject: string | null;
	meta: Record<string, unknown>;
	createdAt: Date;
	clicks: number;
}

export function shortLinkFromRow(row: Row): ShortLink {
	return {
		code: row.code as string,
		url: row.url as string,
		subject: (row.subject as string | null) ?? null,
		meta: fromJson(row.meta, {}),
		createdAt: new Date(num(row.created_at)),
		clicks: num(row.clicks),
	};
}

/** Idempotent for the same code + URL: the insert does nothing when the code exists, then the row is read either way. */
export async function createShortLink(
	ctx: StoreContext,
	link: { code: string; url: string; subject?: string; meta?: Record<string, unknown> },
): Promise<ShortLink> {
	checkKey(link.code, 'code');
	checkText(link.url, 'url');
	const s = link.subject ? ctx.anySubject(link.subject) : null;
	await ctx.db.run(
		`INSERT INTO short_links (code, url, subject, subject_hash, meta, created_at, clicks) VALUES (?, ?, ?, ?, ?, ?, 0)
		ON CONFLICT (code) DO NOTHING`,
		[link.code, link.url, s?.subject ?? null, s?.hash ?? null, toJson(link.meta), ctx.now()],
	);
	const existing = shortLinkFromRow((await ctx.db.get('SELECT * FROM short_links WHERE code = ?', [link.code])) as Row);
	if (existing.url !== link.url) {
		throw new InputError('This short link code is already used for another URL.', 'code', 'Generate a new random code.');
	}
	return existing;
}

export async function resolveShortLink(ctx: StoreContext, code: string): Promise<ShortLink | null> {
	const row = await ctx.db.get('SELECT * FROM short_links WHERE code = ?', [checkKey(code, 'code')]);
	return row ? shortLinkFromRow(row) : null;
}

/** The counter and the click row commit together or not at all. */
export async function recordClick(ctx: StoreContext, code: string, at?: Date, meta?: Record<string, unknown>): Promise<boolean> {
	checkKey(code, 'code');
	const t = ms(at, ctx.now());
	return ctx.db.tx(async (tx) => {
		if ((await tx.run('UPDATE short_links SET clicks = clicks + 1 WHERE code = ?', [code])) === 0) return false;
		await tx.run('INSERT INTO link_clicks (code, at, meta) VALUES (?, ?, ?)', [code, t, toJson(meta)]);
		return true;
	});
}
