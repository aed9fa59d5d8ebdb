import { InputError } from '../../shared/errors';
import type { StoreCall, StoreContext } from '../context';
import type { Row } from '../dialect/Dialect';
import { checkKey, checkPositiveInt, fromJson, ms, num, toJson } from '../impl/values';

/**
 * Carts waiting for a reminder (the Cart Abandoned Trigger). Each cart activity (re)schedules the cart of one trigger
 * node; the node's poller emits each reminder step once; an order of the same cart, or of the same customer after the
 * cart's last activity, cancels the cart in every node. See migration v3 for the table.
 *
 * Exactly once per cart and step: the poller picks due rows and moves their `step` and `due_at` in one UPDATE
 * (PostgreSQL: `FOR UPDATE SKIP LOCKED`, and a row another poller changed meanwhile is re-checked and no longer due;
 * SQLite: the one writer). A step is marked before the workflow runs: a crash in between loses that reminder rather
 * than sending it twice.
 */

export type CartStatus = 'open' | 'done' | 'ordered' | 'expired' | 'skipped' | 'erased';

export interface CartActivity {
	/** The trigger node the cart belongs to, e.g. `<workflowId>:<nodeId>`. */
	scope: string;
	/** The platform's cart or checkout token (what an order of this cart names). */
	token: string;
	platform: string;
	email?: string | null;
	phone?: string | null;
	/** What the reminder shows: the cart, the customer … (personal data: erased on request). */
	payload: Record<string, unknown>;
	/** The cart's last activity. */
	activityAt: Date;
	/** When each reminder is due after the last activity, in ms, ascending. */
	schedule: readonly number[];
	/** Set when the cart must not be reminded (empty, no contact, test checkout …): stored as `skipped`. */
	skipReason?: string | null;
}

export interface CartRecord {
	scope: string;
	token: string;
	platform: string;
	status: CartStatus;
	/** Reminders emitted so far. */
	step: number;
	dueAt: Date | null;
	activityAt: Date;
	/** Why the cart stopped (`ordered`, `max_age`, `empty_cart` …) or `reminded` after an emitted step. */
	reason: string | null;
	payload: Record<string, unknown>;
}

/** A poll's outcome for one cart: a step to emit, or a cart that expired (Max Age) without one. */
export interface PolledCart extends CartRecord {
	emit: boolean;
}

export interface CartPollOptions {
	schedule: readonly number[];
	/** Carts whose last activity is older are dropped (status `expired`); null = no limit. */
	maxAgeMs: number | null;
	limit: number;
	now?: Date;
}

export interface OrderForCarts {
	/** Cart/checkout tokens the order names. */
	tokens: readonly string[];
	email?: string | null;
	phone?: string | null;
	/** When the order was placed: carts of the same customer active up to then are cancelled. */
	orderedAt: Date;
}

export interface CartStore {
	/** Records one cart activity: schedules the next reminder, or marks the cart skipped. */
	record(activity: CartActivity): Promise<void>;
	/** Emits what is due for one trigger node: each returned cart with `emit` has moved to its new step. */
	poll(scope: string, options: CartPollOptions): Promise<PolledCart[]>;
	/** An order cancels the carts it came from, in every trigger node. Returns how many were cancelled. */
	cancelForOrder(order: OrderForCarts): Promise<number>;
	get(scope: string, token: string): Promise<CartRecord | null>;
}

export function cartFromRow(row: Row): CartRecord {
	return {
		scope: row.scope as string,
		token: row.token as string,
		platform: row.platform as string,
		status: row.status as CartStatus,
		step: num(row.step),
		dueAt: row.due_at === null || row.due_at === undefined ? null : new Date(num(row.due_at)),
		activityAt: new Date(num(row.activity_at)),
		reason: (row.reason as string | null) ?? null,
		payload: fromJson(row.payload, {}),
	};
}

function checkSchedule(schedule: readonly number[]): number[] {
	if (!Array.isArray(schedule) || schedule.length === 0) throw new InputError('A cart needs at least one reminder time.', 'schedule');
	return schedule.map((offset, i) => {
		if (!Number.isSafeInteger(offset) || offset < 0 || (i > 0 && offset < schedule[i - 1])) {
			throw new InputError('Reminder times must be whole, ascending numbers of milliseconds.', 'schedule');
		}
		return offset;
	});
}

/**
 * SQL for "the due time of step `stepSql`" (0-based; NULL when there is none left). The offsets are checked integers
 * written as literals: their number differs per node, and a literal needs no per-dialect parameter typing.
 */
function dueOfStep(stepSql: string, schedule: number[]): string {
	return `CASE ${stepSql} ${schedule.map((o, i) => `WHEN ${i} THEN activity_at + ${o}`).join(' ')} ELSE NULL END`;
}

/**
 * SQL for the number of steps whose time has passed at `now`, never below the steps already emitted: a cart that fell
 * due for several steps while nobody polled (n8n was down) is emitted once, at the latest step.
 */
function reachedStep(schedule: number[], now: number): string {
	const whens = schedule.map((_, i) => schedule.length - 1 - i).map((i) => `WHEN step < ${i + 1} AND activity_at + ${schedule[i]} <= ${now} THEN ${i + 1}`);
	return `CASE ${whens.join(' ')} ELSE step END`;
}

export function createCartStore(call: StoreCall, ctx: StoreContext): CartStore {
	const hashOf = (channel: 'email' | 'sms', value: string | null | undefined) => {
		if (!value) return null;
		try {
			return ctx.subject(channel, value);
		} catch {
			return null; // not an address we can reach: the cart just is not found by it
		}
	};

	return {
		record: (a) =>
			call('record a cart', async () => {
				checkKey(a.scope, 'scope');
				checkKey(a.token, 'token');
				const schedule = checkSchedule(a.schedule);
				const at = ms(a.activityAt, Number.NaN);
				if (!Number.isFinite(at)) throw new InputError('The cart has no valid activity time.', 'activityAt');
				const email = hashOf('email', a.email);
				const phone = hashOf('sms', a.phone);
				const status = a.skipReason ? 'skipped' : 'open';
				// A cart keeps the steps it was sent (each at most once) unless it was ordered: then it is a new cart.
				const step = "CASE WHEN carts.status = 'ordered' THEN 0 ELSE carts.step END";
				await ctx.db.run(
					`INSERT INTO carts (scope, token, platform, email, email_hash, phone, phone_hash, payload, activity_at, step, due_at, status, reason, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
					ON CONFLICT (scope, token) DO UPDATE SET platform = excluded.platform, email = excluded.email,
						email_hash = excluded.email_hash, phone = excluded.phone, phone_hash = excluded.phone_hash,
						payload = excluded.payload, activity_at = excluded.activity_at, step = ${step},
						due_at = CASE WHEN excluded.status = 'open' THEN ${dueOfStep(step, schedule).replace(/activity_at/g, 'excluded.activity_at')} END,
						status = CASE WHEN excluded.status <> 'open' THEN excluded.status
							WHEN ${step} >= ${schedule.length} THEN 'done' ELSE 'open' END,
						reason = excluded.reason, updated_at = excluded.updated_at
					WHERE excluded.activity_at >= carts.activity_at AND carts.status <> 'erased'`,
					[
						a.scope,
						a.token,
						a.platform,
						email?.subject ?? null,
						email?.hash ?? null,
						phone?.subject ?? null,
						phone?.hash ?? null,
						toJson(a.payload),
						at,
						status === 'open' ? at + schedule[0] : null,
						status,
						a.skipReason ?? null,
						ctx.now(),
					],
				);
			}),

		poll: (scope, options) =>
			call('pick due carts', async () => {
				checkKey(scope, 'scope');
				const schedule = checkSchedule(options.schedule);
				const limit = checkPositiveInt(options.limit, 'limit');
				const t = ms(options.now, ctx.now());
				const maxAge = options.maxAgeMs === null ? null : checkPositiveInt(options.maxAgeMs, 'maxAgeMs');
				// "Now" is an integer of ms, written like the offsets: the expressions use it many times.
				const expired = maxAge === null ? 'FALSE' : `activity_at + ${maxAge} <= ${t}`;
				const reached = reachedStep(schedule, t);
				const { db } = ctx;
				// Every expression reads the row as it was before this UPDATE: "reached" is the step emitted now.
				const rows = await db.all(
					`UPDATE carts SET
						step = CASE WHEN ${expired} THEN step ELSE ${reached} END,
						due_at = CASE WHEN ${expired} THEN NULL ELSE ${dueOfStep(reached, schedule)} END,
						status = CASE WHEN ${expired} THEN 'expired' WHEN ${reached} >= ${schedule.length} THEN 'done' ELSE 'open' END,
						reason = CASE WHEN ${expired} THEN 'max_age' WHEN ${reached} > step THEN 'reminded' ELSE 'rescheduled' END,
						updated_at = ?
					WHERE (scope, token) IN (
						SELECT scope, token FROM carts WHERE scope = ? AND status = 'open' AND due_at <= ?
						ORDER BY due_at, token${db.binary} LIMIT ? ${db.skipLocked})
					RETURNING *`,
					[t, scope, t, limit],
				);
				return rows
					.map((row) => ({ ...cartFromRow(row), emit: row.reason === 'reminded' }))
					.sort((a, b) => a.activityAt.getTime() - b.activityAt.getTime() || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
			}),

		cancelForOrder: (order) =>
			call('cancel carts of an order', async () => {
				const tokens = [...new Set(order.tokens.filter((x) => typeof x === 'string' && x.trim() !== ''))];
				const email = hashOf('email', order.email);
				const phone = hashOf('sms', order.phone);
				const at = ms(order.orderedAt, ctx.now());
				const { db } = ctx;
				const who = [email ? 'email_hash = ?' : null, phone ? 'phone_hash = ?' : null].filter(Boolean).join(' OR ');
				const where = [tokens.length ? db.inList('token') : null, who ? `((${who}) AND activity_at <= ?)` : null].filter(Boolean).join(' OR ');
				if (!where) return 0;
				const params: unknown[] = [];
				if (tokens.length) params.push(db.listParam(tokens));
				if (email) params.push(email.hash);
				if (phone) params.push(phone.hash);
				if (who) params.push(at);
				return db.run(
					`UPDATE carts SET status = 'ordered', due_at = NULL, reason = 'ordered', updated_at = ?
					WHERE status IN ('open', 'skipped', 'done', 'expired') AND (${where})`,
					[ctx.now(), ...params],
				);
			}),

		get: (scope, token) =>
			call('read a cart', async () => {
				const row = await ctx.db.get('SELECT * FROM carts WHERE scope = ? AND token = ?', [checkKey(scope, 'scope'), checkKey(token, 'token')]);
				return row ? cartFromRow(row) : null;
			}),
	};
}
