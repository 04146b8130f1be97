/**
 * The one Python string escaper and the one docstring/comment escaper: every piece of text
 * from a spec, a manifest, a plugin or a DSL reaches generated Python through one of these.
 *
 * - Strings are plain (never `f`, `r`, `b` or `u` prefixed) literals, quoted as ruff does. The
 *   backslash is always escaped first, so no `\N{…}` or other escape can be smuggled in;
 *   controls, bidi and invisible characters, U+2028/U+2029, the BOM and lone surrogates are
 *   written as `\x`/`\u` escapes, so the source shows what the string holds.
 * - Docstrings and comments hold text, not code: the same characters are shown as a visible
 *   `\u{…}` (in a docstring the backslash itself is escaped), and a docstring can never be
 *   ended early: every `"` that could end it is escaped.
 */
import { INVISIBLE_CHARACTERS, LONE_SURROGATE, preferredQuote, UNSAFE_IN_STRING } from '../escape.js';

const LONE = new RegExp(LONE_SURROGATE);

/** True when `text` holds a lone surrogate: Python can hold it in a str, but pydantic-core (Rust) cannot. */
export function hasLoneSurrogate(text: string): boolean {
  return SURROGATE.test(text) && LONE.test(text);
}

/** Any surrogate: most text has none, and this test is cheaper than `LONE`'s look-arounds. */
const SURROGATE = /[\ud800-\udfff]/;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return SHORT[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** Printable ASCII without quotes or backslashes: a literal of it is the text in double quotes (most names). */
const SIMPLE = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * A Python string literal whose value is exactly `value`, quoted as ruff quotes it: double
 * quotes, unless the text holds more double than single quotes.
 */
export function pythonString(value: string): string {
  if (SIMPLE.test(value)) return `"${value}"`;
  const quote = preferredQuote(value);
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(UNSAFE_IN_STRING, escapeChar);
  return quote + body + quote;
}

/** What docstrings and comments show as `\\u{…}`: controls but the line feed, INVISIBLE_CHARACTERS, lone surrogates. */
const UNSAFE_IN_TEXT = new RegExp(`[^\\n\\P{Cc}]|[${INVISIBLE_CHARACTERS}]|${LONE_SURROGATE}`, 'gu');

/** Printable ASCII and line feeds only: text that `visible` leaves as it is (most text of a spec). */
const PLAIN = /^[\x20-\x7e\n]*$/;

/** Text with unsafe characters shown as `\u{…}`, tabs and leading white space as spaces, line ends normalised. */
function visible(text: string): string {
  if (PLAIN.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(UNSAFE_IN_TEXT, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`)
    // Other white space that starts a line (U+00A0, U+3000, …) is indentation to ruff: plain spaces.
    .replace(/^[^\S\n]+/gm, (ws) => ' '.repeat(ws.length));
}

/** The lines of `text` without trailing white space, without blank lines at either end, and no two blank lines in a row. */
function trimmedLines(text: string): string[] {
  // Most texts are one line.
  if (!text.includes('\n')) {
    const line = text.trimEnd();
    return line === '' ? [] : [line];
  }
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line !== '' || (lines.length > 0 && lines[lines.length - 1] !== '')) lines.push(line);
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Lines of text to place inside a `"""…"""` docstring: backslashes doubled (so `\u{…}`,
 * `\N{…}` stay text), and a `"` escaped when another follows it or it ends a line, so no
 * three quotes in a row and no quote before the closing delimiter can end the docstring;
 * unsafe characters visible.
 */
export function docstringLines(text: string): string[] {
  const shown = visible(text);
  const lines = trimmedLines(shown.includes('\\') ? shown.replace(/\\/g, '\\\\') : shown);
  return shown.includes('"') ? lines.map((line) => line.replace(/"(?="|$)/g, '\\"')) : lines;
}

/** Lines of text for `#` comments: unsafe characters visible, one comment line each. */
export function commentText(text: string): string[] {
  return trimmedLines(visible(text));
}
