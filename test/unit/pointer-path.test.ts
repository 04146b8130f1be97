/**
 * `childPath` (src/load/value.ts): a path with segments after it, as a new array of exactly
 * that length (the model keeps one per parameter and result body); the given path is untouched.
 */
import { describe, expect, it } from 'vitest';
import { childPath, PyBytes, type Key } from '../../src/load/value.js';

const bytes = new PyBytes(new Uint8Array([0x61]));

describe('childPath', () => {
  it.each<[string, { given: [Key[], Key[]]; want: Key[] }]>([
    ['one key', { given: [['paths', '/pets', 'get'], ['parameters']], want: ['paths', '/pets', 'get', 'parameters'] }],
    ['several keys', { given: [['paths', '/pets', 'post'], ['requestBody', 'content', 'application/json', 'schema']], want: ['paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'schema'] }],
    ['an index, and keys that are not text', { given: [['paths', 1, null], [0, true, bytes]], want: ['paths', 1, null, 0, true, bytes] }],
    ['from the root', { given: [[], ['components']], want: ['components'] }],
    ['no keys: a copy', { given: [['a', 'b'], []], want: ['a', 'b'] }],
  ])('%s', (_name, { given: [path, keys], want }) => {
    const before = [...path];
    const out = childPath(path, ...keys);
    expect(out).toEqual(want);
    expect(out).toHaveLength(want.length);
    expect(out).not.toBe(path);
    expect(path).toEqual(before);
    // A dense array: every index holds its segment (no holes left by the preallocation).
    expect(Object.keys(out)).toHaveLength(want.length);
  });
});
