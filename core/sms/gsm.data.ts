/**
 * GSM 03.38 (3GPP TS 23.038) default alphabet, written out from the standard's table by code position so a reviewer
 * can check it row by row. Position 0x1B is the escape to the extension table and is not a character.
 */

/** Basic table: index = septet value, value = the Unicode character ('' for the escape position). */
export const GSM_BASIC_TABLE: readonly string[] = [
	// 0x00–0x0F
	'@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
	// 0x10–0x1F (0x1B = escape)
	'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '', 'Æ', 'æ', 'ß', 'É',
	// 0x20–0x2F (0x24 is the currency sign ¤, not the dollar)
	' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
	// 0x30–0x3F
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
	// 0x40–0x4F
	'¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
	// 0x50–0x5F
	'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
	// 0x60–0x6F
	'¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
	// 0x70–0x7F
	'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/** Extension table (reached with ESC 0x1B, so each costs two septets): septet value → character. */
export const GSM_EXTENSION_TABLE: Readonly<Record<number, string>> = {
	0x0a: '\f',
	0x14: '^',
	0x28: '{',
	0x29: '}',
	0x2f: '\\',
	0x3c: '[',
	0x3d: '~',
	0x3e: ']',
	0x40: '|',
	0x65: '€',
};
