/**
 * `formatPointer` (src/load/value.ts) writes RFC 6901 pointers with `#` in front: `~` as `~0`,
 * `/` as `~1`, non-string keys as Python prints them.
 */
import { describe, expect, it } from 'vitest';
import { formatPointer, PyBytes, PyDate, type PointerPath } from '../../src/load/value.js';

const cases: Array<[string, { given: PointerPath; want: string }]> = [
  ['the document', { given: [], want: '#' }],
  ['plain segments', { given: ['components', 'schemas', 'Pet'], want: '#/components/schemas/Pet' }],
  ['a path key: every slash escaped', { given: ['paths', '/pets/{id}', 'get'], want: '#/paths/~1pets~1{id}/get' }],
  ['a tilde before a slash: ~0 first, so ~1 stays two characters', { given: ['a~1b', '~/'], want: '#/a~01b/~0~1' }],
  ['an empty key', { given: ['', 'x'], want: '#//x' }],
  ['indexes and non-string YAML keys', { given: [0, 200, 12345678901234567890n, true, null], want: '#/0/200/12345678901234567890/true/null' }],
  ['dates and bytes as Python prints them', { given: [new PyDate(2024, 1, 2), new PyBytes(new TextEncoder().encode('a/b'))], want: "#/2024-01-02/b'a~1b'" }],
];

describe('formatPointer', () => {
  it.each(cases)('%s', (_, { given, want }) => {
    expect(formatPointer(given)).toBe(want);
  });
});
