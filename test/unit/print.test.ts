/**
 * The printer must write exactly what prettier (default options) writes. Every `want` below
 * is prettier's output for that code, and the table checks it still is; the property-based
 * test then checks a few hundred random ASTs (more with `npx tsx scripts/print-fuzz.ts`).
 *
 * A `given` statement is printed on its own; a type is printed as `type T = …;` and an
 * expression as `const x = …;`, because prettier's layout of both depends on where they sit.
 */
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { CaseGenerator, createRandom, runFuzz } from '../../scripts/print-fuzz.js';
import type { Expression, PropertySignature, Statement, TypeNode } from '../../src/emit/typescript/ast.js';
import { declarationStatements, scriptStatements } from '../../src/emit/typescript/declarations.js';
import { printExpression, printStatement, printStatementWithDocs, printStatements, printType, StatementText } from '../../src/emit/typescript/print.js';
import { dataStatementText, statementText } from '../../src/emit/typescript/print-text.js';

type Given = Statement | TypeNode | Expression;
type Case = [name: string, test: { given: Given; want: string }];

// Builders that keep the table readable.
const id = (name: string): Expression => ({ kind: 'identifier', name });
const str = (value: string): Expression => ({ kind: 'string', value });
const num = (value: number): Expression => ({ kind: 'number', value });
const call = (callee: string, ...args: Expression[]): Expression => ({ kind: 'call', callee, args });
const arrow = (body: Expression): Expression => ({ kind: 'arrow', body });
const arr = (...elements: Expression[]): Expression => ({ kind: 'array', elements });
const asConst = (expression: Expression): Expression => ({ kind: 'asConst', expression });
const obj = (...properties: [key: string, value: Expression, doc?: string[]][]): Expression => ({
  kind: 'object',
  properties: properties.map(([key, value, doc]) => (doc ? { key, value, doc } : { key, value })),
});
const z = (callee: string, ...args: Expression[]): Expression => call(`z.${callee}`, ...args);

const kw = (name: Extract<TypeNode, { kind: 'keyword' }>['name']): TypeNode => ({ kind: 'keyword', name });
const lit = (value: string | number | boolean): TypeNode => ({ kind: 'literal', value });
const ref = (name: string, ...args: TypeNode[]): TypeNode => (args.length > 0 ? { kind: 'reference', name, args } : { kind: 'reference', name });
const union = (...members: TypeNode[]): TypeNode => ({ kind: 'union', members });
const inter = (...members: TypeNode[]): TypeNode => ({ kind: 'intersection', members });
const arrayOf = (element: TypeNode): TypeNode => ({ kind: 'array', element });
const prop = (key: string, type: TypeNode, extra: Partial<PropertySignature> = {}): PropertySignature => ({
  key,
  optional: false,
  type,
  ...extra,
});
const typeLiteral = (...members: PropertySignature[]): TypeNode => ({ kind: 'object', members });

const exportConst = (name: string, init: Expression, type?: TypeNode): Statement =>
  type ? { kind: 'const', name, exported: true, type, init } : { kind: 'const', name, exported: true, init };
const exportType = (name: string, type: TypeNode): Statement => ({ kind: 'typeAlias', name, exported: true, type });

const LONG = 'aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter'; // 62 characters

const STATEMENT_KINDS = new Set(['import', 'importNamespace', 'exportAll', 'interface', 'typeAlias', 'const', 'function', 'lineComment', 'blank']);
const TYPE_KINDS = new Set(['keyword', 'literal', 'reference', 'union', 'intersection']);

function isStatement(given: Given): given is Statement {
  return STATEMENT_KINDS.has(given.kind);
}

function isType(given: Given): given is TypeNode {
  if (TYPE_KINDS.has(given.kind)) return true;
  return (given.kind === 'object' && 'members' in given) || (given.kind === 'array' && 'element' in given);
}

function asStatement(given: Given): Statement {
  if (isStatement(given)) return given;
  if (isType(given)) return { kind: 'typeAlias', name: 'T', exported: false, type: given };
  return { kind: 'const', name: 'x', exported: false, init: given };
}

const cases: Case[] = [
  // ----- imports and exports
  [
    'import: one name',
    {
      given: { kind: 'import', names: [{ name: 'z' }], from: 'zod' },
      want: `import { z } from "zod";`,
    },
  ],
  [
    'import: names fit',
    {
      given: { kind: 'import', names: [{ name: 'a' }, { name: 'B', typeOnly: true }], from: './x.js' },
      want: `import { a, type B } from "./x.js";`,
    },
  ],
  [
    'import: names break one per line',
    {
      given: { kind: 'import', names: [{ name: LONG }, { name: 'Other', typeOnly: true }], from: './runtime.js' },
      want: `import {
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter,
  type Other,
} from "./runtime.js";`,
    },
  ],
  [
    'import: one long name never breaks',
    {
      given: { kind: 'import', names: [{ name: LONG }], from: `./${LONG}.js` },
      want: `import { aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter } from "./aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter.js";`,
    },
  ],
  [
    'import type',
    {
      given: { kind: 'import', names: [{ name: 'A' }, { name: 'B' }], from: 'x', typeOnly: true },
      want: `import type { A, B } from "x";`,
    },
  ],
  [
    'import namespace',
    {
      given: { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
      want: `import * as runtime from "./runtime.js";`,
    },
  ],
  [
    'export all',
    {
      given: { kind: 'exportAll', from: './types.js' },
      want: `export * from "./types.js";`,
    },
  ],
  [
    'export all as',
    {
      given: { kind: 'exportAll', from: './types.js', as: 'types' },
      want: `export * as types from "./types.js";`,
    },
  ],
  [
    'line comment',
    {
      given: { kind: 'lineComment', text: 'Generated by dify-toolgen. Do not edit.' },
      want: `// Generated by dify-toolgen. Do not edit.`,
    },
  ],

  // ----- interfaces and type literals
  [
    'interface: empty',
    {
      given: { kind: 'interface', name: 'Empty', exported: true, members: [] },
      want: `export interface Empty {}`,
    },
  ],
  [
    'interface: members, keys, docs',
    {
      given: {
        kind: 'interface',
        name: 'Pet',
        exported: true,
        doc: ['A pet.', '', 'Second paragraph.'],
        members: [
          prop('id', kw('number')),
          prop('name', union(kw('string'), kw('null')), { optional: true, doc: ['The name'] }),
          prop('tag', union(lit('a'), lit('b'), lit('c')), { optional: true }),
          prop('owner', typeLiteral(prop('id', kw('string'), { optional: true })), { optional: true }),
          prop('tags', ref('Array', kw('string')), { optional: true, readonly: true }),
          prop('x-rate-limit', kw('number')),
          prop('__proto__', kw('string')),
          prop('empty', typeLiteral()),
        ],
      },
      want: `/**
 * A pet.
 *
 * Second paragraph.
 */
export interface Pet {
  id: number;
  /** The name */
  name?: string | null;
  tag?: "a" | "b" | "c";
  owner?: {
    id?: string;
  };
  readonly tags?: Array<string>;
  "x-rate-limit": number;
  __proto__: string;
  empty: {};
}`,
    },
  ],
  [
    'interface: a long union member breaks one member per line',
    {
      given: {
        kind: 'interface',
        name: 'Status',
        exported: false,
        members: [prop('status', union(lit('available'), lit('pending'), lit('sold'), lit('reserved-for-a-customer'), lit('lost'), lit('found')), { optional: true })],
      },
      want: `interface Status {
  status?:
    | "available"
    | "pending"
    | "sold"
    | "reserved-for-a-customer"
    | "lost"
    | "found";
}`,
    },
  ],
  [
    'interface: a huggable union (T | null) never breaks',
    {
      given: { kind: 'interface', name: 'A', exported: true, members: [prop(LONG, union(ref(`runtime.${LONG}`), kw('null')))] },
      want: `export interface A {
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter: runtime.aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter | null;
}`,
    },
  ],

  // ----- type aliases
  [
    'type: union fits',
    {
      given: exportType('Status', union(lit('available'), lit('pending'), lit('sold'))),
      want: `export type Status = "available" | "pending" | "sold";`,
    },
  ],
  [
    'type: union breaks after =',
    {
      given: exportType('Status', union(lit('available'), lit('pending'), lit('sold'), lit('reserved'), lit('lost'), lit('found'))),
      want: `export type Status =
  "available" | "pending" | "sold" | "reserved" | "lost" | "found";`,
    },
  ],
  [
    'type: a long union breaks one member per line',
    {
      given: exportType('Big', union(ref(LONG), ref(`${LONG}Two`), lit('a string literal'), arrayOf(kw('string')), kw('null'))),
      want: `export type Big =
  | aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter
  | aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterTwo
  | "a string literal"
  | string[]
  | null;`,
    },
  ],
  [
    'type: huggable union is fluid',
    {
      given: exportType(`${LONG}Alias`, union(ref(`${LONG}Target`), kw('null'))),
      want: `export type aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterAlias =
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterTarget | null;`,
    },
  ],
  [
    'type: object literal',
    {
      given: exportType('Params', typeLiteral(prop('petId', kw('number')), prop('q', kw('string'), { optional: true }))),
      want: `export type Params = {
  petId: number;
  q?: string;
};`,
    },
  ],
  [
    'type: array of a union fits',
    {
      given: arrayOf(union(kw('string'), kw('number'))),
      want: `type T = (string | number)[];`,
    },
  ],
  [
    'type: array of a union breaks inside ( )',
    {
      given: arrayOf(union(ref(LONG), lit('a long string literal member'))),
      want: `type T = (
  | aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter
  | "a long string literal member"
)[];`,
    },
  ],
  [
    'type: nested unions and intersections keep ( )',
    {
      given: union(ref('A'), union(ref('B'), ref('C')), inter(ref('D'), ref('E'))),
      want: `type T = A | (B | C) | (D & E);`,
    },
  ],
  [
    'type: intersection breaks',
    {
      given: inter(ref(LONG), ref(`${LONG}Two`), kw('object')),
      want: `type T = aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter &
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterTwo &
  object;`,
    },
  ],
  [
    'type: intersection of object literals',
    {
      given: inter(typeLiteral(prop('a', kw('string'))), typeLiteral(prop('b', kw('number')))),
      want: `type T = {
  a: string;
} & {
  b: number;
};`,
    },
  ],
  [
    'type: intersection mixing objects and references',
    {
      given: inter(ref('A'), typeLiteral(prop('a', kw('string'))), ref('B'), typeLiteral(prop('b', kw('number')))),
      want: `type T = A & {
  a: string;
} & B & {
    b: number;
  };`,
    },
  ],
  [
    'type: one simple type argument never breaks',
    {
      given: ref('Array', ref(`${LONG}${LONG}`)),
      want: `type T =
  Array<aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacteraVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter>;`,
    },
  ],
  [
    'type: type arguments break',
    {
      given: ref('Record', kw('string'), ref(LONG), ref('Extra')),
      want: `type T = Record<
  string,
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter,
  Extra
>;`,
    },
  ],
  [
    'type: a union type argument breaks without indent',
    {
      given: ref('Array', union(ref(LONG), lit('another long literal type'))),
      want: `type T = Array<
  | aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter
  | "another long literal type"
>;`,
    },
  ],
  [
    'type: literals',
    {
      given: union(lit(1e21), lit(-0), lit(1.5e-7), lit(0.1 + 0.2), lit(true), lit("it's"), lit('say "hi"'), lit('a\\b\n')),
      want: `type T =
  | 1e21
  | -0
  | 1.5e-7
  | 0.30000000000000004
  | true
  | "it's"
  | 'say "hi"'
  | "a\\\\b\\n";`,
    },
  ],
  [
    'type: one-member union is the member',
    {
      given: union(ref('Only')),
      want: `type T = Only;`,
    },
  ],

  // ----- const declarations (assignment layouts)
  [
    'const: schema with last-argument hugging',
    {
      given: exportConst(
        'Pet',
        z(
          'object',
          obj(
            ['id', z('number')],
            ['name', z('optional', z('nullable', z('string')))],
            ['tag', z('optional', z('union', arr(z('literal', str('a')), z('literal', str('b')), z('literal', str('c')))))],
            ['owner', z('optional', z('lazy', arrow(id('Owner'))))],
          ),
        ),
        ref('z.ZodType', kw('unknown')),
      ),
      want: `export const Pet: z.ZodType<unknown> = z.object({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  tag: z.optional(z.union([z.literal("a"), z.literal("b"), z.literal("c")])),
  owner: z.optional(z.lazy(() => Owner)),
});`,
    },
  ],
  [
    'const: as const object',
    {
      given: exportConst('provider', asConst(obj(['type', str('api')], ['id', str('6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10')]))),
      want: `export const provider = {
  type: "api",
  id: "6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10",
} as const;`,
    },
  ],
  [
    'const: short chain breaks after =',
    {
      given: exportConst(`${LONG}Schema`, z('string')),
      want: `export const aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterSchema =
  z.string();`,
    },
  ],
  [
    'const: long string breaks after =',
    {
      given: exportConst('description', str('A long description that does not fit on the line at all')),
      want: `export const description =
  "A long description that does not fit on the line at all";`,
    },
  ],
  [
    'const: number never breaks after =',
    {
      given: exportConst(`${LONG}Number`, num(12345)),
      want: `export const aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterNumber = 12345;`,
    },
  ],
  [
    'const: negative number is fluid',
    {
      given: exportConst(`${LONG}Number`, num(-12345)),
      want: `export const aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterNumber =
  -12345;`,
    },
  ],
  [
    'const: call with long arguments is fluid',
    {
      given: exportConst('s', z('union', arr(z('literal', str(LONG)), z('literal', str('b'))))),
      want: `export const s = z.union([
  z.literal("aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter"),
  z.literal("b"),
]);`,
    },
  ],
  [
    'const: complex type annotation breaks the left side',
    {
      given: exportConst('s', z('string'), ref('z.ZodType', ref('A'), ref('z.ZodTypeDef', ref(LONG)))),
      want: `export const s: z.ZodType<
  A,
  z.ZodTypeDef<aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter>
> = z.string();`,
    },
  ],
  [
    'const: arrow initializer with a breakable annotation',
    {
      given: exportConst('f', arrow(id(LONG)), ref('Factory', ref(LONG), ref('B'))),
      want: `export const f: Factory<
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter,
  B
> = () => aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter;`,
    },
  ],
  [
    'const: dotted identifier breaks at the dots',
    {
      given: exportConst(LONG, id(`${LONG}.b.c`)),
      want: `export const aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter =
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter.b.c;`,
    },
  ],
  [
    'const: require keeps its string',
    {
      given: exportConst('x', call('require', str(`./${LONG}.js`))),
      want: `export const x = require("./aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter.js");`,
    },
  ],

  // ----- calls
  [
    'call: all arguments broken out with a trailing comma',
    {
      given: call('runtime.invokeTool', id('session'), id('provider'), str('getPetById'), id('GetPetByIdParams'), id('params'), id('options')),
      want: `const x = runtime.invokeTool(
  session,
  provider,
  "getPetById",
  GetPetByIdParams,
  params,
  options,
);`,
    },
  ],
  [
    'call: lazy arrow argument',
    {
      given: z('optional', z('lazy', arrow(id(`${LONG}Schema`)))),
      want: `const x = z.optional(
  z.lazy(
    () => aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacterSchema,
  ),
);`,
    },
  ],
  [
    'call: hugged array argument',
    {
      given: z('enum', arr(str('available'), str('pending'), str('sold'), str('reserved'), str('x'))),
      want: `const x = z.enum(["available", "pending", "sold", "reserved", "x"]);`,
    },
  ],
  [
    'call: hugged arrow with a call body',
    {
      given: z('lazy', arrow(z('array', z('object', obj(['a', z('string')]))))),
      want: `const x = z.lazy(() =>
  z.array(
    z.object({
      a: z.string(),
    }),
  ),
);`,
    },
  ],
  [
    'call: a forced break in a last argument that cannot hug breaks all arguments',
    {
      given: z('record', z('string'), z('object', obj(['a', z('string')]))),
      want: `const x = z.record(
  z.string(),
  z.object({
    a: z.string(),
  }),
);`,
    },
  ],
  [
    'call: head arguments stay inline while the last object breaks',
    {
      given: call('f', id('a'), str('b'), obj(['a', num(1)])),
      want: `const x = f(a, "b", {
  a: 1,
});`,
    },
  ],
  [
    'call: a hugged last arrow breaks its body',
    {
      given: call('f', id('a'), arrow(call('g', id(LONG), id('b')))),
      want: `const x = f(a, () =>
  g(aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter, b),
);`,
    },
  ],
  [
    'call: two functions break all arguments',
    {
      given: call('compose', arrow(id('a')), arrow(id('b'))),
      want: `const x = compose(
  () => a,
  () => b,
);`,
    },
  ],
  [
    'call: a call argument taking a function breaks all arguments',
    {
      given: call('f', id('a'), z('lazy', arrow(id('b')))),
      want: `const x = f(
  a,
  z.lazy(() => b),
);`,
    },
  ],
  [
    'call: no arguments',
    {
      given: call('make'),
      want: `const x = make();`,
    },
  ],
  [
    'call: plain identifier callee breaks its arguments',
    {
      given: call(LONG, str(LONG), num(1)),
      want: `const x = aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter(
  "aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter",
  1,
);`,
    },
  ],
  [
    'call: test-call arguments stay on one line',
    {
      given: call('it', str(`works for ${LONG}`), arrow(call('expect', id('x')))),
      want: `const x =
  it("works for aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter", () =>
    expect(x));`,
    },
  ],

  // ----- objects, arrays, arrows
  [
    'object: keys, docs and layouts of values',
    {
      given: obj(
        ['__proto__', num(1)],
        ['x-rate-limit', str('a')],
        ['id', str(`${LONG} and more text that cannot fit`), ['Short keys keep the value on the line.']],
        [LONG, str('a long string value that moves to the next line')],
        ['nested', obj()],
        ['list', arr()],
        ['ok', num(1e21)],
      ),
      want: `const x = {
  ["__proto__"]: 1,
  "x-rate-limit": "a",
  /** Short keys keep the value on the line. */
  id: "aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter and more text that cannot fit",
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter:
    "a long string value that moves to the next line",
  nested: {},
  list: [],
  ok: 1e21,
};`,
    },
  ],
  [
    'array: fits',
    {
      given: arr(str('a'), num(1), { kind: 'boolean', value: true }, { kind: 'null' }),
      want: `const x = ["a", 1, true, null];`,
    },
  ],
  [
    'array: breaks one per line',
    {
      given: arr(str(LONG), str(LONG)),
      want: `const x = [
  "aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter",
  "aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter",
];`,
    },
  ],
  [
    'array: numbers fill the line',
    {
      given: arr(...Array.from({ length: 30 }, (_, i) => num(i * 101))),
      want: `const x = [
  0, 101, 202, 303, 404, 505, 606, 707, 808, 909, 1010, 1111, 1212, 1313, 1414,
  1515, 1616, 1717, 1818, 1919, 2020, 2121, 2222, 2323, 2424, 2525, 2626, 2727,
  2828, 2929,
];`,
    },
  ],
  [
    'array: objects with several properties always break',
    {
      given: arr(obj(['a', num(1)], ['b', num(2)]), obj(['a', num(3)], ['b', num(4)])),
      want: `const x = [
  {
    a: 1,
    b: 2,
  },
  {
    a: 3,
    b: 4,
  },
];`,
    },
  ],
  [
    'arrow: object body gets ( )',
    {
      given: arrow(obj(['a', num(1)])),
      want: `const x = () => ({
  a: 1,
});`,
    },
  ],
  [
    'arrow: as const object body',
    {
      given: arrow(asConst(obj(['a', num(1)]))),
      want: `const x = () =>
  ({
    a: 1,
  }) as const;`,
    },
  ],
  [
    'arrow: chain',
    {
      given: arrow(arrow(call(LONG, id('x')))),
      want: `const x = () => () =>
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter(x);`,
    },
  ],
  [
    'arrow: chain as a property value',
    {
      given: obj(['key', arrow(arrow(call(LONG, id('x'), id('y'))))]),
      want: `const x = {
  key: () => () =>
    aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter(x, y),
};`,
    },
  ],
  [
    'arrow: as const needs ( )',
    {
      given: asConst(arrow(id('x'))),
      want: `const x = (() => x) as const;`,
    },
  ],

  // ----- functions
  [
    'function: wrapper with broken parameters and arguments',
    {
      given: {
        kind: 'function',
        name: 'getPetById',
        exported: true,
        doc: ['Find pet by ID'],
        params: [
          { name: 'session', optional: false, type: ref('runtime.DifySession') },
          { name: 'params', optional: false, type: ref('GetPetByIdParams') },
          { name: 'options', optional: true, type: ref('runtime.InvokeOptions') },
        ],
        returnType: ref('runtime.ToolCall'),
        returns: call('runtime.invokeTool', id('session'), id('provider'), str('getPetById'), id('GetPetByIdParams'), id('params'), id('options')),
      },
      want: `/** Find pet by ID */
export function getPetById(
  session: runtime.DifySession,
  params: GetPetByIdParams,
  options?: runtime.InvokeOptions,
): runtime.ToolCall {
  return runtime.invokeTool(
    session,
    provider,
    "getPetById",
    GetPetByIdParams,
    params,
    options,
  );
}`,
    },
  ],
  [
    'function: fits on one line',
    {
      given: { kind: 'function', name: 'f', exported: false, params: [{ name: 'a', optional: false, type: kw('string') }], returnType: kw('string'), returns: id('a') },
      want: `function f(a: string): string {
  return a;
}`,
    },
  ],
  [
    'function: a lone object parameter is hugged',
    {
      given: {
        kind: 'function',
        name: 'configure',
        exported: true,
        params: [{ name: 'options', optional: false, type: typeLiteral(prop('verbose', kw('boolean'), { optional: true }), prop(LONG, kw('string'))) }],
        returnType: kw('boolean'),
        returns: { kind: 'boolean', value: true },
      },
      want: `export function configure(options: {
  verbose?: boolean;
  aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter: string;
}): boolean {
  return true;
}`,
    },
  ],
  [
    'function: a long return union breaks',
    {
      given: {
        kind: 'function',
        name: 'pick',
        exported: true,
        params: [],
        returnType: union(lit('available'), lit('pending'), lit('sold'), lit('reserved'), lit('lost-and-found')),
        returns: str('sold'),
      },
      want: `export function pick():
  "available" | "pending" | "sold" | "reserved" | "lost-and-found" {
  return "sold";
}`,
    },
  ],
];

function print(given: Given): string {
  return printStatement(asStatement(given));
}

describe('print', () => {
  it.each(cases)('%s', async (_name, { given, want }) => {
    expect(print(given)).toBe(want);
    expect(await prettier.format(`${want}\n`, { parser: 'typescript' })).toBe(`${want}\n`);
  });

  it('joins statements, keeping at most one blank line and ending with one newline', () => {
    const statements: Statement[] = [
      { kind: 'blank' },
      { kind: 'lineComment', text: 'header  ' },
      { kind: 'blank' },
      { kind: 'blank' },
      { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
      { kind: 'blank' },
    ];
    expect(printStatements(statements)).toBe('// header\n\nimport * as runtime from "./runtime.js";\n');
    expect(printStatements([])).toBe('');
  });

  const header: Statement = { kind: 'lineComment', text: 'header' };
  const runtime: Statement = { kind: 'importNamespace', name: 'runtime', from: './runtime.js' };
  const blank: Statement = { kind: 'blank' };
  const HEADER = '// header';
  const RUNTIME = 'import * as runtime from "./runtime.js";';
  it.each<[string, { given: Statement[][]; want: string }]>([
    ['one group', { given: [[header, runtime]], want: `${HEADER}\n${RUNTIME}\n` }],
    ['a blank line that ends a group waits for the next statement', { given: [[header, blank], [runtime]], want: `${HEADER}\n\n${RUNTIME}\n` }],
    ['blank lines at the start of each group collapse to one', { given: [[blank, header], [blank], [blank, runtime, blank]], want: `${HEADER}\n\n${RUNTIME}\n` }],
    ['no blank line before the first statement or after the last', { given: [[blank], [blank, header], [blank], [blank]], want: `${HEADER}\n` }],
    ['nothing printed: empty', { given: [[], [blank], [blank]], want: '' }],
  ])('prints statements a group at a time as printStatements prints them at once: %s', (_name, { given, want }) => {
    const text = new StatementText();
    for (const group of given) text.add(group);
    expect(text.done()).toBe(want);
    expect(printStatements(given.flat())).toBe(want);
  });

  it('prints bare types and expressions for debugging', () => {
    expect(printType(union(ref('A'), kw('null')))).toBe('A | null');
    expect(printExpression(z('optional', z('string')))).toBe('z.optional(z.string())');
  });

  it('rejects numbers that have no literal', () => {
    expect(() => print(num(Number.NaN))).toThrow(/NaN/);
  });

  it.each(['café', '中文é', 'a\u200cb', 'x\u0301'])('prints the key %j as prettier does', async (key) => {
    const printed = printStatements([exportConst('x', obj([key, num(1)]))]);
    expect(await prettier.format(printed, { parser: 'typescript' })).toBe(printed);
  });

  it('matches prettier on 300 random ASTs (seed 1)', async () => {
    const { failures, checked } = await runFuzz(300, 1);
    expect(checked).toBe(300);
    expect(failures.map((f) => JSON.stringify(f.statements))).toEqual([]);
  });
});

describe('plain-data consts, printed without the doc printer', () => {
  const data = (init: Expression, extra: Partial<Extract<Statement, { kind: 'const' }>> = {}): Statement => ({ kind: 'const', name: 'requests', exported: true, type: ref('runtime.ApiRequests'), init, ...extra });
  const long = 'x'.repeat(70);
  const cases: Array<[string, Statement]> = [
    ['nested objects and arrays of objects', data(obj(['server', str('https://x.example')], ['tools', obj(['a', obj(['method', str('get'), undefined], ['parameters', arr(obj(['name', str('q')], ['in', str('query')]), obj(['name', str('p')], ['required', { kind: 'boolean', value: true }]))])])]))],
    ['an array of strings that fits, and one that does not', data(obj(['short', arr(str('a'), str('b'))], ['names', arr(...Array.from({ length: 12 }, (_, i) => str(`parameter${i}`)))]))],
    ['a long string under a short key stays on its line', data(obj(['path', str(`/${long}/{id}`)]))],
    ['a long string under a longer key moves after the colon', data(obj(['default', str(long)]))],
    ['a key too long for its object to open on its line', data(obj(['tools', obj([`copilot/${long}`, obj(['method', str('get')])])]))],
    ['numbers, null, negative numbers, empty object and array', data(obj(['default', num(20)], ['minimum', num(-1.5)], ['value', { kind: 'null' }], ['o', obj()], ['a', arr()]))],
    ['an as const table with a doc', data(asConst(obj(['listPets', obj(['toolName', str('listPets')], ['parameters', arr(str('limit'), str('status'))])])), { type: undefined, name: 'tools', doc: ['Every wrapper.'] })],
    ['empty objects in an array stay on one line', data(obj(['anyOf', arr(obj(), obj(), arr())], ['allOf', arr(obj(), obj(['a', str('x')]))]))],
    ['a key that needs quotes, and __proto__', data(obj(['X-Request-Id', str('a')], ['__proto__', str('b')]))],
  ];
  it.each(cases)('%s: as prettier prints it', async (_name, statement) => {
    const text = printStatement(statement);
    expect(dataStatementText(statement)).toBe(text);
    expect(text).toBe(printStatementWithDocs(statement));
    expect(await prettier.format(`${text}\n`, { parser: 'typescript' })).toBe(`${text}\n`);
  });

  it.each([
    ['an array of numbers (prettier fills it)', data(obj(['enum', arr(num(1), num(2))]))],
    ['a key naming an Object member (its literal gets as const)', data(obj(['toString', str('x')]))],
    ['non-ASCII text (prettier measures its width)', data(obj(['label', str('天气')]))],
    ['a doc on a property', data(obj(['a', str('x'), ['A doc.']]))],
  ])('%s: left to the doc printer, with the same result', async (_name, statement) => {
    expect(dataStatementText(statement)).toBeUndefined();
    const text = printStatement(statement);
    expect(text).toBe(printStatementWithDocs(statement));
    expect(await prettier.format(`${text}\n`, { parser: 'typescript' })).toBe(`${text}\n`);
  });
});

describe('interfaces, type aliases and wrappers, printed without the doc printer', () => {
  const iface = (name: string, members: PropertySignature[], extra: Partial<Extract<Statement, { kind: 'interface' }>> = {}): Statement => ({ kind: 'interface', name, exported: true, members, ...extra });
  const alias = (name: string, type: TypeNode, doc?: string[]): Statement => ({ kind: 'typeAlias', name, exported: true, type, ...(doc ? { doc } : {}) });
  const states = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending', 'action_required', 'cancelled', 'neutral'].map(lit);
  const param = (name: string, type: TypeNode, optional = false) => ({ name, optional, type });
  const wrapper = (name: string, returns: Expression, returnType: TypeNode = ref('runtime.ToolCall')): Statement => ({
    kind: 'function',
    name,
    exported: true,
    doc: ['Lists pets.', '', 'Dify tool `listPets` · `GET /pets`'],
    params: [param('session', ref('runtime.DifySession')), param('params', ref('ListPetsParams'), true), param('options', ref('runtime.InvokeOptions'), true)],
    returnType,
    returns,
  });
  const args = [id('session'), id('provider'), str('listPets'), id('ListPetsParams'), id('params'), id('options')];
  const define = (name: string, text: string): Statement => ({ kind: 'const', name, exported: true, type: ref('v.Validator'), init: call('$validators.define', str(name), str(text)) });
  const cases: Case[] = [
    ['validator const: on one line', { given: define('Pet', '"string"'), want: `export const Pet: v.Validator = $validators.define("Pet", '"string"');` }],
    [
      'validator const: one argument a line',
      {
        given: define('Owner', '["object",{"name":"string","referredBy":["optional","#Owner"]}]'),
        want: `export const Owner: v.Validator = $validators.define(
  "Owner",
  '["object",{"name":"string","referredBy":["optional","#Owner"]}]',
);`,
      },
    ],
    [
      'validator const: a name too long for the call after =, so the line breaks after it',
      {
        given: define('ActionsCreateOrUpdateEnvironmentSecretParams', '"string"'),
        want: `export const ActionsCreateOrUpdateEnvironmentSecretParams: v.Validator =
  $validators.define(
    "ActionsCreateOrUpdateEnvironmentSecretParams",
    '"string"',
  );`,
      },
    ],
    [
      'validator const: after =, the call on one line',
      {
        given: define('ActionsCreateOrUpdateEnvironmentSecretParam', '"a"'),
        want: `export const ActionsCreateOrUpdateEnvironmentSecretParam: v.Validator =
  $validators.define("ActionsCreateOrUpdateEnvironmentSecretParam", '"a"');`,
      },
    ],
    ['interface: empty', { given: iface('MetaRootParams', [], { doc: ['Parameters of metaRoot (GET /).'] }), want: `/** Parameters of metaRoot (GET /). */\nexport interface MetaRootParams {}` }],
    [
      'interface: docs, optional, readonly and quoted keys, an index signature',
      {
        given: iface('Pet', [prop('id', kw('number'), { doc: ['The id.'] }), prop('X-Tag', kw('string'), { optional: true, readonly: true, doc: ['One.', 'Two.'] })], { doc: ['A pet.', '', 'From the store.'], index: kw('unknown') }),
        want: `/**
 * A pet.
 *
 * From the store.
 */
export interface Pet {
  /** The id. */
  id: number;
  /**
   * One.
   * Two.
   */
  readonly "X-Tag"?: string;
  [key: string]: unknown;
}`,
      },
    ],
    [
      'interface: a union that fits on the next line',
      {
        given: iface('Run', [prop('status_of_the_workflow_run_in_this_repository', union(...states.slice(0, 5)), { optional: true })]),
        want: `export interface Run {
  status_of_the_workflow_run_in_this_repository?:
    "queued" | "in_progress" | "completed" | "waiting" | "requested";
}`,
      },
    ],
    [
      'interface: a union one member a line',
      {
        given: iface('Run', [prop('status', union(...states))]),
        want: `export interface Run {
  status:
    | "queued"
    | "in_progress"
    | "completed"
    | "waiting"
    | "requested"
    | "pending"
    | "action_required"
    | "cancelled"
    | "neutral";
}`,
      },
    ],
    [
      'interface: nested objects, an array of objects, an object or null',
      {
        given: iface('Cache', [
          prop('caches', arrayOf(typeLiteral(prop('id', kw('number'), { optional: true }), prop('owner', union(typeLiteral(prop('login', kw('string'))), kw('null')))))),
          prop('meta', typeLiteral(prop('etag', kw('string'), { doc: ['Its etag.'] })), { optional: true }),
        ]),
        want: `export interface Cache {
  caches: {
    id?: number;
    owner: {
      login: string;
    } | null;
  }[];
  meta?: {
    /** Its etag. */
    etag: string;
  };
}`,
      },
    ],
    [
      'interface: an array of a union that holds an object',
      {
        given: iface('Event', [prop('payload', arrayOf(union(kw('string'), typeLiteral(prop('ref', kw('string'))))))]),
        want: `export interface Event {
  payload: (
    | string
    | {
        ref: string;
      }
  )[];
}`,
      },
    ],
    [
      'interface: type arguments one a line',
      {
        given: iface('Rates', [prop('limits_by_resource_name', ref('Record', kw('string'), union(ref('RateLimitOverview'), ref('RateLimitDetails'), kw('null'))))]),
        want: `export interface Rates {
  limits_by_resource_name: Record<
    string,
    RateLimitOverview | RateLimitDetails | null
  >;
}`,
      },
    ],
    ['type alias: on one line', { given: alias('Id', union(kw('string'), kw('number')), ['An id.']), want: `/** An id. */\nexport type Id = string | number;` }],
    [
      'type alias: a union breaks after =, its members on one line',
      {
        given: alias('ActionsWorkflowRunStatusInThisRepository', union(...states.slice(0, 4))),
        want: `export type ActionsWorkflowRunStatusInThisRepository =\n  "queued" | "in_progress" | "completed" | "waiting";`,
      },
    ],
    [
      'type alias: a union one member a line',
      {
        given: alias('Status', union(...states.slice(0, 4), ref(LONG))),
        want: `export type Status =
  | "queued"
  | "in_progress"
  | "completed"
  | "waiting"
  | aVeryLongIdentifierNameThatKeepsGoingAndGoingForSixtyCharacter;`,
      },
    ],
    [
      'type alias: an object starts after =',
      {
        given: alias('Body', arrayOf(typeLiteral(prop('name', kw('string')), prop('description', kw('string'))))),
        want: `export type Body = {
  name: string;
  description: string;
}[];`,
      },
    ],
    [
      'type alias: an intersection one member a line',
      {
        given: alias('Detailed', inter(ref('RepositoryRuleCreation'), ref('RepositoryRuleRulesetInfo'), ref('RepositoryRuleUpdate'))),
        want: `export type Detailed = RepositoryRuleCreation &\n  RepositoryRuleRulesetInfo &\n  RepositoryRuleUpdate;`,
      },
    ],
    [
      'type alias: objects in an intersection, indented after its second member',
      {
        given: alias('Merged', inter(ref('Base'), ref('Extra'), typeLiteral(prop('id', kw('number'))), typeLiteral(prop('name', kw('string'))))),
        want: `export type Merged = Base &
  Extra & {
    id: number;
  } & {
    name: string;
  };`,
      },
    ],
    [
      'type alias: an intersection with a union of objects',
      {
        given: alias('Collaborator', inter(kw('object'), union(inter(ref('SimpleUser'), typeLiteral(prop('actor_type', lit('User')))), typeLiteral(prop('actor_type', lit('Team')), prop('id', kw('number')))))),
        want: `export type Collaborator = object &
  (
    | (SimpleUser & {
        actor_type: "User";
      })
    | {
        actor_type: "Team";
        id: number;
      }
  );`,
      },
    ],
    [
      'interface: an object in an intersection stays on its line',
      {
        given: iface('Release', [prop('release', inter(ref('Release'), typeLiteral(prop('is_short', kw('boolean')))))]),
        want: `export interface Release {
  release: Release & {
    is_short: boolean;
  };
}`,
      },
    ],
    [
      'type alias: a type without a line break moves to the next line',
      { given: alias(`${LONG}Result`, ref('ActionsCacheUsageOrgEnterprise')), want: `export type ${LONG}Result =\n  ActionsCacheUsageOrgEnterprise;` },
    ],
    [
      'type alias: an object after a name too long for its brace',
      { given: alias(`${LONG}Result`, typeLiteral(prop('id', kw('number')))), want: `export type ${LONG}Result =\n  {\n    id: number;\n  };` },
    ],
    [
      // 66 characters, but 92 columns: prettier counts each of these characters 2.
      'type alias: the width of wide characters',
      {
        given: alias('Weather', union(lit('晴天晴天晴天晴天'), lit('多云多云多云多云'), lit('小雨小雨小雨小雨'), lit('大雪'))),
        want: `export type Weather =\n  "晴天晴天晴天晴天" | "多云多云多云多云" | "小雨小雨小雨小雨" | "大雪";`,
      },
    ],
    [
      // 87 UTF-16 units, 47 columns: combining marks count 0, so the union stays on its line.
      'interface: a union longer than the line in units, narrower in columns',
      {
        given: iface('Accents', [prop('a_property_name_long_enough_to_break_it', union(lit('x\u0301'.repeat(20)), lit('y\u0301'.repeat(20))))]),
        want: `export interface Accents {\n  a_property_name_long_enough_to_break_it:\n    "${'x\u0301'.repeat(20)}" | "${'y\u0301'.repeat(20)}";\n}`,
      },
    ],
    [
      // The key's line ends in no space, and the union's printable text alone is wider than the line.
      'interface: a union of literals wider than the line, after its key',
      {
        given: iface('Steps', [prop('step', union(...states))]),
        want: `export interface Steps {\n  step:\n${states.map((s) => `    | "${(s as { value: string }).value}"`).join('\n')};\n}`,
      },
    ],
    [
      'validator const: a long text that is narrow in columns stays on one line',
      { given: define('Accent', `"${'e\u0301'.repeat(10)}"`), want: `export const Accent: v.Validator = $validators.define("Accent", '"${'e\u0301'.repeat(10)}"');` },
    ],
    [
      'wrapper: the result validators hug the last argument',
      {
        given: wrapper('metaRoot', call('runtime.invokeTool', ...args.slice(0, 3), id('P'), id('params'), id('options'), obj(['json', id('R')]))),
        want: `/**
 * Lists pets.
 *
 * Dify tool \`listPets\` · \`GET /pets\`
 */
export function metaRoot(
  session: runtime.DifySession,
  params?: ListPetsParams,
  options?: runtime.InvokeOptions,
): runtime.ToolCall {
  return runtime.invokeTool(session, provider, "listPets", P, params, options, {
    json: R,
  });
}`,
      },
    ],
    [
      'wrapper: arguments one a line, type arguments on the line of ):',
      {
        given: wrapper('listPets', call('runtime.invokeTool', ...args, obj(['json', id('ListPetsResult')], ['body', id('ListPetsBody')])), ref('runtime.ToolCall', ref('ListPetsResult'), ref('Record', kw('string'), kw('unknown')), ref('ListPetsBody'))),
        want: `/**
 * Lists pets.
 *
 * Dify tool \`listPets\` · \`GET /pets\`
 */
export function listPets(
  session: runtime.DifySession,
  params?: ListPetsParams,
  options?: runtime.InvokeOptions,
): runtime.ToolCall<ListPetsResult, Record<string, unknown>, ListPetsBody> {
  return runtime.invokeTool(
    session,
    provider,
    "listPets",
    ListPetsParams,
    params,
    options,
    {
      json: ListPetsResult,
      body: ListPetsBody,
    },
  );
}`,
      },
    ],
    [
      'wrapper: two objects put every argument on its line; a long key moves its string',
      {
        given: wrapper('listPets', call('runtime.invokeEncodedTool', ...args, obj(['tags', str('json')], [`${LONG}_filter`, str('json')]), obj(['json', id('ListPetsResult')]))),
        want: `/**
 * Lists pets.
 *
 * Dify tool \`listPets\` · \`GET /pets\`
 */
export function listPets(
  session: runtime.DifySession,
  params?: ListPetsParams,
  options?: runtime.InvokeOptions,
): runtime.ToolCall {
  return runtime.invokeEncodedTool(
    session,
    provider,
    "listPets",
    ListPetsParams,
    params,
    options,
    {
      tags: "json",
      ${LONG}_filter:
        "json",
    },
    {
      json: ListPetsResult,
    },
  );
}`,
      },
    ],
    [
      'function: a signature and a call on one line each',
      {
        given: { kind: 'function', name: 'f', exported: false, params: [param('a', kw('string'))], returnType: kw('number'), returns: call('g', id('a'), num(-1), { kind: 'null' }) },
        want: `function f(a: string): number {\n  return g(a, -1, null);\n}`,
      },
    ],
    [
      'function: no parameters, a union return type after ():',
      {
        given: { kind: 'function', name: 'pick', exported: true, params: [], returnType: union(...['available', 'pending', 'sold', 'reserved', 'lost-and-found'].map(lit)), returns: str('sold') },
        want: `export function pick():\n  "available" | "pending" | "sold" | "reserved" | "lost-and-found" {\n  return "sold";\n}`,
      },
    ],
    [
      'declare function: type arguments one a line',
      {
        given: { kind: 'declareFunction', name: 'list', exported: true, params: [param('session', ref('runtime.DifySession'))], returnType: ref('runtime.ToolCall', ref('ActionsListWorkflowRunArtifactsResult'), ref('Record', kw('string'), kw('unknown'))) },
        want: `export declare function list(
  session: runtime.DifySession,
): runtime.ToolCall<
  ActionsListWorkflowRunArtifactsResult,
  Record<string, unknown>
>;`,
      },
    ],
    [
      'declare const: a readonly object type, a tuple one member a line',
      {
        given: {
          kind: 'declareConst',
          name: 'tools',
          exported: true,
          doc: ['Every wrapper.'],
          type: typeLiteral(prop('listPets', { kind: 'tuple', readonly: true, elements: ['limit', 'status', 'tags', 'owner', 'sort_by_creation_date'].map((n) => ({ type: lit(n), optional: false })) }, { readonly: true })),
        },
        want: `/** Every wrapper. */
export declare const tools: {
  readonly listPets: readonly [
    "limit",
    "status",
    "tags",
    "owner",
    "sort_by_creation_date",
  ];
};`,
      },
    ],
    ['declare const: a validator', { given: { kind: 'declareConst', name: 'Pet', exported: true, type: ref('v.Validator') }, want: 'export declare const Pet: v.Validator;' }],
    [
      'script function: parameters one a line',
      {
        given: { kind: 'scriptFunction', name: `${LONG}Wrapper`, exported: true, params: ['session', 'params', 'options'], returns: call('runtime.invokeTool', id('session'), id('provider'), str('x'), obj(['json', id('R')])) },
        want: `export function ${LONG}Wrapper(
  session,
  params,
  options,
) {
  return runtime.invokeTool(session, provider, "x", {
    json: R,
  });
}`,
      },
    ],
  ];

  it.each(cases)('%s', async (_name, { given, want }) => {
    const statement = given as Statement;
    expect(statementText(statement)).toBe(want);
    expect(printStatementWithDocs(statement)).toBe(want);
    expect(await prettier.format(`${want}\n`, { parser: 'typescript' })).toBe(`${want}\n`);
  });

  it('prints what the doc printer prints on 2,000 random modules (seed 7), in the .ts, .d.ts and .js shapes', () => {
    const generator = new CaseGenerator(createRandom(7));
    const differences: string[] = [];
    const printed: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const statements = generator.statements();
      // A const is declared by its type; a random one without (its `as const` may hold calls,
      // which no generated table does) is left out of the .d.ts here: the corpus test has the tables.
      const declarable = statements.filter((s) => s.kind !== 'const' || s.type !== undefined);
      for (const statement of [...statements, ...declarationStatements(declarable), ...scriptStatements(statements)]) {
        const text = statementText(statement);
        if (text === undefined) continue;
        printed[statement.kind] = (printed[statement.kind] ?? 0) + 1;
        if (text !== printStatementWithDocs(statement)) differences.push(JSON.stringify(statement));
      }
    }
    expect(differences).toEqual([]);
    // Every kind of the fast path is reached, most of them hundreds of times.
    for (const kind of ['interface', 'typeAlias', 'function', 'declareConst', 'declareFunction', 'scriptFunction', 'const']) expect(printed[kind]).toBeGreaterThan(100);
  });

  it.each([
    ['a lone object parameter (hugged)', { kind: 'function', name: 'configure', exported: true, params: [param('options', typeLiteral(prop('verbose', kw('boolean'))))], returnType: kw('boolean'), returns: { kind: 'boolean', value: true } } as Statement],
    ['a call taking a function', { kind: 'function', name: 'lazy', exported: true, params: [], returnType: ref('v.Validator'), returns: call('v.lazy', arrow(id('Pet'))) } as Statement],
    ['an argument that is a member chain of three', { kind: 'function', name: 'f', exported: true, params: [], returnType: kw('unknown'), returns: call('g', id('a.b.c')) } as Statement],
    ['a validator const', exportConst('Pet', z('object', obj(['id', z('number')])), ref('v.Validator'))],
  ])('%s: left to the doc printer', async (_name, statement) => {
    expect(statementText(statement)).toBeUndefined();
    const text = printStatement(statement);
    expect(text).toBe(printStatementWithDocs(statement));
    expect(await prettier.format(`${text}\n`, { parser: 'typescript' })).toBe(`${text}\n`);
  });
});
