/**
 * Masks personal data for logs and error messages: enough to recognise a value when debugging with the customer
 * on the phone, never enough to contact them.
 */

/** Digits a masked phone number always hides: at least 10,000 candidates, never enough to call the customer. */
const MIN_HIDDEN = 4;

/** `+4915112345678` → `+49151*****678`; short numbers show less (`0301234567` → `030****567`). */
export function maskPhone(phone: string): string {
	const value = String(phone ?? '').trim();
	if (value.length <= 6) return '*'.repeat(value.length);
	const head = value.startsWith('+') ? 6 : 5;
	const keep = Math.max(0, Math.min(head, value.length - 3 - MIN_HIDDEN));
	return value.slice(0, keep) + '*'.repeat(value.length - keep - 3) + value.slice(-3);
}

/** `anna.schmidt@example.de` → `a***@e***.de`. */
export function maskEmail(email: string): string {
	const value = String(email ?? '').trim();
	const at = value.lastIndexOf('@');
	if (at < 1) return value.length ? value[0] + '***' : '';
	const local = value.slice(0, at);
	const domain = value.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const domainMasked = dot > 0 ? domain[0] + '***' + domain.slice(dot) : domain[0] + '***';
	return `${local[0]}***@${domainMasked}`;
}

/** Masks either kind of subject (phone or e-mail), for messages that may contain both. */
export function maskSubject(subject: string): string {
	return String(subject ?? '').includes('@') ? maskEmail(subject) : maskPhone(subject);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
/**
 * Dates and times are not phone numbers, and messages quote them ("Use ISO 8601, e.g. 2026-11-23T10:00:00+01:00"):
 * ISO 8601 dates with an optional time and offset, and d/m/yyyy or m/d/yyyy, are matched first and kept as they are.
 */
const DATE =
	/(?<![\d/-])(?:(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?|\d{1,2}\/\d{1,2}\/(?:19|20)\d{2})(?![\d/-])/;
/**
 * International or national, with spaces, dashes, slashes or brackets: `+49 151 1234 5678`, `(0151) 123 456 78`.
 * Not the digits inside an upper-case code (tracking numbers such as `1Z5R89390357567127` or `LX123456789DE`), but
 * still a URL-encoded `%2B49…`.
 */
const PHONE = /(?<![0-9A-Z](?<!%2B))(?:\+|\(\+?)?\d[\d \-()/]{7,}\d/;
const PII_PATTERN = new RegExp(`(${EMAIL.source})|(${DATE.source})|(${PHONE.source})`, 'g');
/** E.164 numbers have at most 15 digits: a longer unbroken run of digits is a tracking number or an ID. */
const MAX_PHONE_DIGITS = 15;

/** Masks every e-mail address and phone-like number inside free text (e.g. a remote error message). */
export function maskText(text: string): string {
	return String(text ?? '').replace(PII_PATTERN, (match: string, email?: string, date?: string) => {
		if (email) return maskEmail(email);
		if (date) return date;
		if (/^\d+$/.test(match) && match.length > MAX_PHONE_DIGITS) return match;
		return maskPhone(match.replace(/[ \-()/]/g, ''));
	});
}

/** Shows only the last four characters of a secret (API key, token). */
export function maskSecret(secret: string): string {
	const value = String(secret ?? '');
	return value.length <= 4 ? '****' : '****' + value.slice(-4);
}
