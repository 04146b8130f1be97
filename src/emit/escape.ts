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

/**
 * The characters besides C0 controls that are invisible or reorder text on screen: C1
 * controls, the soft hyphen, the Arabic letter mark, the Mongolian vowel separator,
 * zero-width characters and bidi marks, U+2028/U+2029, word joiners and bidi isolates, the
 * BOM, interlinear annotations. The body of a character class, for the patterns of both
 * targets' escapers.
 */
export const INVISIBLE_CHARACTERS = '\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';

/** A surrogate without its other half (valid in a JavaScript string, not in UTF-8): a pattern. */
export const LONE_SURROGATE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';

/** What a string literal of either target writes as an escape: C0 controls, INVISIBLE_CHARACTERS, lone surrogates. */
export const UNSAFE_IN_STRING = new RegExp(`[\\u0000-\\u001f${INVISIBLE_CHARACTERS}]|${LONE_SURROGATE}`, 'g');

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function hex4(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The quote prettier and ruff both choose for a string: double, unless the text holds more
 * double than single quotes (fewer escapes).
 */
export function preferredQuote(value: string): '"' | "'" {
  // Quotes are single UTF-16 units, never half of a pair: counting units counts characters.
  // Found by indexOf, a native search (a validator's JSON text is long and holds many double
  // quotes, few single ones), and the double quotes counted only until they outnumber the single.
  let singles = 0;
  for (let i = value.indexOf("'"); i !== -1; i = value.indexOf("'", i + 1)) singles++;
  let doubles = 0;
  for (let i = value.indexOf('"'); i !== -1 && doubles <= singles; i = value.indexOf('"', i + 1)) doubles++;
  return doubles > singles ? "'" : '"';
}

/**
 * Text that needs no escape in a double-quoted literal: no backslash, no quote of either
 * kind (a quote decides the quote), nothing UNSAFE_IN_STRING matches, no surrogate. Most
 * names and values are such text; they skip the three replacements. (A pattern: V8 tests a
 * class faster than a loop of char codes does, docs/performance.md, "Seventh pass".)
 */
const PLAIN_IN_STRING = new RegExp(`^[^\\\\"'\\u0000-\\u001f${INVISIBLE_CHARACTERS}\\ud800-\\udfff]*$`);

/** A TypeScript string literal whose value is exactly `value`. */
export function stringLiteral(value: string): string {
  if (PLAIN_IN_STRING.test(value)) return `"${value}"`;
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
  // U+2E2F is the one character prettier's table counts as a letter and TypeScript does not.
  const bare = ES5_IDENTIFIER_NAME.test(name) && !name.includes('\u2e2f');
  if (PLAIN_IN_STRING.test(name)) return bare ? name : `"${name}"`;
  const literal = stringLiteral(name);
  return bare && literal.slice(1, -1) === name ? name : literal;
}

const UNSAFE_IN_COMMENT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${INVISIBLE_CHARACTERS}]|${LONE_SURROGATE}`, 'g');

/** Text with nothing `safeInComment` changes: no CR, tab, `*`, surrogate or character UNSAFE_IN_COMMENT matches. */
const PLAIN_IN_COMMENT = new RegExp(`^[^\\r\\t*\\u0000-\\u0008\\u000b-\\u001f${INVISIBLE_CHARACTERS}\\ud800-\\udfff]*$`);

/** Line breaks as `\n`, tabs as two spaces, invisible and bidi characters as `\u{…}`, `*\/` broken. */
function safeInComment(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(UNSAFE_IN_COMMENT, (ch) => `\\u{${ch.charCodeAt(0).toString(16)}}`)
    .replace(/\*\//g, '*\\/');
}

/**
 * Text made safe for a `/** … *\/` comment: one string per line, with `*\/` broken so the
 * comment cannot be closed early, invisible and bidi characters shown as `\u{…}`, trailing
 * white space removed (prettier would remove it), and blank lines at either end dropped.
 */
export function commentLines(text: string): string[] {
  const safe = PLAIN_IN_COMMENT.test(text) ? text : safeInComment(text);
  // One pass over the lines: blank lines at either end dropped, a run of them inside kept as
  // one (they carry no meaning in a doc comment). `trimEnd` removes what `\s` matches
  // (WhiteSpace and LineTerminator, ECMA-262), as prettier would.
  const lines: string[] = [];
  let blank = false;
  for (let start = 0; ; ) {
    const end = safe.indexOf('\n', start);
    const line = (end === -1 ? safe.slice(start) : safe.slice(start, end)).trimEnd();
    if (line === '') blank = lines.length > 0;
    else {
      if (blank) lines.push('');
      blank = false;
      lines.push(line);
    }
    if (end === -1) return lines;
    start = end + 1;
  }
}
