/**
 * CSV for spreadsheets (RFC 4180, CRLF, UTF-8 with BOM so Excel reads umlauts). A cell starting with = + - @ is
 * prefixed with ' so a spreadsheet never runs it as a formula (CSV injection).
 */
export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
	return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
	return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
