/**
 * The tool model: JSON Schema → TypeShape by kind, and the Python module plan's names for
 * the shapes that become classes (named after where they are, recursion through `$ref`s).
 */
import { describe, expect, it } from 'vitest';
import { planPythonModule } from '../../src/emit/python/module-plan.js';
import { pythonHeader } from '../../src/emit/python/package.js';
import { pythonProviderModule } from '../../src/emit/python/provider-module.js';
import { bracketed } from '../../src/emit/python/layout.js';
import { ruffFormat, ruffFormatModule } from '../../src/emit/python/ruff.js';
import { pythonType } from '../../src/emit/python/types.js';
import { schemaShape } from '../../src/model/schema-shape.js';
import type { ProviderModel, TypeShape } from '../../src/model/tool-model.js';
import type { Value } from '../../src/load/value.js';

/** A loaded schema (mappings are Maps, as the loader gives them). */
function value(json: unknown): Value {
  if (Array.isArray(json)) return json.map(value);
  if (json !== null && typeof json === 'object') return new Map(Object.entries(json).map(([k, v]) => [k, value(v)]));
  return json as Value;
}

describe('schemaShape', () => {
  const cases: Array<[string, { given: unknown; want: TypeShape }]> = [
    ['enum', { given: { type: 'string', enum: ['a', 'b', 'a'] }, want: { kind: 'literal', values: ['a', 'b'] } }],
    ['const', { given: { const: 3 }, want: { kind: 'literal', values: [3] } }],
    ['nullable (OpenAPI 3.0)', { given: { type: 'integer', nullable: true, maximum: 9 }, want: { kind: 'union', members: [{ kind: 'number', integer: true, maximum: 9 }, { kind: 'null' }] } }],
    ['type list (OpenAPI 3.1)', { given: { type: ['string', 'null'], maxLength: 4 }, want: { kind: 'union', members: [{ kind: 'string', maxLength: 4 }, { kind: 'null' }] } }],
    ['array', { given: { type: 'array', items: { type: 'boolean' }, maxItems: 2 }, want: { kind: 'array', items: { kind: 'boolean' }, maxItems: 2 } }],
    [
      'object',
      {
        given: { type: 'object', required: ['a'], properties: { a: { type: 'string', description: 'the a' }, b: {} } },
        want: { kind: 'object', properties: [{ name: 'a', type: { kind: 'string' }, required: true, description: 'the a' }, { name: 'b', type: { kind: 'any' }, required: false }] },
      },
    ],
    ['record', { given: { type: 'object', additionalProperties: { type: 'number' } }, want: { kind: 'object', properties: [], additional: { kind: 'number', integer: false } } }],
    ['bare object', { given: { type: 'object' }, want: { kind: 'object', properties: [], additional: { kind: 'any' } } }],
    ['oneOf', { given: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, want: { kind: 'union', members: [{ kind: 'string' }, { kind: 'number', integer: true }] } }],
    ['allOf of one', { given: { allOf: [{ type: 'string' }] }, want: { kind: 'string' } }],
    ['false schema', { given: false, want: { kind: 'never' } }],
    ['$ref without a resolver', { given: { $ref: '#/components/schemas/Pet' }, want: { kind: 'any' } }],
    ['unknown type', { given: { type: 'file' }, want: { kind: 'any' } }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(schemaShape(value(given), { document: undefined, budget: { remaining: 1000 } })).toEqual(want);
  });

  it('stops at the node budget with any', () => {
    expect(schemaShape(value({ type: 'array', items: { type: 'array', items: { type: 'string' } } }), { document: undefined, budget: { remaining: 2 } })).toEqual({
      kind: 'array',
      items: { kind: 'array', items: { kind: 'any' } },
    });
  });
});

const owner: TypeShape = { kind: 'object', properties: [{ name: 'referredBy', type: { kind: 'ref', key: '#/components/schemas/Owner' }, required: false }, { name: 'address', type: { kind: 'object', properties: [{ name: 'city', type: { kind: 'string' }, required: true }] }, required: false }] };
const model: ProviderModel = {
  module: 'm',
  kind: 'api',
  id: 'x',
  sourceDisplay: 'spec.yaml',
  diagnostics: [],
  types: [
    { key: '#/components/schemas/Owner', baseName: 'owner', type: owner },
    { key: '#/components/schemas/Tags', baseName: 'tags', type: { kind: 'array', items: { kind: 'string' } } },
  ],
  tools: [
    {
      name: 'addPet',
      nameSource: 'addPet',
      difyName: 'addPet',
      summary: [],
      parameters: [
        { name: 'owner', difyType: 'string', required: false, default: null, optional: true, place: 'body', type: { kind: 'ref', key: '#/components/schemas/Owner' } },
        { name: 'list items', difyType: 'string', required: true, default: null, optional: false, place: 'body', type: { kind: 'object', properties: [{ name: 'x', type: { kind: 'boolean' }, required: true }] } },
      ],
    },
  ],
};

describe('planPythonModule', () => {
  it('names schemas, parameters and inline objects after where they are', () => {
    const plan = planPythonModule(model);
    expect([...plan.classes.values()].map((c) => c.name).sort()).toEqual(['AddPetParams', 'AddPetParamsListItems', 'Owner', 'OwnerAddress']);
    expect(plan.aliases.map((a) => a.name)).toEqual(['Tags']);
    expect(plan.tools.map((t) => [t.functionName, t.params.name])).toEqual([['add_pet', 'AddPetParams']]);
    expect([...plan.refNames]).toEqual([
      ['#/components/schemas/Owner', 'Owner'],
      ['#/components/schemas/Tags', 'Tags'],
    ]);
  });
});

describe('planPythonModule: classes only where a type uses them', () => {
  it('an allOf that is no merge of objects (typed Any) gets no classes for its members', () => {
    const mixed: TypeShape = {
      kind: 'allOf',
      members: [
        { kind: 'object', properties: [{ name: 'a', type: { kind: 'string' }, required: true }] },
        { kind: 'union', members: [{ kind: 'object', properties: [{ name: 'b', type: { kind: 'string' }, required: true }] }, { kind: 'string' }] },
      ],
    };
    const plan = planPythonModule({ ...model, types: [{ key: '#/components/schemas/Mix', baseName: 'mix', type: mixed }] });
    expect([...plan.classes.values()].map((c) => c.name)).not.toContain('MixOption1');
    expect(plan.aliases.map((a) => [a.name, pythonType(a.type, plan)])).toEqual([['Mix', 'Any']]);
  });
});

describe('pythonType', () => {
  const plan = planPythonModule(model);
  const lit = (...values: Array<string | number | bigint | boolean | null>): TypeShape => ({ kind: 'literal', values });
  const cases: Array<[string, { given: TypeShape; want: string }]> = [
    ['literal members of a union become one Literal', { given: { kind: 'union', members: [lit('a'), lit('b'), lit('a')] }, want: 'Literal["a", "b"]' }],
    ['nested unions are opened, None written once', { given: { kind: 'union', members: [{ kind: 'union', members: [lit('x'), { kind: 'null' }] }, { kind: 'null' }, { kind: 'string' }] }, want: 'Literal["x"] | str | None' }],
    ['a nullable literal and a literal null', { given: { kind: 'union', members: [lit('on', null), { kind: 'null' }] }, want: 'Literal["on"] | None' }],
    ['integers beyond 64 bits are int', { given: lit(12345678901234567890n, -1, 9223372036854775807n), want: 'Literal[-1, 9223372036854775807] | int' }],
    ['the smallest int64 is still a literal', { given: lit(-9223372036854775808n), want: 'Literal[-9223372036854775808]' }],
    ['a union with Any is Any', { given: { kind: 'union', members: [lit('a'), { kind: 'any' }] }, want: 'Any' }],
    ['never disappears from a union', { given: { kind: 'union', members: [{ kind: 'never' }, { kind: 'boolean' }] }, want: 'bool' }],
    ['never alone refuses every value', { given: { kind: 'never' }, want: 'runtime.Refused' }],
    ['number bounds, exclusive ones and multipleOf', { given: { kind: 'number', integer: false, minimum: 0, exclusiveMaximum: 1, multipleOf: 0.25 }, want: 'Annotated[float, Field(ge=0, lt=1, multiple_of=0.25)]' }],
    ['a multipleOf that is not positive checks nothing', { given: { kind: 'number', integer: true, multipleOf: 0 }, want: 'int' }],
    ['array lengths', { given: { kind: 'array', items: { kind: 'string' }, minItems: 2, maxItems: 2 }, want: 'Annotated[list[str], Field(min_length=2, max_length=2)]' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(pythonType(given, plan)).toBe(want);
  });
});

describe('parameter docs', () => {
  const withDefault = (value: bigint | number | string): ProviderModel => ({
    ...model,
    tools: [{ ...model.tools[0]!, parameters: [{ name: 'limit', difyType: 'number', required: false, default: value, optional: true, place: 'query', type: { kind: 'number', integer: true } }] }],
  });
  it.each([
    ['an integer beyond 2^53 (a bigint) is written with all its digits', 12345678901234567890n, 'Default: 12345678901234567890.'],
    ['a number', 5, 'Default: 5.'],
    ['a string, as JSON', 'a"b', 'Default: "a\\\\"b".'],
  ] as const)('%s', (_name, value, want) => {
    const module = pythonProviderModule(planPythonModule(withDefault(value)), '# h');
    expect(module.split('\n').filter((line) => line.includes('Default:')).map((line) => line.trim().replace(/^.*(Default: )/, '$1'))).toEqual([want]);
  });
});

describe('the printed module is in ruff\'s form', () => {
  const empty: ProviderModel = { module: 'none', kind: 'builtin', id: 'a/b/c', sourceDisplay: 'x.yaml', diagnostics: [], types: [], tools: [] };
  const docs: ProviderModel = {
    ...empty,
    types: [
      { key: 'a', baseName: 'a', description: ' leading blank, then\n   indented lines\n     more indented', type: { kind: 'object', properties: [{ name: 'x', type: { kind: 'string' }, required: true, description: '"quoted" start' }] } },
      { key: 'b', baseName: 'b', description: '"quoted" start, ending with a quote"', type: { kind: 'string' } },
      { key: 'c', baseName: 'c', description: 'lines\n\u00a0starting with a no-break space\n\u3000or an ideographic one', type: { kind: 'string' } },
    ],
  };
  // Names of every length around the 88 columns: every statement the printer lays out itself
  // (signatures, class heads) and every one it hands to ruff (long fields, aliases, entries).
  const word = (n: number) => `w${'abcdefghij'.repeat(12)}`.slice(0, n);
  const bounded: TypeShape = { kind: 'union', members: [{ kind: 'string', maxLength: 5000 }, { kind: 'null' }] };
  const longTool = (n: number): ProviderModel['tools'][number] => ({
    name: word(n),
    nameSource: word(n),
    difyName: word(n),
    summary: [],
    parameters: [
      { name: word(n), difyType: 'string', required: true, default: null, optional: false, place: 'body', type: bounded, encoding: 'json' },
      { name: 'x-options', difyType: 'string', required: false, default: null, optional: true, place: 'header', type: { kind: 'object', properties: [{ name: 'list items', type: bounded, required: false }] } },
    ],
    results: { json: { kind: 'object', properties: [{ name: word(n), type: bounded, required: false }] }, body: { kind: 'array', items: { kind: 'ref', key: word(n) } }, sameBodies: false, bodies: { json: [], body: [] } },
  });
  const long: ProviderModel = {
    ...empty,
    kind: 'api',
    id: word(120),
    sourceDisplay: `specs/${word(100)}.json`,
    types: [5, 40, 70, 80, 90].map((n) => ({ key: word(n), baseName: word(n), type: { kind: 'literal', values: [word(n), word(30)] } })),
    tools: [5, 20, 30, 40, 50, 60, 70, 80, 90].map(longTool),
  };
  it.each([
    ['a module without tools', empty],
    ['docstrings with leading blanks, indentation and quotes', docs],
    ['a module with classes, a functional TypedDict and a wrapper', model],
    ['names of every length: long signatures, class heads, fields, aliases, entries and header', long],
  ] as const)('%s: ruff leaves it as it is', (_name, given) => {
    const module = pythonProviderModule(planPythonModule(given), pythonHeader(given.sourceDisplay));
    expect(ruffFormat(module)).toBe(module);
  });

  it('__init__-like text: formats only the blocks with a long code line', () => {
    const source = ['x = 1', '', '', `y = [${word(50)}, ${word(50)}]`, '"""A docstring longer than the line, kept: ' + word(60) + '"""', ''].join('\n');
    expect(ruffFormatModule(source)).toBe(ruffFormat(source));
    expect(ruffFormatModule(source)).toBe(['x = 1', '', '', 'y = [', `    ${word(50)},`, `    ${word(50)},`, ']', '"""A docstring longer than the line, kept: ' + word(60) + '"""', ''].join('\n'));
  });
});

describe('bracketed: a bracketed list laid out as ruff lays it out', () => {
  const word = (n: number) => `W${'abcdefghij'.repeat(12)}`.slice(0, n);
  const returns = (a: string, b: string, c: string): [string, string[], string] => [') -> runtime.ToolCall[', [a, b, c], ']:'];
  const head = (n: number, total: boolean): [string, string[], string] => [`class ${word(n)}(`, total ? ['TypedDict'] : ['TypedDict', 'total=False'], '):'];
  const cases: Array<[string, { given: [string, string[], string]; want: string[] | undefined }]> = [
    ['a return annotation that fits', { given: returns('A', 'dict[str, Any]', 'Any'), want: [') -> runtime.ToolCall[A, dict[str, Any], Any]:'] }],
    ['one column too long: the items on a line of their own', { given: returns(word(30), 'dict[str, Any]', word(20)), want: [') -> runtime.ToolCall[', `    ${word(30)}, dict[str, Any], ${word(20)}`, ']:'] }],
    ['88 columns exactly: one line', { given: returns(word(20), 'dict[str, Any]', word(26)), want: [`) -> runtime.ToolCall[${word(20)}, dict[str, Any], ${word(26)}]:`] }],
    ['89 columns: the items on a line of their own', { given: returns(word(20), 'dict[str, Any]', word(27)), want: [') -> runtime.ToolCall[', `    ${word(20)}, dict[str, Any], ${word(27)}`, ']:'] }],
    ['items of 84 columns on their line: 88 columns', { given: returns(word(40), 'dict[str, Any]', word(26)), want: [') -> runtime.ToolCall[', `    ${word(40)}, dict[str, Any], ${word(26)}`, ']:'] }],
    ['items of 85 columns: one a line', { given: returns(word(40), 'dict[str, Any]', word(27)), want: [') -> runtime.ToolCall[', `    ${word(40)},`, '    dict[str, Any],', `    ${word(27)},`, ']:'] }],
    ['the items too long for one line: one a line', { given: returns(word(40), 'dict[str, Any]', word(40)), want: [') -> runtime.ToolCall[', `    ${word(40)},`, '    dict[str, Any],', `    ${word(40)},`, ']:'] }],
    ['an item of 83 columns still fits', { given: returns(word(83), 'Vars', 'Any'), want: [') -> runtime.ToolCall[', `    ${word(83)},`, '    Vars,', '    Any,', ']:'] }],
    ['an item of 84 columns: left to ruff', { given: returns(word(84), 'Vars', 'Any'), want: undefined }],
    ['a class head that fits', { given: head(70, true), want: [`class ${word(70)}(TypedDict):`] }],
    ['a class head one column too long', { given: head(71, true), want: [`class ${word(71)}(`, '    TypedDict', '):'] }],
    ['a total=False head', { given: head(60, false), want: [`class ${word(60)}(`, '    TypedDict, total=False', '):'] }],
    ['a class name longer than the line', { given: head(90, true), want: [`class ${word(90)}(`, '    TypedDict', '):'] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(bracketed(...given)).toEqual(want);
  });

  it.each(cases.filter(([, { want }]) => want !== undefined))('ruff agrees: %s', (_name, { given, want }) => {
    const [open, items, close] = given;
    const statement = open.startsWith('class')
      ? `${open}${items.join(', ')}${close}\n    pass\n`
      : `def f(\n    session: Session,\n    *,\n    validate: bool | None = None,\n${open}${items.join(', ')}${close}\n    pass\n`;
    const lines = ruffFormat(statement).split('\n');
    const start = open.startsWith('class') ? 0 : 4;
    expect(lines.slice(start, -2)).toEqual(want);
  });
});

describe('imports: the names the code uses, not those only in strings and docstrings', () => {
  const tool = (name: string, description: string, type: TypeShape, optional = false) => ({
    name: 'get',
    nameSource: 'get',
    difyName: 'get',
    summary: [],
    parameters: [{ name, description, difyType: 'string', required: !optional, default: null, optional, place: 'query' as const, type }],
  });
  const provider = (tools: ProviderModel['tools']): ProviderModel => ({ module: 'm', kind: 'api', id: 'x', sourceDisplay: 's', diagnostics: [], types: [], tools });
  it.each<[string, { given: ProviderModel['tools']; want: string[] }]>([
    ['no tools: TOOLS alone', { given: [], want: ['from typing import Final'] }],
    [
      'names in a key and a description only',
      { given: [tool('Never', 'Literal NotRequired Field Annotated', { kind: 'string' })], want: ['from typing import Any, Final, TypedDict', 'from dify_plugin.core.runtime import Session'] },
    ],
    [
      'an optional constrained parameter',
      {
        given: [tool('q', 'x', { kind: 'string', maxLength: 3 }, true)],
        want: ['from typing import Annotated, Any, Final, NotRequired, TypedDict', 'from dify_plugin.core.runtime import Session', 'from pydantic import Field'],
      },
    ],
    ['a literal', { given: [tool('q', 'x', { kind: 'literal', values: ['a'] })], want: ['from typing import Any, Final, Literal, TypedDict', 'from dify_plugin.core.runtime import Session'] }],
  ])('%s', (_name, { given, want }) => {
    const module = pythonProviderModule(planPythonModule(provider(given)), '# h');
    expect(module.split('\n').filter((line) => line.startsWith('from '))).toEqual(['from __future__ import annotations', ...want, 'from . import runtime']);
  });
});

describe('a blank description writes no docstring', () => {
  const withDoc = (description: string): ProviderModel => ({ module: 'm', kind: 'api', id: 'x', sourceDisplay: 's', diagnostics: [], tools: [], types: [{ key: 'k', baseName: 'tags', type: { kind: 'string' }, description }] });
  it.each<[string, { given: string; want: string }]>([
    ['spaces and line ends', { given: ' \n\r\n\t', want: 'type Tags = str\n\n\n' }],
    ['Unicode white space', { given: '\u00a0\u3000\u2028\ufeff', want: 'type Tags = str\n\n\n' }],
    ['text', { given: ' x ', want: 'type Tags = str\n"""x"""\n' }],
    ['a control character is not blank', { given: '\u0001', want: 'type Tags = str\n"""\\\\u{1}"""\n' }],
  ])('%s', (_name, { given, want }) => {
    expect(pythonProviderModule(planPythonModule(withDoc(given)), '# h')).toContain(want);
  });
});
