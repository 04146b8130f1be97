/**
 * The JSON reader (src/load/json.ts) yields what Python's `json.loads` yields: mappings in
 * document order, duplicate keys keeping the last value at the first key's place, integers
 * exact at any size, whole-valued floats marked, NaN and Infinity accepted; and it refuses
 * what `json.loads` refuses, with Python's message and offset.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { JsonDepthError, JsonSyntaxError, readJson } from '../../src/load/json.js';
import { formatPointer, isIntegralFloat, type Key, type PointerPath, type Value } from '../../src/load/value.js';
import { map, plain, type Plain } from './helpers.js';

interface ReadCase {
  given: string;
  want: Plain;
  /** Pointers of the values read from a float with a whole value (`1.0`, `2e3`). */
  floats?: string[];
  nodes?: number;
}

const reads: Array<[string, ReadCase]> = [
  ['nested containers in document order', { given: '{"b": [1, {"c": null}], "a": {}}', want: map(['b', [1, map(['c', null])]], ['a', map()]), nodes: 6 }],
  ['integer-like keys keep document order', { given: '{"2": 0, "10": 1, "1": 2}', want: map(['2', 0], ['10', 1], ['1', 2]) }],
  ['a duplicate key: the last value at the first place', { given: '{"a": 1, "b": 2, "a": [3]}', want: map(['a', [3]], ['b', 2]) }],
  ['literals', { given: '[true, false, null, NaN, Infinity, -Infinity]', want: [true, false, null, NaN, Infinity, -Infinity] }],
  [
    'integers up to 2^53 - 1 are numbers',
    { given: '[0, -0, 7, -15, 123456789012345, 9007199254740991, -9007199254740991]', want: [0, -0, 7, -15, 123456789012345, 9007199254740991, -9007199254740991] },
  ],
  [
    'integers from 2^53 on are exact bigints',
    { given: '[9007199254740992, -9007199254740993, 123456789012345678901234567890]', want: [9007199254740992n, -9007199254740993n, 123456789012345678901234567890n] },
  ],
  [
    'floats: whole values are marked, others not',
    { given: '[1.0, 1.5, 2e3, -1.0E+0, 1E-1, 1e400, 9007199254740993.0, 0.0]', want: [1, 1.5, 2000, -1, 0.1, Infinity, 9007199254740992, 0], floats: ['#/0', '#/2', '#/3', '#/6', '#/7'] },
  ],
  ['a float in a mapping is marked under its key', { given: '{"x": 3.0, "y": 3}', want: map(['x', 3], ['y', 3]), floats: ['#/x'] }],
  ['a duplicate key clears the mark of the value it replaces', { given: '{"x": 3.0, "x": 3}', want: map(['x', 3]), floats: [] }],
  ['a duplicate key marks the float that replaces an int', { given: '{"x": 3, "x": 3.0}', want: map(['x', 3]), floats: ['#/x'] }],
  [
    'strings: escapes, \\u escapes, lone surrogates, non-ASCII text',
    { given: '["a\\"b\\\\c\\/d\\b\\f\\n\\r\\t", "\\u00e9\\uD83D\\ude00", "\\ud800", "é😀", ""]', want: ['a"b\\c/d\b\f\n\r\t', 'é😀', '\ud800', 'é😀', ''] },
  ],
  ['an escaped key is the key it spells', { given: '{"a\\u002fb": 1, "a/b": 2}', want: map(['a/b', 2]) }],
  ['whitespace of every JSON kind around every token', { given: ' \t\r\n{ "a" :\n[ 1 ,\t2 ] }\n', want: map(['a', [1, 2]]) }],
  ['a scalar document', { given: '"just text"', want: 'just text', nodes: 1 }],
  [
    'text beyond Latin-1 beside text within it',
    { given: '{"\u0100": "é and more than twelve", "é": ["Ā", "x\u00e9", "é and more than twelve"]}', want: map(['Ā', 'é and more than twelve'], ['é', ['Ā', 'xé', 'é and more than twelve']]) },
  ],
];

/** The pointers under `value` whose values are marked as whole-valued floats, in document order. */
function floatPointers(value: Value, path: PointerPath = []): string[] {
  const children: Array<[Key, Value]> = value instanceof Map ? [...value] : Array.isArray(value) ? value.map((v, i): [Key, Value] => [i, v]) : [];
  return children.flatMap(([k, v]) => [...(isIntegralFloat(value, k) ? [formatPointer([...path, k])] : []), ...floatPointers(v, [...path, k])]);
}

describe('the JSON reader: what it yields', () => {
  it.each(reads)('%s', (_, { given, want, floats = [], nodes }) => {
    for (const narrowStrings of [false, true]) {
      const read = readJson(given.trim(), { maxDepth: 100, narrowStrings });
      expect(plain(read.value)).toEqual(want);
      expect(floatPointers(read.value)).toEqual(floats);
      if (nodes !== undefined) expect(read.nodes).toBe(nodes);
    }
  });
});

/**
 * Whether V8 holds a string one byte per character: its serializer writes such a string
 * under the tag `"` (0x22) right after the two-byte header, a two-byte string under `c`.
 */
function isOneByte(text: string): boolean {
  return serialize(text)[2] === 0x22;
}

/** Every string of a value read, keys and values, in document order. */
function stringsOf(value: Value): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Map) return [...value].flatMap(([k, v]) => [...(typeof k === 'string' ? [k] : []), ...stringsOf(v)]);
  return Array.isArray(value) ? value.flatMap(stringsOf) : [];
}

describe('the JSON reader: strings from a text beyond Latin-1', () => {
  const given = '{"Ā": "é and more than twelve", "é": ["Ā", "x\\u00e9", "plain ASCII text, long", "wide: Ā"]}';
  it.each([
    // Without: a long string is cut from the text, two-byte; V8 keeps one-character strings
    // (and what is joined from them: the escaped `xé`) one-byte whatever their source.
    ['kept as cut from the text', { narrowStrings: false, want: [false, false, true, false, true, false, false] }],
    ['copied one byte per character where they fit', { narrowStrings: true, want: [false, true, true, false, true, true, false] }],
  ])('%s', (_, { narrowStrings, want }) => {
    const strings = stringsOf(readJson(given, { maxDepth: 100, narrowStrings }).value);
    expect(strings).toEqual(['Ā', 'é and more than twelve', 'é', 'Ā', 'xé', 'plain ASCII text, long', 'wide: Ā']);
    expect(strings.map(isOneByte)).toEqual(want);
  });
});

const refusals: Array<[string, { given: string; want: [string, number] }]> = [
  ['nothing', { given: '', want: ['Expecting value', 0] }],
  ['a bare word', { given: '[nul]', want: ['Expecting value', 1] }],
  ['a minus without digits', { given: '[-a]', want: ['Expecting value', 1] }],
  ['a fraction without a leading digit', { given: '[.5]', want: ['Expecting value', 1] }],
  ['a leading zero ends the number', { given: '[01]', want: ["Expecting ',' delimiter", 2] }],
  ['a dot without digits ends the number', { given: '[1.]', want: ["Expecting ',' delimiter", 2] }],
  ['an exponent without digits ends the number', { given: '[1e+]', want: ["Expecting ',' delimiter", 2] }],
  ['a number followed by text', { given: '1.5x', want: ['Extra data', 3] }],
  ['a second value', { given: '{} []', want: ['Extra data', 3] }],
  ['a key that is not a string', { given: '{"a": 1, b: 2}', want: ['Expecting property name enclosed in double quotes', 9] }],
  ['a trailing comma in a mapping', { given: '{"a": 1,}', want: ['Expecting property name enclosed in double quotes', 8] }],
  ['a trailing comma in a list', { given: '[1,]', want: ['Expecting value', 3] }],
  ['a missing colon', { given: '{"a" 1}', want: ["Expecting ':' delimiter", 5] }],
  ['a missing comma', { given: '{"a": 1 "b": 2}', want: ["Expecting ',' delimiter", 8] }],
  ['an unclosed mapping', { given: '{"a": 1', want: ["Expecting ',' delimiter", 7] }],
  ['an unterminated string', { given: '["abc', want: ['Unterminated string starting at', 1] }],
  ['an unterminated string after an escape', { given: '["a\\n', want: ['Unterminated string starting at', 1] }],
  ['a control character in a string', { given: '["a\tb"]', want: ['Invalid control character at', 3] }],
  ['a control character after an escape', { given: '["\\n\n"]', want: ['Invalid control character at', 4] }],
  ['an unknown escape', { given: '["a\\x"]', want: ['Invalid \\escape', 3] }],
  ['a short \\u escape', { given: '["\\u12"]', want: ['Invalid \\uXXXX escape', 2] }],
];

describe('the JSON reader: what it refuses, where', () => {
  it.each(refusals)('%s', (_, { given, want }) => {
    let thrown: unknown;
    try {
      readJson(given, { maxDepth: 100 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(JsonSyntaxError);
    expect([(thrown as JsonSyntaxError).message, (thrown as JsonSyntaxError).offset]).toEqual(want);
  });

  it('refuses nesting past the limit at the container that passes it', () => {
    expect(() => readJson('[[[1]]]', { maxDepth: 3 })).not.toThrow();
    let thrown: unknown;
    try {
      readJson('{"a": [[1]]}', { maxDepth: 2 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(JsonDepthError);
    expect([(thrown as JsonDepthError).limit, (thrown as JsonDepthError).offset]).toEqual([2, 7]);
  });
});
