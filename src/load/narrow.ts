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

/**
 * `narrowed`, and a text that needs two bytes copied too, so that it shares no memory with
 * the text it was cut from: V8 keeps a cut of 13 characters or more as a view of its parent,
 * so one kept cut keeps the whole parent alive. The JSON reader keeps the strings of a
 * two-byte spec through this: a description holding a character beyond Latin-1 kept Graph
 * beta's whole text (47 M characters, 94 MB) alive as long as its value (docs/performance.md,
 * "Eighth pass: memory"). UTF-16 code units are copied as they are, lone surrogates included.
 */
export function detached(text: string): string {
  return WIDE.test(text) ? Buffer.from(text, 'utf16le').toString('utf16le') : Buffer.from(text, 'latin1').toString('latin1');
}
