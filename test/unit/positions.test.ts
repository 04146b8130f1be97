/** Lines of a spec text (src/load/positions.ts): where each starts, and the line and column of an offset. */
import { describe, expect, it } from 'vitest';
import { LineIndex, lineStarts } from '../../src/load/positions.js';

const starts: Array<[string, { given: string; want: number[] }]> = [
  ['no text: one line', { given: '', want: [0] }],
  ['one line', { given: '{"a": [1]}', want: [0] }],
  ['a start after every line break, CRLF too', { given: '{\n"a":\r\n[1,\n2]}', want: [0, 2, 8, 12] }],
  ['a lone CR is no line break', { given: 'a\rb\nc', want: [0, 4] }],
  ['a line break at the end starts an empty line', { given: '[]\n', want: [0, 3] }],
  ['more lines than the first table holds', { given: 'x\n'.repeat(3000), want: Array.from({ length: 3001 }, (_, k) => 2 * k) }],
];

describe('line starts', () => {
  it.each(starts)('%s', (_, { given, want }) => {
    expect([...lineStarts(given)]).toEqual(want);
  });
});

const lookups: Array<[string, { offset: number; want: { line: number; column: number; text: string } }]> = [
  ['the first character', { offset: 0, want: { line: 1, column: 1, text: 'ab' } }],
  ['a line break belongs to its line', { offset: 2, want: { line: 1, column: 3, text: 'ab' } }],
  ['the first character of a CRLF line, whose text drops the CR', { offset: 3, want: { line: 2, column: 1, text: 'cd' } }],
  ['the empty last line', { offset: 7, want: { line: 3, column: 1, text: '' } }],
];

describe('line and column of an offset', () => {
  const index = new LineIndex('ab\ncd\r\n');
  it.each(lookups)('%s', (_, { offset, want }) => {
    const { line, column } = index.at(offset);
    expect({ line, column, text: index.lineText(line) }).toEqual(want);
  });
});
