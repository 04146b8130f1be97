/**
 * Locating JSON pointers by skimming the text (src/load/json-offsets.ts) gives the offsets a
 * full read with a position table gives: a container's start, a member's first key or last
 * value (duplicate keys), the deepest node found when the pointer leaves the document.
 */
import { describe, expect, it } from 'vitest';
import { readJson } from '../../src/load/json.js';
import { JsonOffsets } from '../../src/load/json-offsets.js';
import { offsetOf, type PositionTable } from '../../src/load/positions.js';
import type { PointerPath, Value } from '../../src/load/value.js';

interface Case {
  given: string;
  path: PointerPath;
  preferKey?: boolean;
  /** The offset, written as the text that starts there (unique in `given`). */
  want: string | undefined;
}

const cases: Array<[string, Case]> = [
  ['the root object', { given: '{"a": 1}', path: [], want: '{"a"' }],
  ['a member value', { given: '{"a": 1, "b": [true, null]}', path: ['b'], want: '[true' }],
  ['an array element', { given: '{"a": 1, "b": [true, null]}', path: ['b', '1'], want: 'null' }],
  ['a member key with preferKey', { given: '{"a": 1, "b": 2}', path: ['b'], preferKey: true, want: '"b"' }],
  ['preferKey on an array element gives the element', { given: '[10, 20]', path: ['1'], preferKey: true, want: '20' }],
  ['a duplicate key: the last value', { given: '{"k": "first", "k": "second"}', path: ['k'], want: '"second"' }],
  ['a duplicate key with preferKey: the first key', { given: '{"k": "first" , "k": "second"}', path: ['k'], preferKey: true, want: '"k": "first"' }],
  ['an escaped key', { given: '{"a\\u002fb": {"x": 1}, "a/b2": 0}', path: ['a/b', 'x'], want: '1}' }],
  ['quotes and backslashes inside strings are skipped', { given: '{"s": "x\\"}{[\\\\", "t": 5}', path: ['t'], want: '5}' }],
  ['a missing member: the nearest container', { given: '{"a": {"b": 1}}', path: ['a', 'zz', 'y'], want: '{"b"' }],
  ['a path through a scalar stops at the scalar', { given: '{"a": "text"}', path: ['a', 'b'], want: '"text"' }],
  ['an index past the end: the array', { given: '{"a": [1]}', path: ['a', '3'], want: '[1]' }],
  ['a non-numeric index: the array', { given: '{"a": [1]}', path: ['a', 'x'], want: '[1]' }],
  ['NaN, Infinity and numbers end at the delimiter', { given: '[NaN, -Infinity, 1.5e3, {"z": 0}]', path: ['3', 'z'], want: '0}' }],
  ['empty containers', { given: '{"e": {}, "f": [], "g": 1}', path: ['g'], want: '1}' }],
  ['whitespace of every kind', { given: '{\r\n\t"a" :\n [ 1 ,\t2 ] }', path: ['a', '1'], want: '2 ]' }],
  ['a scalar root has no offset', { given: '"just text"', path: ['a'], want: undefined }],
];

/** The offsets a full read with positions gives (the reference). */
function tableOffset(text: string, path: PointerPath, preferKey: boolean): number | undefined {
  const positions: PositionTable = new WeakMap();
  const { value } = readJson(text, { maxDepth: 100, positions });
  return offsetOf(value, positions, path, preferKey);
}

describe('JSON pointer offsets by skimming', () => {
  it.each(cases)('%s', (_, { given, path, preferKey = false, want }) => {
    const expected = want === undefined ? undefined : given.indexOf(want);
    expect(given.indexOf(want ?? '\0', (expected ?? 0) + 1)).toBe(-1);
    expect(new JsonOffsets(given, readJson(given, { maxDepth: 100 }).spans).offsetOf(path, preferKey)).toBe(expected);
    expect(tableOffset(given, path, preferKey)).toBe(expected);
  });

  it('agrees with the position table on every pointer of a document, with and without preferKey', () => {
    const text = JSON.stringify({
      openapi: '3.0.0',
      paths: { '/a/{id}': { get: { parameters: [{ name: 'id', in: 'path' }, { name: 'q"x', in: 'query' }] } }, '/b': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer', default: -1.5e-3 } } } } } } } } },
      list: [[], {}, [[1, 2], [3]], 'a\\b', null, true],
      long: { text: 'x]}"'.repeat(100), nested: [{ deep: ['['.repeat(300)] }, 'y'.repeat(300)] },
    }, null, 2);
    const { value, spans } = readJson(text, { maxDepth: 100 });
    const located = new JsonOffsets(text, spans);
    const pointers: PointerPath[] = [];
    const walk = (value: Value, path: PointerPath) => {
      pointers.push(path, [...path, 'missing']);
      if (value instanceof Map) for (const [k, v] of value) walk(v, [...path, k]);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)]));
    };
    walk(value, []);
    expect(pointers.length).toBeGreaterThan(50);
    for (const path of pointers) {
      for (const preferKey of [false, true]) expect([path, preferKey, located.offsetOf(path, preferKey)]).toEqual([path, preferKey, tableOffset(text, path, preferKey)]);
    }
  });
});

/** Every container the reader recorded, as the text it spans, in the order they open. */
function spans(text: string): string[] {
  const recorded = readJson(text, { maxDepth: 1000 }).spans;
  const out: string[] = [];
  for (let open = 0; open < text.length; open++) {
    const close = recorded.closeOf(open);
    if (close !== undefined) out.push(text.slice(open, close + 1));
  }
  return out;
}

/** The close of the container opening at `open`, found by counting brackets outside strings (the reference). */
function closeByCounting(text: string, open: number): number {
  let depth = 0;
  for (let j = open; ; j++) {
    const c = text[j];
    if (c === '"') {
      j++;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return j;
  }
}

const tables: Array<[string, { given: string; want: string[] }]> = [
  ['a scalar has no containers', { given: '"{[}]"', want: [] }],
  ['empty containers, with and without white space', { given: '[{}, [ ], { \n}]', want: ['[{}, [ ], { \n}]', '{}', '[ ]', '{ \n}'] }],
  ['nesting, in the order the containers open', { given: '{"a": [1, {"b": 2}], "c": {}}', want: ['{"a": [1, {"b": 2}], "c": {}}', '[1, {"b": 2}]', '{"b": 2}', '{}'] }],
  ['brackets inside strings and keys are not containers', { given: '{"}[": "]{", "x": ["}"]}', want: ['{"}[": "]{", "x": ["}"]}', '["}"]'] }],
  ['escaped quotes and backslashes end strings where JSON ends them', { given: '["a\\"}", "b\\\\", {"c\\\\\\"]": []}]', want: ['["a\\"}", "b\\\\", {"c\\\\\\"]": []}]', '{"c\\\\\\"]": []}', '[]'] }],
  ['duplicate keys: both values are containers', { given: '{"k": [1], "k": {"z": []}}', want: ['{"k": [1], "k": {"z": []}}', '[1]', '{"z": []}', '[]'] }],
  ['non-ASCII text and whitespace of every kind', { given: '{\r\n\t"é": ["\u00e9", "😀"] }', want: ['{\r\n\t"é": ["\u00e9", "😀"] }', '["\u00e9", "😀"]'] }],
];

describe('the container spans the reader records', () => {
  it.each(tables)('%s', (_, { given, want }) => {
    expect(spans(given)).toEqual(want);
  });

  it('closes every container where counting brackets closes it, past the first growth of the records', () => {
    const nested = (depth: number): unknown => (depth === 0 ? ['"]', { '{': '\\' }] : { [`k${depth}`]: [nested(depth - 1), 'x"[', nested(depth - 1)], e: {} });
    const text = JSON.stringify({ paths: nested(9), deep: JSON.parse('['.repeat(100) + ']'.repeat(100)) }, null, 1);
    const recorded = readJson(text, { maxDepth: 1000 }).spans;
    const opens = [...text].flatMap((c, i) => ((c === '{' || c === '[') && recorded.closeOf(i) !== undefined ? [i] : []));
    expect(opens.length).toBeGreaterThan(2048);
    for (const open of opens) expect([open, recorded.closeOf(open)]).toEqual([open, closeByCounting(text, open)]);
  });

  it('knows no close where no container opens', () => {
    const recorded = readJson('{"a": [1]}', { maxDepth: 10 }).spans;
    expect([recorded.closeOf(0), recorded.closeOf(1), recorded.closeOf(6), recorded.closeOf(7)]).toEqual([9, undefined, 8, undefined]);
  });
});
