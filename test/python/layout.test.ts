/**
 * The long statements the printer lays out without ruff (src/emit/python/layout.ts): each
 * case's layout as a table, then the same case formatted by ruff itself, which must agree.
 * Statements outside the rules give undefined (ruff lays them out).
 */
import { describe, expect, it } from 'vitest';
import { laidOut } from '../../src/emit/python/layout.js';
import { ruffFormat, type Place } from '../../src/emit/python/ruff.js';

/** A name of `n` characters. */
const name = (n: number) => `N${'abcdefghij'.repeat(20)}`.slice(0, n);
const field = (annotation: string) => `    field_name: ${annotation}`;

type Case = [string, { given: { place: Place; lines: string[] }; want: string[] | undefined }];

const cases: Case[] = [
  [
    'a field: the subscript opens, its one item on a line',
    {
      given: { place: 'body', lines: [field(`NotRequired[${name(70)}]`)] },
      want: ['    field_name: NotRequired[', `        ${name(70)}`, '    ]'],
    },
  ],
  [
    'a field: a name too long for any line still opens the brackets',
    {
      given: { place: 'body', lines: [field(`NotRequired[${name(85)}]`)] },
      want: ['    field_name: NotRequired[', `        ${name(85)}`, '    ]'],
    },
  ],
  [
    'a field: Literal values on a line of their own',
    {
      given: { place: 'body', lines: [field(`Literal["${name(30)}", "${name(30)}"]`)] },
      want: ['    field_name: Literal[', `        "${name(30)}", "${name(30)}"`, '    ]'],
    },
  ],
  [
    'a field: Literal values on a line of exactly 88 columns',
    {
      given: { place: 'body', lines: [field(`Literal["${name(40)}", "${name(34)}"]`)] },
      want: ['    field_name: Literal[', `        "${name(40)}", "${name(34)}"`, '    ]'],
    },
  ],
  [
    'a field: Literal values that would take 89 columns, one a line',
    {
      given: { place: 'body', lines: [field(`Literal["${name(40)}", "${name(35)}"]`)] },
      want: ['    field_name: Literal[', `        "${name(40)}",`, `        "${name(35)}",`, '    ]'],
    },
  ],
  [
    'a field: Literal values one a line, with a trailing comma',
    {
      given: { place: 'body', lines: [field(`NotRequired[Literal["${name(40)}", "${name(40)}"]]`)] },
      want: ['    field_name: NotRequired[', '        Literal[', `            "${name(40)}",`, `            "${name(40)}",`, '        ]', '    ]'],
    },
  ],
  [
    'a field: a union inside the brackets, one operand a line',
    {
      given: { place: 'body', lines: [field(`NotRequired[Annotated[str, Field(max_length=5000)] | ${name(40)} | None]`)] },
      want: ['    field_name: NotRequired[', '        Annotated[str, Field(max_length=5000)]', `        | ${name(40)}`, '        | None', '    ]'],
    },
  ],
  [
    'a field: a union is parenthesised, on one line when it fits',
    {
      given: { place: 'body', lines: [field(`${name(50)} | ${name(20)} | None`)] },
      want: ['    field_name: (', `        ${name(50)} | ${name(20)} | None`, '    )'],
    },
  ],
  [
    'a field: a parenthesised union ending with brackets, broken',
    {
      given: { place: 'body', lines: [field(`Literal[""] | list[${name(84)}]`)] },
      want: ['    field_name: (', '        Literal[""]', '        | list[', `            ${name(84)}`, '        ]', '    )'],
    },
  ],
  [
    'a field: a name is parenthesised when that makes it fit',
    {
      given: { place: 'body', lines: [field(name(80))] },
      want: ['    field_name: (', `        ${name(80)}`, '    )'],
    },
  ],
  ['a field: a name that fits nowhere stays', { given: { place: 'body', lines: [field(name(81))] }, want: [field(name(81))] }],
  ['a field named so long that its parenthesis does not fit: ruff decides', { given: { place: 'body', lines: [`    ${name(84)}: ${name(10)} | None`] }, want: undefined }],
  [
    'an alias: the subscript opens',
    {
      given: { place: 'module', lines: [`type ${name(40)} = Literal["${name(30)}", "${name(20)}"]`] },
      want: [`type ${name(40)} = Literal[`, `    "${name(30)}", "${name(20)}"`, ']'],
    },
  ],
  [
    'an alias of a name is parenthesised',
    {
      given: { place: 'module', lines: [`type ${name(50)} = ${name(50)}`] },
      want: [`type ${name(50)} = (`, `    ${name(50)}`, ')'],
    },
  ],
  [
    'an alias of a union ending with brackets, parenthesised on one line',
    {
      given: { place: 'module', lines: [`type ${name(50)} = ${name(24)} | dict[str, Any]`] },
      want: [`type ${name(50)} = (`, `    ${name(24)} | dict[str, Any]`, ')'],
    },
  ],
  [
    'an alias whose parenthesis cannot fit stays',
    {
      given: { place: 'module', lines: [`type ${name(82)} = ${name(20)}`] },
      want: [`type ${name(82)} = ${name(20)}`],
    },
  ],
  ['an alias of a subscript whose bracket cannot fit: ruff decides', { given: { place: 'module', lines: [`type ${name(80)} = list[${name(20)}]`] }, want: undefined }],
  [
    "a wrapper's call: TOOLS[...] opens",
    {
      given: { place: 'body', lines: ['    return runtime.call(', '        session,', `        TOOLS["${name(80)}"],`, '        params,', '    )'] },
      want: ['    return runtime.call(', '        session,', '        TOOLS[', `            "${name(80)}"`, '        ],', '        params,', '    )'],
    },
  ],
  [
    'a TOOLS entry: strings and names nothing can shorten stay',
    {
      given: { place: 'entry', lines: [`    "${name(84)}": runtime.Tool(`, `        tool_name="${name(80)}",`, '        parameters=(', `            "${name(80)}",`, '        ),', `        params_type=${name(80)},`, '        encodings={', `            "${name(60)}": "json",`, '        },', '    ),'] },
      want: [`    "${name(84)}": runtime.Tool(`, `        tool_name="${name(80)}",`, '        parameters=(', `            "${name(80)}",`, '        ),', `        params_type=${name(80)},`, '        encodings={', `            "${name(60)}": "json",`, '        },', '    ),'],
    },
  ],
  ['a TOOLS entry with a long one-element tuple: ruff decides', { given: { place: 'entry', lines: [`    "f": runtime.Tool(`, `        parameters=("${name(80)}",),`, '    ),'] }, want: undefined }],
  [
    'a signature: a long def line and params name stay, the return annotation opens',
    {
      given: { place: 'header', lines: [`def ${name(90)}(`, `    params: ${name(80)},`, '    *,', '    validate: bool | None = None,', `) -> runtime.ToolCall[${name(40)}, dict[str, Any], ${name(40)}]:`] },
      want: [`def ${name(90)}(`, `    params: ${name(80)},`, '    *,', '    validate: bool | None = None,', ') -> runtime.ToolCall[', `    ${name(40)},`, '    dict[str, Any],', `    ${name(40)},`, ']:'],
    },
  ],
  [
    'a signature: params that may be None break before |',
    {
      given: { place: 'header', lines: ['def f(', `    params: ${name(80)} | None = None,`, '    *,', '    validate: bool | None = None,', ') -> runtime.ToolCall[A, B, C]:'] },
      want: ['def f(', `    params: ${name(80)}`, '    | None = None,', '    *,', '    validate: bool | None = None,', ') -> runtime.ToolCall[A, B, C]:'],
    },
  ],
  [
    'a functional TypedDict: an entry opens its brackets',
    {
      given: { place: 'module', lines: ['_P = TypedDict(', '    "_P",', '    {', `        "X-Amz-Target": Literal["${name(70)}"],`, '    },', ')'] },
      want: ['_P = TypedDict(', '    "_P",', '    {', '        "X-Amz-Target": Literal[', `            "${name(70)}"`, '        ],', '    },', ')'],
    },
  ],
  [
    'a line with characters other than printable ASCII: ruff decides (it counts columns, not UTF-16 units)',
    { given: { place: 'body', lines: [field(`NotRequired[Literal["${'\u{1F600}'.repeat(30)}", "x"]]`)] }, want: undefined },
  ],
  ['anything else: ruff decides', { given: { place: 'module', lines: ['PROVIDER: runtime.Provider = runtime.Provider(', `    id="${name(90)}",`, ')'] }, want: undefined }],
];

/** What ruff makes of the lines at `place` (the same contexts as `fitted`). */
function ruffLines(place: Place, lines: readonly string[]): string[] {
  const contexts: Record<Place, [string[], string[]]> = { module: [[], []], body: [['def _():'], []], header: [[], ['    pass']], entry: [['_ = {'], ['}']] };
  const [before, after] = contexts[place];
  const out = ruffFormat([...before, ...lines, ...after, ''].join('\n')).split('\n');
  return out.slice(before.length, out.length - 1 - after.length);
}

describe('laidOut', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(laidOut(given.lines, given.place)).toEqual(want);
  });

  it.each(cases.filter(([, { want }]) => want !== undefined))('ruff agrees: %s', (_name, { given, want }) => {
    expect(ruffLines(given.place, given.lines)).toEqual(want);
  });
});

describe('laidOut keeps each one-line layout it makes (a module repeats its long statements)', () => {
  const annotation = `Literal["${name(30)}", "${name(30)}"]`;
  const values = `"${name(30)}", "${name(30)}"`;
  // The same annotation at four places in a row: each laid out for its own place and head.
  it.each<[string, { given: { place: Place; lines: string[] }; want: string[] | undefined }]>([
    ['as a field', { given: { place: 'body', lines: [field(annotation)] }, want: ['    field_name: Literal[', `        ${values}`, '    ]'] }],
    ['as a field whose name leaves room for it', { given: { place: 'body', lines: [`    f: ${annotation}`] }, want: [`    f: ${annotation}`] }],
    ['as an alias', { given: { place: 'module', lines: [`type AliasName = ${annotation}`] }, want: ['type AliasName = Literal[', `    ${values}`, ']'] }],
    ['as a field again', { given: { place: 'body', lines: [field(annotation)] }, want: ['    field_name: Literal[', `        ${values}`, '    ]'] }],
    ['a field left to ruff (not ASCII)', { given: { place: 'body', lines: [field(`Literal["é${name(80)}"]`)] }, want: undefined }],
    ['the same field left to ruff again', { given: { place: 'body', lines: [field(`Literal["é${name(80)}"]`)] }, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(laidOut(given.lines, given.place)).toEqual(want);
    if (want !== undefined) expect(ruffLines(given.place, given.lines)).toEqual(want);
  });
});
