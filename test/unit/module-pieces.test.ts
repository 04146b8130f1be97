/**
 * `ModulePieces` (src/emit/files.ts): a module filled into the template as marks and cut
 * back into its pieces must be exactly the text the template gives with the code itself,
 * whatever the pieces hold (empty ones, NUL, digits, characters beyond Latin-1).
 */
import { describe, expect, it } from 'vitest';
import { ModulePieces } from '../../src/emit/files.js';
import { Code } from '../../src/emit/templates.js';

/** A stand-in for the provider template: its own text around and between the values, one value placed twice. */
const fill = (codes: readonly Code[]): string => `// head\n${codes.map((c) => `${c}`).join('\n\n')}\n// tail: ${codes[0] ?? ''}\n`;

describe('ModulePieces: the module is the template filled with the code, piece by piece', () => {
  it.each<[string, string[]]>([
    ['small pieces', ['const a = 1;', 'export const b = "\u00e9";']],
    ['an empty piece', ['const a = 1;', '', 'const c = 3;']],
    ['pieces holding NUL, digits and marks of their own', ['const a = "\\0";', '\u00000\u0000', '12']],
    ['a piece beyond Latin-1', ['/** it\u2019s */', 'const \u{1f600} = 1;']],
    ['many pieces', Array.from({ length: 5000 }, (_, i) => `export const v${i} = ${i};`)],
  ])('%s', (_name, texts) => {
    const module = new ModulePieces();
    const file = module.file('m.ts', fill(texts.map((text) => module.mark(new Code(text)))));
    const want = fill(texts.map((text) => new Code(text)));
    expect(file.name).toBe('m.ts');
    expect(file.content).toBe(want);
    expect(file.chunks!.join('')).toBe(want);
    expect(file.chunks!.filter((chunk) => texts.includes(chunk)).length).toBe(texts.filter((t) => t !== '').length + (texts[0] ? 1 : 0));
  });
});
