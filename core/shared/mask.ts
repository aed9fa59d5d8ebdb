/**
 * Masks personal data for logs and error messages: enough to recognise a value when debugging with the customer
 * on the phone, never enough to contact them.
 */

/** `+4915112345678` → `+49151*****678`. */
export function maskPhone(phone: string): string {
	const value = String(phone ?? '').trim();
	if (value.length <= 6) return '*'.repeat(value.length);
	const head = value.startsWith('+') ? 6 : 5;
	const keep = Math.min(head, value.length - 3);
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

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_PATTERN = /\+?\d[\d \-()/]{7,}\d/g;

/** Masks every e-mail address and phone-like number inside free text (e.g. a remote error message). */
export function maskText(text: string): string {
	return String(text ?? '')
		.replace(EMAIL_PATTERN, (m) => maskEmail(m))
		.replace(PHONE_PATTERN, (m) => maskPhone(m.replace(/[ \-()/]/g, '')));
}

/** Shows only the last four characters of a secret (API key, token). */
export function maskSecret(secret: string): string {
	const value = String(secret ?? '');
	return value.length <= 4 ? '****' : '****' + value.slice(-4);
}
