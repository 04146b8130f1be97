/** The one string escaper, the one comment escaper and object keys, against prettier and TypeScript. */
import * as prettier from 'prettier';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { commentLines, propertyKey, stringLiteral } from '../../src/emit/escape.js';

describe('stringLiteral', () => {
  it.each([
    ['plain', 'abc', '"abc"'],
    ['double quotes flip to single', 'say "hi"', `'say "hi"'`],
    ['more singles keep double', "it's", `"it's"`],
    ['backslash', 'a\\b', '"a\\\\b"'],
    ['newline and tab', 'a\nb\tc', '"a\\nb\\tc"'],
    ['NUL and ESC', '\u0000\u001b', '"\\u0000\\u001b"'],
    ['bidi override and isolates', '\u202eabc\u2066', '"\\u202eabc\\u2066"'],
    ['zero width, BOM, line separators', '\u200b\ufeff\u2028\u2029', '"\\u200b\\ufeff\\u2028\\u2029"'],
    ['a lone surrogate', '\ud800x', '"\\ud800x"'],
    ['an astral character stays', '😀', '"😀"'],
  ])('%s', (_name, value, want) => {
    expect(stringLiteral(value)).toBe(want);
    expect(eval(want)).toBe(value);
  });
});

describe('commentLines', () => {
  it.each([
    ['closes no comment', 'a */ b', ['a *\\/ b']],
    ['escapes invisible characters', 'x\u202ey\u0000', ['x\\u{202e}y\\u{0}']],
    ['splits lines, trims, drops blank ends', '\n a  \r\n\r\n\r\nb\t\n\n', [' a', '', 'b']],
  ])('%s', (_name, text, want) => {
    expect(commentLines(text)).toEqual(want);
  });
});

describe('propertyKey prints keys as prettier does, and TypeScript parses them', () => {
  const special = ['café', '中文', 'a\u200cb', 'x\u0301', 'a\u2e2fb', 'ℵ', 'a-b', '1abc', '__proto__', '$x', 'x😀', 'ǅ'];
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const sample = Array.from({ length: 400 }, () => {
    let cp = Math.floor(random() * 0xffff);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x4e00;
    return `k${String.fromCharCode(cp)}`;
  });
  it.each([...special, ...sample].map((k) => [JSON.stringify(k), k]))('%s', async (_label, key) => {
    const printed = `const x = {\n  ${propertyKey(key)}: 1,\n};\n`;
    const formatted = await prettier.format(printed, { parser: 'typescript' });
    if (!key.includes('\u2e2f')) expect(formatted).toBe(printed);
    const file = ts.createSourceFile('x.ts', printed, ts.ScriptTarget.ES2022, true);
    expect((file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });
});
