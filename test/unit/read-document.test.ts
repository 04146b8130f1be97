/**
 * dify-semantics.md §1, reading the document: the text is stripped, parsed as JSON, and only
 * if that fails (or gives null) parsed as YAML 1.1 the way PyYAML's `safe_load` does.
 * Expected values are what Python gives (checked against PyYAML 6).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Limits, PointerPath } from '../../src/index.js';
import { readSpecFile, releaseText } from '../../src/load/read-document.js';
import { caught, load, map, plain, refusalOf, type Plain, type Refusal } from './helpers.js';

interface ScalarCase {
  /** A plain scalar, as written after `v: `. */
  given: string;
  want: Plain;
}

const scalars: Array<[string, ScalarCase]> = [
  ['yes is true', { given: 'yes', want: true }],
  ['No is false', { given: 'No', want: false }],
  ['ON is true', { given: 'ON', want: true }],
  ['off is false', { given: 'off', want: false }],
  ['True is true', { given: 'True', want: true }],
  ['mixed case yEs stays a string', { given: 'yEs', want: 'yEs' }],
  ['y stays a string', { given: 'y', want: 'y' }],
  ['n stays a string', { given: 'n', want: 'n' }],
  ['0x10 is hexadecimal 16', { given: '0x10', want: 16 }],
  ['010 is octal 8', { given: '010', want: 8 }],
  ['09 is a string (neither octal nor decimal)', { given: '09', want: '09' }],
  ['0b101 is binary 5', { given: '0b101', want: 5 }],
  ['1_000 is 1000', { given: '1_000', want: 1000 }],
  ['1:30 is sexagesimal 90', { given: '1:30', want: 90 }],
  ['-1:30 is sexagesimal -90', { given: '-1:30', want: -90 }],
  ['1e5 stays a string (a float needs a dot)', { given: '1e5', want: '1e5' }],
  ['1.0e5 stays a string (the exponent needs a sign)', { given: '1.0e5', want: '1.0e5' }],
  ['1.5e+3 is the float 1500', { given: '1.5e+3', want: 1500 }],
  ['1. is the float 1', { given: '1.', want: 1 }],
  ['+.5 stays a string', { given: '+.5', want: '+.5' }],
  ['.inf is infinity', { given: '.inf', want: Infinity }],
  ['-.Inf is minus infinity', { given: '-.Inf', want: -Infinity }],
  ['.nan is NaN', { given: '.nan', want: NaN }],
  ['~ is null', { given: '~', want: null }],
  ['null is null', { given: 'null', want: null }],
  ['NULL is null', { given: 'NULL', want: null }],
  ['nothing is null', { given: '', want: null }],
  ['a double-quoted "yes" stays a string', { given: '"yes"', want: 'yes' }],
  ["a single-quoted '0x10' stays a string", { given: "'0x10'", want: '0x10' }],
  ['!!str 10 is a string', { given: '!!str 10', want: '10' }],
  ['!!int "10" is an integer', { given: '!!int "10"', want: 10 }],
];

describe('§1 YAML 1.1 scalars', () => {
  it.each(scalars)('%s', (_name, { given, want }) => {
    const doc = load(`v: ${given}\n`);
    expect(doc.format).toBe('yaml');
    expect(plain(doc.value)).toEqual(map(['v', want]));
  });
});

interface DocumentCase {
  given: string;
  want: { format: 'json' | 'yaml' | undefined; value: Plain };
}

const documents: Array<[string, DocumentCase]> = [
  [
    'JSON is tried first: 1e5 is a JSON number',
    { given: '{"v": 1e5}', want: { format: 'json', value: map(['v', 100000]) } },
  ],
  [
    'JSON NaN, Infinity and -Infinity are accepted (Python json.loads)',
    { given: '{"a": NaN, "b": Infinity, "c": -Infinity}', want: { format: 'json', value: map(['a', NaN], ['b', Infinity], ['c', -Infinity]) } },
  ],
  [
    'text that is not JSON is read as YAML (trailing comma)',
    { given: '{"a": 1,}', want: { format: 'yaml', value: map(['a', 1]) } },
  ],
  [
    'YAML flow mapping with YAML 1.1 values',
    { given: '{a: yes, b: 0x10}', want: { format: 'yaml', value: map(['a', true], ['b', 16]) } },
  ],
  [
    'the text is stripped as Python strips it (ideographic space, NBSP) before JSON',
    { given: '\u3000\u00a0{"a": NaN}\n\u3000', want: { format: 'json', value: map(['a', NaN]) } },
  ],
  [
    'YAML duplicate keys: last value wins, at the first position',
    { given: 'a: 1\nb: 2\na: 3\n', want: { format: 'yaml', value: map(['a', 3], ['b', 2]) } },
  ],
  [
    'JSON duplicate keys: last value wins, at the first position',
    { given: '{"a": 1, "b": 2, "a": 3}', want: { format: 'json', value: map(['a', 3], ['b', 2]) } },
  ],
  [
    'YAML integer-like keys keep document order ("10" after "2")',
    { given: '"2": a\n"10": b\n"1": c\n', want: { format: 'yaml', value: map(['2', 'a'], ['10', 'b'], ['1', 'c']) } },
  ],
  [
    'JSON integer-like keys keep document order ("10" after "2")',
    { given: '{"2": "a", "10": "b", "1": "c"}', want: { format: 'json', value: map(['2', 'a'], ['10', 'b'], ['1', 'c']) } },
  ],
  [
    'YAML integer key 200 and string key "200" are different keys',
    { given: '200: int\n"200": str\n', want: { format: 'yaml', value: map([200, 'int'], ['200', 'str']) } },
  ],
  [
    'YAML keys equal in Python (1, true, 1.0) are one key: first position, last value',
    { given: '1: a\ntrue: b\n1.0: c\n', want: { format: 'yaml', value: map([1, 'c']) } },
  ],
  [
    'merge key: merged keys come first, own keys win',
    {
      given: 'base: &b {x: 1, y: 2}\nm:\n  z: 0\n  <<: *b\n  x: 9\n',
      want: { format: 'yaml', value: map(['base', map(['x', 1], ['y', 2])], ['m', map(['x', 9], ['y', 2], ['z', 0])]) },
    },
  ],
  [
    'merge key with a list: the earlier mapping wins',
    {
      given: 'a: &a {x: 1}\nb: &b {x: 2, y: 3}\nm:\n  <<: [*a, *b]\n  z: 0\n',
      want: { format: 'yaml', value: map(['a', map(['x', 1])], ['b', map(['x', 2], ['y', 3])], ['m', map(['x', 1], ['y', 3], ['z', 0])]) },
    },
  ],
  [
    'a plain = key is the string "=" (PyYAML retags it in flatten_mapping)',
    { given: '=: 1\nb: 2\n', want: { format: 'yaml', value: map(['=', 1], ['b', 2]) } },
  ],
  [
    'a BOM before YAML is ignored',
    { given: '\ufeffa: yes\n', want: { format: 'yaml', value: map(['a', true]) } },
  ],
  [
    'a BOM before JSON is ignored',
    { given: '\ufeff{"a": "yes"}', want: { format: undefined, value: map(['a', 'yes']) } },
  ],
  [
    'explicit document start and end markers',
    { given: '%YAML 1.1\n---\na: 1\n...\n', want: { format: 'yaml', value: map(['a', 1]) } },
  ],
];

describe('§1 JSON first, then YAML; keys and order', () => {
  it.each(documents)('%s', (_name, { given, want }) => {
    const doc = load(given);
    if (want.format !== undefined) expect(doc.format).toBe(want.format);
    expect(plain(doc.value)).toEqual(want.value);
  });
});

interface ReadRefusalCase {
  given: string;
  limits?: Partial<Limits>;
  want: Refusal;
  /** Text the hint must contain (the limit's flag). */
  hint?: string;
}

const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]',
].join('\n');

const readRefusals: Array<[string, ReadRefusalCase]> = [
  ['empty text', { given: '', want: { code: 'empty-document', line: 1 } }],
  ['whitespace only', { given: '  \n\t\n ', want: { code: 'empty-document', line: 1 } }],
  ['a comment only', { given: '# nothing here\n', want: { code: 'empty-document', line: 1 } }],
  ['JSON null falls back to YAML, which is null too', { given: 'null', want: { code: 'empty-document', line: 1 } }],
  ['YAML ~ (null)', { given: '~\n', want: { code: 'empty-document', line: 1 } }],
  ['!!python/object tag', { given: 'a: 1\nb: !!python/object:os.system foo\n', want: { code: 'yaml-tag', line: 2 } }],
  ['local tag !custom', { given: 'a: !custom 1\n', want: { code: 'yaml-tag', line: 1 } }],
  ['a plain = value (tag:yaml.org,2002:value)', { given: 'a: =\n', want: { code: 'yaml-tag', line: 1 } }],
  ['duplicate anchor', { given: 'a: &x 1\nb: &x 2\n', want: { code: 'not-json-or-yaml', line: 2 } }],
  ['undefined alias', { given: 'a: 1\nb: *nope\n', want: { code: 'not-json-or-yaml', line: 2 } }],
  ['more than one document', { given: 'a: 1\n---\nb: 2\n', want: { code: 'not-json-or-yaml', line: 2 } }],
  ['merging a scalar', { given: 'm:\n  <<: 1\n', want: { code: 'not-json-or-yaml', line: 2 } }],
  ['unhashable (sequence) key', { given: 'a: 1\n? [x, y]\n: 2\n', want: { code: 'not-json-or-yaml', line: 2 } }],
  ['nesting deeper than maxDepth (YAML)', { given: 'a:\n  b:\n    c:\n      d: 1\n', limits: { maxDepth: 3 }, want: { code: 'limit-max-depth', line: 4 }, hint: '--max-depth' }],
  ['nesting deeper than maxDepth (JSON)', { given: '{"a": {"b": {"c": {"d": 1}}}}', limits: { maxDepth: 3 }, want: { code: 'limit-max-depth', line: 1 }, hint: '--max-depth' }],
  ['nesting deeper than the default depth', { given: '['.repeat(300) + ']'.repeat(300), want: { code: 'limit-max-depth', line: 1 }, hint: '--max-depth' }],
  ['alias bomb (a billion laughs) with the default limits', { given: aliasBomb, want: { code: 'limit-max-nodes', line: 7 }, hint: '--max-nodes' }],
  ['more aliases than maxAliases', { given: 'a: &a 1\nb: [*a, *a, *a, *a]\n', limits: { maxAliases: 3 }, want: { code: 'limit-max-aliases', line: 2 }, hint: '--max-aliases' }],
  ['longer than maxBytes', { given: 'a: 1\n', limits: { maxBytes: 2 }, want: { code: 'limit-max-bytes', line: undefined }, hint: '--max-bytes' }],
];

describe('§1/§2 documents that cannot be read', () => {
  it.each(readRefusals)('%s', (_name, { given, limits, want, hint }) => {
    const d = caught(() => load(given, limits));
    expect(d, 'the document must be refused').toBeDefined();
    expect(refusalOf(d!)).toEqual({ pointer: undefined, ...want });
    if (hint !== undefined) expect(d!.hint).toContain(hint);
  });
});

interface SyntaxCase {
  given: string;
  want: { line: number; column: number | undefined };
}

// Positions are PyYAML's (Python's json for JSON-looking text), 1-based, in the unstripped text.
const syntaxErrors: Array<[string, SyntaxCase]> = [
  ['unterminated quoted scalar: end of the stream', { given: 'a: "unterminated\nb: 1', want: { line: 2, column: 5 } }],
  ['leading blank lines count (the text is stripped, positions are not)', { given: '\n\n  \na: "unterminated\nb: 1', want: { line: 5, column: 5 } }],
  ['tab used as indentation', { given: 'a:\n\tb: 1\n', want: { line: 2, column: 1 } }],
  ['JSON-looking text: the JSON error position', { given: '{"a": 1\n "b": 2}', want: { line: 2, column: 2 } }],
  ['mapping value not allowed here', { given: 'key: value: other\n', want: { line: 1, column: undefined } }],
  ['unclosed flow sequence', { given: 'a: [1, 2\nb: 3\n', want: { line: 2, column: undefined } }],
];

// PyYAML's scanner skips only spaces between tokens (scanner.py `scan_to_next_token`), so a tab
// outside quotes, comments and block-scalar content "cannot start any token". Each verdict was
// checked against PyYAML 6.0.2 `safe_load`; positions are PyYAML's.
const refusedTabs: Array<[string, SyntaxCase]> = [
  ['a tab after a colon', { given: 'info: x\na:\tb\n', want: { line: 2, column: 3 } }],
  ['a tab inside a plain scalar', { given: 'a: b\tc\n', want: { line: 1, column: 5 } }],
  ['a trailing tab (not at the end: Dify strips the text first)', { given: 'a: b\t\nc: d\n', want: { line: 1, column: 5 } }],
  ['a tab before a comment', { given: 'a: b\t# c\n', want: { line: 1, column: 5 } }],
  ['a tab in a flow mapping', { given: 'info: {title: t,\tversion: "1"}\n', want: { line: 1, column: 17 } }],
  ['a tab in a flow sequence', { given: 'a: [1,\t2]\n', want: { line: 1, column: 7 } }],
  ['a blank line holding a tab', { given: 'a: b\n\t\nc: d\n', want: { line: 2, column: 1 } }],
  ['a tab in indentation after spaces', { given: 'a: b\n  \tc\n', want: { line: 2, column: 3 } }],
  ['a tab after an anchor', { given: 'a: &x\tb\n', want: { line: 1, column: 6 } }],
  ['a tab indenting block-scalar content', { given: 'a: |\n\tx\n', want: { line: 2, column: 1 } }],
  ['a tab inside block-scalar indentation', { given: 'a: |\n  x\n \t\nb: 1\n', want: { line: 3, column: 2 } }],
];
const acceptedTabs: Array<[string, string, Plain]> = [
  ['in a double-quoted scalar', 'a: "x\ty"\n', map(['a', 'x\ty'])],
  ['in a single-quoted scalar', "a: 'x\ty'\n", map(['a', 'x\ty'])],
  ['in a comment', 'a: b # c\td\n', map(['a', 'b'])],
  ['in block-scalar content', 'a: |\n  \tx\nb: 1\n', map(['a', '\tx\n'], ['b', 1])],
  ['trailing, at the end of the text (Dify strips it first)', 'a: b\t\n', map(['a', 'b'])],
  ['in folded-scalar content', 'a: >\n  x\ty\n', map(['a', 'x\ty\n'])],
  ['indenting a double-quoted continuation', 'a: "x\n  \ty"\n', map(['a', 'x y'])],
];

describe('§1 tabs where PyYAML refuses them', () => {
  it.each(refusedTabs)('%s', (_name, { given, want }) => {
    const d = caught(() => load(given));
    expect(d, 'the document must be refused').toBeDefined();
    expect(d!.code).toBe('not-json-or-yaml');
    expect(d!.message).toContain("found character '\\t' that cannot start any token");
    expect({ line: d!.location?.line, column: d!.location?.column }).toEqual(want);
  });
  it.each(acceptedTabs)('accepted %s', (_name, given, want) => {
    expect(plain(load(given).value)).toEqual(want);
  });
});

describe('§1 syntax errors: not-json-or-yaml, at the right place', () => {
  it.each(syntaxErrors)('%s', (_name, { given, want }) => {
    const d = caught(() => load(given));
    expect(d, 'the document must be refused').toBeDefined();
    expect(d!.code).toBe('not-json-or-yaml');
    expect(d!.location?.file).toBe('spec.yaml');
    expect(d!.location?.line).toBe(want.line);
    if (want.column !== undefined) expect(d!.location?.column).toBe(want.column);
    expect(d!.excerpt).toBeDefined();
  });
});

interface LocateCase {
  given: string;
  path: PointerPath;
  preferKey?: boolean;
  want: { line: number; column: number; excerpt: string };
}

// A JSON document's lines are those of the unstripped text: the skim's pass finds the body's,
// the stripped whitespace before and after adds its own.
const jsonLocations: Array<[string, LocateCase]> = [
  ['one line', { given: '{"a": {"b": 1}}', path: ['a', 'b'], want: { line: 1, column: 13, excerpt: '{"a": {"b": 1}}' } }],
  ['the document itself', { given: '\n  {"a": 1}', path: [], want: { line: 2, column: 3, excerpt: '  {"a": 1}' } }],
  [
    'blank lines before and after the body',
    { given: '\n\n  {\n  "a": [\n    1,\n    2\n  ]\n}\n\n', path: ['a', '1'], want: { line: 6, column: 5, excerpt: '    2' } },
  ],
  ['CRLF line ends, a key', { given: '{\r\n"a": 1\r\n}', path: ['a'], preferKey: true, want: { line: 2, column: 1, excerpt: '"a": 1' } }],
  ['Python whitespace stripped on the first line', { given: '\u3000 {"a": 1}', path: ['a'], want: { line: 1, column: 9, excerpt: '\u3000 {"a": 1}' } }],
  ['a BOM is not a column', { given: '\ufeff{\n"a": 1}', path: ['a'], want: { line: 2, column: 6, excerpt: '"a": 1}' } }],
  ['the last body line ends in the stripped whitespace', { given: '{"a":\n1}\n\n\n', path: ['a'], want: { line: 2, column: 1, excerpt: '1}' } }],
  ['a pointer that leaves the document: the deepest node', { given: '{\n "a": {\n  "b": 1}}', path: ['a', 'x', 'y'], want: { line: 2, column: 7, excerpt: ' "a": {' } }],
];

describe('§1 JSON locations: line, column and excerpt in the unstripped text', () => {
  it.each(jsonLocations)('%s', (_name, { given, path, preferKey, want }) => {
    const doc = load(given);
    expect(doc.format).toBe('json');
    const location = doc.locate(path, preferKey);
    expect({ line: location.line, column: location.column, excerpt: doc.excerpt(location) }).toEqual(want);
  });
});

describe('a JSON text beyond Latin-1: its strings are held one byte per character where they fit', () => {
  // V8's serializer writes a one-byte string under the tag `"` (0x22) after its header.
  const oneByte = (text: unknown): boolean => serialize(text)[2] === 0x22;
  const text = '{"description": "a description longer than twelve", "title": "wide \u0100 Ā"}';
  const folder = mkdtempSync(join(tmpdir(), 'wide-'));
  writeFileSync(join(folder, 'spec.json'), text);
  it.each([
    ['read from a file (its bytes are not ASCII)', () => readSpecFile(join(folder, 'spec.json')).value],
    ['parsed from text', () => load(text).value],
  ])('%s', (_, read) => {
    const value = read() as Map<string, string>;
    expect(plain(value)).toEqual(map(['description', 'a description longer than twelve'], ['title', 'wide Ā Ā']));
    expect([...value.keys(), ...value.values()].map(oneByte)).toEqual([true, true, true, false]);
  });
});

describe('releaseText: a document read from a file locates the same after letting go of its text', () => {
  const text = '{\n  "paths": {\n    "/a": {"get": {"description": "caf\u00e9 \u2019"}}\n  }\n}\n';
  const cases: Array<[string, { format: 'json' | 'yaml'; given: string; path: PointerPath; afterwards?: string; want: { line?: number; column?: number; excerpt?: string } }]> = [
    ['JSON, read again', { format: 'json', given: text, path: ['paths', '/a', 'get'], want: { line: 3, column: 19, excerpt: '    "/a": {"get": {"description": "caf\u00e9 \u2019"}}' } }],
    ['YAML, read again', { format: 'yaml', given: 'paths:\n  /a:\n    get: {}\n', path: ['paths', '/a', 'get'], want: { line: 3, column: 10, excerpt: '    get: {}' } }],
    ['the file changed length since: the file and pointer only', { format: 'json', given: text, path: ['paths', '/a'], afterwards: '{}', want: {} }],
    ['the file is gone: the file and pointer only', { format: 'json', given: text, path: ['paths', '/a'], afterwards: '', want: {} }],
  ];
  it.each(cases)('%s', (_name, { format, given, path, afterwards, want }) => {
    const folder = mkdtempSync(join(tmpdir(), 'release-'));
    const file = join(folder, `spec.${format}`);
    writeFileSync(file, given);
    const doc = readSpecFile(file, {}, 'spec');
    expect(doc.format).toBe(format);
    const before = doc.locate(path);
    releaseText(doc);
    if (afterwards === '') rmSync(file);
    else if (afterwards !== undefined) writeFileSync(file, afterwards);
    const location = doc.locate(path);
    expect({ line: location.line, column: location.column, excerpt: doc.excerpt(location) }).toEqual(want);
    expect(location.pointer).toBe(before.pointer);
    if (afterwards === undefined) expect(location).toEqual(before);
  });

  it('a document parsed from text keeps its text', () => {
    const doc = load('{\n"a": 1}');
    releaseText(doc);
    const location = doc.locate(['a']);
    expect({ line: location.line, column: location.column, excerpt: doc.excerpt(location) }).toEqual({ line: 2, column: 6, excerpt: '"a": 1}' });
  });
});
