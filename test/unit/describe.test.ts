/** `describe`: the doc-comment lines of a schema's title and description. */
import { describe as group, expect, it } from 'vitest';
import { describe } from '../../src/emit/typescript/api-module.js';

group('describe', () => {
  it.each<[string, { given: unknown[]; want: string[] }]>([
    ['nothing', { given: [], want: [] }],
    ['absent and non-string texts are skipped', { given: [undefined, 3, null, { a: 1 }], want: [] }],
    ['blank texts are skipped', { given: ['  ', '\n\t', 'Pet'], want: ['Pet'] }],
    ['one text', { given: ['A pet.'], want: ['A pet.'] }],
    ['a blank line between texts', { given: ['Pet', 'A pet.\nWith a name.  '], want: ['Pet', '', 'A pet.', 'With a name.'] }],
    ['three texts, a blank one between', { given: ['a', ' ', 'b', 'c'], want: ['a', '', 'b', '', 'c'] }],
    ['escaped through commentLines', { given: ['x */ y', 'z\u202e'], want: ['x *\\/ y', '', 'z\\u{202e}'] }],
  ])('%s', (_name, { given, want }) => {
    expect(describe(...given)).toEqual(want);
  });
});
