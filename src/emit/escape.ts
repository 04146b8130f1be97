/**
 * The one escaper for string literals and the one escaper for comments. Every piece of text
 * that comes from a spec, a manifest, a plugin or a DSL reaches generated code through one
 * of these two functions, and nowhere else.
 *
 * String literals use the quote prettier would choose (double, unless the text holds more
 * double than single quotes) and escape only what must be escaped, so the output is already
 * in prettier's form. Characters that are invisible or reorder text on screen (bidi
 * controls, zero-width characters, U+2028/U+2029, the BOM, C0/C1 controls, lone surrogates)
 * are always written as `\u` escapes, so generated code shows what it does.
 */

import { ES5_IDENTIFIER_NAME } from './es5-identifier.js';

const UNSAFE_IN_STRING =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function hex4(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The quote prettier and ruff both choose for a string: double, unless the text holds more
 * double than single quotes (fewer escapes).
 */
export function preferredQuote(value: string): '"' | "'" {
  let doubles = 0;
  let singles = 0;
  for (const ch of value) {
    if (ch === '"') doubles++;
    else if (ch === "'") singles++;
  }
  return doubles > singles ? "'" : '"';
}

/** A TypeScript string literal whose value is exactly `value`. */
export function stringLiteral(value: string): string {
  const quote = preferredQuote(value);
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(UNSAFE_IN_STRING, (ch) => SHORT_ESCAPES[ch] ?? hex4(ch));
  return quote + body + quote;
}


/**
 * A key in an object literal or type, written as prettier writes it: bare when it is an
 * ES5 identifier name that needs no escape (`café`), quoted otherwise (`"user-id"`, and any
 * key holding an invisible character, which the string escaper writes as `\u…`).
 */
export function propertyKey(name: string): string {
  const literal = stringLiteral(name);
  // U+2E2F is the one character prettier's table counts as a letter and TypeScript does not.
  return ES5_IDENTIFIER_NAME.test(name) && !name.includes('\u2e2f') && literal.slice(1, -1) === name ? name : literal;
}

const UNSAFE_IN_COMMENT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text made safe for a `/** … *\/` comment: one string per line, with `*\/` broken so the
 * comment cannot be closed early, invisible and bidi characters shown as `\u{…}`, trailing
 * white space removed (prettier would remove it), and blank lines at either end dropped.
 */
export function commentLines(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(UNSAFE_IN_COMMENT, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`)
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // Collapse runs of blank lines: they carry no meaning in a doc comment.
  return lines.filter((line, i) => line !== '' || lines[i - 1] !== '');
}
