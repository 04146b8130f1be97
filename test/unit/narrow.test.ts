/**
 * `narrowed` stores printed text one byte per character where it can, and `detached` copies
 * the rest too; whatever the storage, the text must be the same, character for character
 * (Latin-1's upper half, controls, wide and astral characters, lone surrogates, text cut
 * from a two-byte string).
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { detached, narrowed } from '../../src/load/narrow.js';

// A string holding one character beyond Latin-1 is two-byte, and so is what is cut from it.
const twoByte = 'x\u2019 export interface Caf\u00e9 {}';

const cases: Array<[string, string]> = [
    ['empty', ''],
    ['ASCII', 'export const a = "b";\n'],
    ['Latin-1 upper half and controls', 'caf\u00e9 \u00ff \u0080 \u0000 \t\u00a0'],
    ['cut from a two-byte string, Latin-1 only', twoByte.slice(3)],
    ['a character beyond Latin-1', 'it\u2019s'],
    ['an astral character', 'emoji \u{1f600}'],
    ['a lone surrogate', 'a\ud800b'],
    ['a lone low surrogate cut from a pair', 'x\u{1f600}y'.slice(2)],
];

// V8's serializer writes a one-byte string under the tag `"` (0x22) after its header.
const oneByte = (text: string): boolean => serialize(text)[2] === 0x22;

describe.each([
  ['narrowed', narrowed],
  ['detached', detached],
])('%s', (_fn, copy) => {
  it.each(cases)('%s: the same text, one byte per character where it fits', (_name, given) => {
    const text = copy(given);
    expect(text.length).toBe(given.length);
    expect(text).toBe(given);
    expect(oneByte(text)).toBe(!/[^\0-\xff]/.test(given));
  });
});
