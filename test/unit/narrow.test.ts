/**
 * `narrowed` stores printed text one byte per character where it can; whatever the storage,
 * the text must be the same, character for character (Latin-1's upper half, controls, wide
 * and astral characters, lone surrogates, text cut from a two-byte string).
 */
import { describe, expect, it } from 'vitest';
import { narrowed } from '../../src/load/narrow.js';

// A string holding one character beyond Latin-1 is two-byte, and so is what is cut from it.
const twoByte = 'x\u2019 export interface Caf\u00e9 {}';

describe('narrowed', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['ASCII', 'export const a = "b";\n'],
    ['Latin-1 upper half and controls', 'caf\u00e9 \u00ff \u0080 \u0000 \t\u00a0'],
    ['cut from a two-byte string, Latin-1 only', twoByte.slice(3)],
    ['a character beyond Latin-1', 'it\u2019s'],
    ['an astral character', 'emoji \u{1f600}'],
    ['a lone surrogate', 'a\ud800b'],
  ])('%s: the same text', (_name, given) => {
    const text = narrowed(given);
    expect(text.length).toBe(given.length);
    expect(text).toBe(given);
  });
});
