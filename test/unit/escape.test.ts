/** The one string escaper, the one comment escaper and object keys, against prettier and TypeScript. */
import * as prettier from 'prettier';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { commentLines, INVISIBLE_CHARACTERS, propertyKey, stringLiteral } from '../../src/emit/escape.js';

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
    ['C1 controls and DEL', '\u007f\u0085\u009f', '"\\u007f\\u0085\\u009f"'],
    ['soft hyphen, Arabic letter mark, Mongolian vowel separator', 'a\u00adb\u061cc\u180e', '"a\\u00adb\\u061cc\\u180e"'],
    ['word joiners, isolates, annotations', '\u2060\u2064\u2066\u206f\ufff9\ufffb', '"\\u2060\\u2064\\u2066\\u206f\\ufff9\\ufffb"'],
    ['visible punctuation between the invisible ranges stays', '\u2013\u2019\u2022\u2026\u2030\u2065\u00a0é', '"\u2013\u2019\u2022\u2026\u2030\u2065\u00a0é"'],
    ['a lone low surrogate', 'x\udc00', '"x\\udc00"'],
    ['a pair with a quote keeps the pair', '"😀', `'"😀'`],
    ['both quotes, more doubles', `'""`, `'\\'""'`],
    ['both quotes, as many of each', `'"`, `"'\\""`],
    ['doubles outnumber singles only at the last double', `"'"'"`, `'"\\'"\\'"'`],
    ['as many of each, spread out', `a"b'c"d'e`, `"a\\"b'c\\"d'e"`],
    ['singles after every double', `"'"''`, `"\\"'\\"''"`],
    ['JSON text: doubles, no single', '{"a":["b","c"]}', `'{"a":["b","c"]}'`],
    ['a comment closer needs no escape', 'a */ b', '"a */ b"'],
    ['vertical tab, form feed, backspace', '\v\f\b', '"\\v\\f\\b"'],
  ])('%s', (_name, value, want) => {
    expect(stringLiteral(value)).toBe(want);
    expect(eval(want)).toBe(value);
  });
});

describe('stringLiteral over every BMP unit', () => {
  it('escapes exactly the C0 controls, INVISIBLE_CHARACTERS, lone surrogates, backslash and the quote', () => {
    const unsafe = new RegExp(`[\\\\"\\u0000-\\u001f${INVISIBLE_CHARACTERS}\\ud800-\\udfff]`);
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const value = `a${String.fromCharCode(c)}`;
      const literal = stringLiteral(value);
      if (eval(literal) !== value || (literal === `"${value}"`) === unsafe.test(value)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});

describe('commentLines', () => {
  it.each([
    ['closes no comment', 'a */ b', ['a *\\/ b']],
    ['escapes invisible characters', 'x\u202ey\u0000', ['x\\u{202e}y\\u{0}']],
    ['splits lines, trims, drops blank ends', '\n a  \r\n\r\n\r\nb\t\n\n', [' a', '', 'b']],
    ['trims Unicode spaces at line ends', 'a\u00a0\u3000\nb\u2009 \nc\u202f', ['a', 'b', 'c']],
    ['keeps spaces inside a line', 'a\u00a0b  c', ['a\u00a0b  c']],
    ['escapes line separators and the BOM', 'a\u2028b\ufeff', ['a\\u{2028}b\\u{feff}']],
    ['a lone surrogate, a pair kept', '\ud83d\ude00 \ud800', ['\ud83d\ude00 \\u{d800}']],
    ['a star alone stays', 'a * b', ['a * b']],
    ['a plain line', 'Returns the pet.', ['Returns the pet.']],
    ['one line, trailing spaces', 'Returns the pet.  \t', ['Returns the pet.']],
    ['only white space', ' \u00a0\t ', []],
    ['empty', '', []],
    ['a lone CR is a line break', 'a \rb', ['a', 'b']],
    ['runs of blank lines inside kept as one', '\n \na\n\n \n\nb\n \nc\n\n', ['a', '', 'b', '', 'c']],
    ['a line of only escapes is not blank', 'a\n\n\u200b\n', ['a', '', '\\u{200b}']],
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
