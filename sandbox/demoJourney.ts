/**
 * The complete journey in minutes instead of weeks, for `npm run demo` and its end-to-end test: a copy of
 * workflows/post-purchase-journey.json under its own workflow and webhook IDs in which a day lasts a few seconds.
 * The template itself stays as shipped; `npm start` imports this copy beside it.
 *
 * What is shifted: the Wait nodes that wait a number of days or hours, the review request's "days to try the order",
 * the cart reminders' delays and the refill reminder's days per unit and lead time. n8n polls the polling triggers
 * every minute (its shortest interval). Product birthday (months) and win-back (180 days) keep their settings: the
 * demo puts a year-old purchase into the order history instead. The Consent Gates keep consent, quiet hours and
 * double opt-in; only their cap ("1 marketing message per day") is lifted, because a demo day is a few seconds.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './n8n';

export const DEMO_JOURNEY_ID = 'ppPostPurchaseJourneyDemo';
/** Seconds a journey day lasts in the demo (DEMO_SECONDS_PER_DAY overrides it). */
export const DEFAULT_SECONDS_PER_DAY = 5;
/** The demo's Short Link Trigger path: the journey's own ("j") is taken by the journey published beside it. */
export const DEMO_SHORT_LINK_PATH = 'jd';

interface Node {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
}
export interface JourneyWorkflow {
	id: string;
	name: string;
	nodes: Node[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

const P = 'n8n-nodes-post-purchase.';
const SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

export function secondsPerDay(env: NodeJS.ProcessEnv = process.env): number {
	const value = Number(env.DEMO_SECONDS_PER_DAY ?? DEFAULT_SECONDS_PER_DAY);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`DEMO_SECONDS_PER_DAY must be a positive number of seconds, not "${env.DEMO_SECONDS_PER_DAY}"`);
	return value;
}

export function journeyTemplate(): JourneyWorkflow {
	return JSON.parse(readFileSync(join(repoRoot, 'workflows', 'post-purchase-journey.json'), 'utf8')) as JourneyWorkflow;
}

/** A webhook ID of the demo copy: fixed per original ID, so `npm start` and the demo agree across runs. */
function demoWebhookId(original: string): string {
	const h = createHash('sha256').update(`demo:${original}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * "1h, 24h, 72h" → the same reminders with a day lasting `perDay` seconds; the first after at least 10 s, each next one
 * at least 90 s later: n8n polls once a minute, and reminders that fall due in the same poll are sent as the last one
 * only (e-mail with the code, no SMS), so each reminder needs a poll of its own.
 */
function shiftDurations(text: string, perDay: number): string {
	let previous = 0;
	return String(text)
		.split(/[,;\s]+/)
		.filter(Boolean)
		.map((part) => {
			const m = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(part);
			if (!m) throw new Error(`"${part}" is not a duration`);
			const unit = { s: 1, m: 60, h: 3600, d: 86_400, '': 60 }[m[2].toLowerCase() as 's' | 'm' | 'h' | 'd' | ''];
			previous = Math.max(Math.round((Number(m[1]) * unit * perDay) / 86_400), previous ? previous + 90 : 10);
			return `${previous}s`;
		})
		.join(', ');
}

/** The journey with a day lasting `perDay` seconds (see the file comment for what changes and what does not). */
export function demoJourney(perDay = secondsPerDay(), journey = journeyTemplate()): JourneyWorkflow {
	// Every webhook ID, wherever it appears (the SMS nodes' status callback names the SMS Inbound Trigger's).
	let text = JSON.stringify(journey);
	for (const id of journey.nodes.map((n) => n.webhookId).filter((id): id is string => Boolean(id))) text = text.split(id).join(demoWebhookId(id));
	const demo = JSON.parse(text) as JourneyWorkflow;
	demo.id = DEMO_JOURNEY_ID;
	demo.name = `Demo: ${journey.name}, a day lasts ${perDay} s`;
	const days = (value: unknown) => (Number(value) * perDay) / 86_400;
	for (const node of demo.nodes) {
		const p = node.parameters;
		if (node.type === 'n8n-nodes-base.wait' && p.amount !== undefined) {
			node.parameters = { amount: Math.max(1, Math.round(Number(p.amount) * SECONDS[String(p.unit ?? 'hours')] * (perDay / 86_400))), unit: 'seconds' };
		}
		if (node.type === `${P}reviewRequest` && p.operation === 'checkTiming') {
			const options = (p.options ?? {}) as Record<string, unknown>;
			node.parameters = { ...p, delayDays: days(Number(p.delayDays ?? 0) + Number(options.transitDays ?? 0)), options: { ...options, transitDays: 0 } };
		}
		if (node.type === `${P}cartAbandonedTrigger`) p.remindAfter = shiftDurations(String(p.remindAfter), perDay);
		if (node.type === `${P}replenishmentDueTrigger` && p.mode === 'replenishment') {
			const rows = ((p.products as { product?: Array<{ skus: string; daysPerUnit: number }> }).product ?? []).map((row) => ({ ...row, daysPerUnit: days(row.daysPerUnit) }));
			p.products = { product: rows };
			p.leadDays = days(p.leadDays ?? 0);
		}
		if (node.type === `${P}shortLinkTrigger`) p.path = DEMO_SHORT_LINK_PATH;
		if (node.type === `${P}smsCompose` && (p.options as Record<string, unknown> | undefined)?.shortLinks) p.options = { ...(p.options as object), shortLinkPath: DEMO_SHORT_LINK_PATH };
		if (p.pollTimes) p.pollTimes = { item: [{ mode: 'everyMinute' }] };
		if (node.type === `${P}consentGate` && p.operation === 'check' && p.purpose === 'marketing') p.options = { ...(p.options as object), capPer24h: 100, capPer30d: 1000 };
	}
	return demo;
}
