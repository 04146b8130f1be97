/**
 * How text read from a spec, and code printed from it, is held in memory (here, beside the
 * reader, because the reader and both emitters use it). A spec (or plugin, or DSL) holding
 * one character beyond Latin-1 is decoded as a two-byte string, and every name and text taken
 * from it stays two-byte, and so does the code printed from them: a module of 76 M characters
 * (Graph beta's) would take ~150 MiB instead of ~75 until written. Both emitters store each
 * printed statement through `narrowed` (docs/performance.md, "Sixth pass: streaming emit");
 * the JSON reader stores each distinct string it reads from such a text through it too
 * (src/load/json.ts, "Seventh pass: reading and deriving").
 */

/** A character that needs two bytes in a JavaScript string (beyond Latin-1). */
const WIDE = /[^\0-\xff]/;

/** Whether the text holds a character beyond Latin-1 (so it cannot be held one byte per character). */
export function holdsWide(text: string): boolean {
  return WIDE.test(text);
}

/** The same text, held one byte per character when every character fits in one. */
export function narrowed(text: string): string {
  return WIDE.test(text) ? text : Buffer.from(text, 'latin1').toString('latin1');
}
