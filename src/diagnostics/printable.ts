/**
 * Makes untrusted text safe to show on a terminal or in a JSON message: control characters,
 * bidi overrides and invisible characters become `\u{…}` escapes, and long text is cut.
 * Every piece of spec or manifest text that reaches a message goes through here.
 */

// C0 and C1 controls (but not tab), DEL, bidi embeddings/overrides/isolates, zero-width and
// direction marks, the Arabic letter mark, line/paragraph separators and the BOM.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function printable(text: string, maxLength = 200): string {
  const cut = text.length > maxLength ? text.slice(0, maxLength) : text;
  const escaped = cut.replace(UNSAFE, (ch) => `\\u{${ch.charCodeAt(0).toString(16).padStart(4, '0')}}`);
  return text.length > maxLength ? `${escaped}…` : escaped;
}

/** A quoted, printable rendering of a name or value from a spec, for messages. */
export function quoted(text: string, maxLength = 120): string {
  return `"${printable(text, maxLength).replace(/"/g, '\\"')}"`;
}

/**
 * Multi-line text (a message with a diff) made printable line by line: the newlines stay
 * (JSON escapes them itself; a terminal shows them), every other control character is
 * escaped. The first line may be `firstLength` long, the others `lineLength`; at most
 * `maxLines` lines after the first.
 */
export function printableLines(text: string, firstLength = 500, lineLength = 300, maxLines = 40): string {
  const [first = '', ...rest] = text.split('\n');
  return [printable(first, firstLength), ...rest.slice(0, maxLines).map((line) => printable(line, lineLength))].join('\n');
}
