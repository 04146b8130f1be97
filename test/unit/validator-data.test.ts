/**
 * Validators as data: the emitter writes each validator const as `$validators.define("Name",
 * '<JSON>')` in the module's registry (src/emit/typescript/schema.ts, `validatorConst`,
 * `registryConst`), and templates/validators.ts
 * decodes it into the zod schema the builder calls would have built. Each row gives the
 * builder calls as the generated modules used to write them; the test encodes them through
 * the emitter, prints the JavaScript statements (the `.js` of the declarations shape, and the
 * `.ts` module's code without its annotation), runs them, and checks that the decoded
 * validators give the same verdicts, issue codes, paths and messages as the builders called
 * directly, on every value of the row.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4-mini';
import type { Expression, Statement } from '../../src/emit/typescript/ast.js';
import { printStatement, printStatements } from '../../src/emit/typescript/print.js';
import { call, registryConst, validatorConst, validatorText } from '../../src/emit/typescript/schema.js';
import { expressionOf } from './builder-calls.js';
import * as v from '../../templates/validators.js';
import { verdict } from './helpers.js';

type Validators = Record<string, v.Validator>;

/** Runs JavaScript statements declaring `names` with the validators module as `v`; returns the validators. */
function run(code: string, names: readonly string[]): Validators {
  return new Function('v', `${code}\nreturn { ${names.join(', ')} };`)(v) as Validators;
}

/** What the builders called directly make of the consts (`name = <builder calls>`, in order). */
function direct(consts: ReadonlyArray<[string, string]>): Validators {
  return run(consts.map(([name, code]) => `const ${name} = ${code};`).join('\n'), consts.map(([name]) => name));
}

/** A const statement as JavaScript (the `.js` of the declarations shape). */
function script(statement: Statement): Statement {
  if (statement.kind !== 'const') throw new Error('test: a const is expected');
  return { kind: 'scriptConst', name: statement.name, exported: false, init: statement.init };
}

/** The consts as the emitter writes them: the registry, then the validator statements, printed as JavaScript. */
function dataStatements(consts: ReadonlyArray<[string, string]>): Statement[] {
  return [registryConst(), ...consts.map(([name, code]) => validatorConst(name, validatorText(expressionOf(code))))].map(script);
}

/** The encoded JSON texts of the consts, in order. */
function encodings(consts: ReadonlyArray<[string, string]>): string[] {
  return dataStatements(consts)
    .slice(1)
    .map((s) => {
      const init = s.kind === 'scriptConst' ? s.init : undefined;
      const text = init?.kind === 'call' ? init.args[1] : undefined;
      if (text?.kind !== 'string') throw new Error('test: define takes the name, then the text');
      return text.value;
    });
}

interface Row {
  /** Named validators as builder calls, in declaration order; the last one is checked. */
  consts: Array<[string, string]>;
  /** The encoding of each const, in order. */
  encoded: string[];
  values: unknown[];
  /** Whether each value is accepted. */
  accepted: boolean[];
}

const ROWS: Array<[string, Row]> = [
  ['string', { consts: [['S', 'v.string()']], encoded: ['"string"'], values: ['a', 1, null], accepted: [true, false, false] }],
  [
    'string with constraints, the pattern holding quotes, backslashes and a line separator',
    {
      consts: [['S', 'v.string({ minLength: 2, maxLength: 4, pattern: "^[\\\\d\'\\"\\u2028]+$" })']],
      encoded: ['["string",{"minLength":2,"maxLength":4,"pattern":"^[\\\\d\'\\"\u2028]+$"}]'],
      values: ['12', "1'\"", '1\u2028', '1', '12345', '1a'],
      accepted: [true, true, true, false, false, false],
    },
  ],
  ['string with a format', { consts: [['S', 'v.string({ format: "email" })']], encoded: ['["string",{"format":"email"}]'], values: ['a@b.co', 'ab'], accepted: [true, false] }],
  ['number', { consts: [['S', 'v.number({ min: -1.5, exclusiveMax: 10, multipleOf: 0.5 })']], encoded: ['["number",{"min":-1.5,"exclusiveMax":10,"multipleOf":0.5}]'], values: [-1.5, 9.5, 10, -2, 0.25, '1'], accepted: [true, true, false, false, false, false] }],
  ['integer', { consts: [['S', 'v.integer({ max: 1e21 })']], encoded: ['["integer",{"max":1e+21}]'], values: [3, 3.5, 2e21], accepted: [true, false, false] }],
  ['boolean', { consts: [['S', 'v.boolean()']], encoded: ['"boolean"'], values: [false, 'true'], accepted: [true, false] }],
  ['null', { consts: [['S', 'v.null()']], encoded: ['"null"'], values: [null, undefined, 0], accepted: [true, false, false] }],
  ['unknown', { consts: [['S', 'v.unknown()']], encoded: ['"unknown"'], values: [null, { a: 1 }], accepted: [true, true] }],
  ['never', { consts: [['S', 'v.never()']], encoded: ['"never"'], values: [null, 1], accepted: [false, false] }],
  ['literal', { consts: [['S', 'v.literal(-2)']], encoded: ['["literal",-2]'], values: [-2, 2, '-2'], accepted: [true, false, false] }],
  ['enum', { consts: [['S', 'v.enum(["a", "string"])']], encoded: ['["enum",["a","string"]]'], values: ['a', 'string', 'b'], accepted: [true, true, false] }],
  ['values: deep equality with plain data (builder names in it are data)', { consts: [['S', 'v.values([{ a: [1, "string"] }, ["never"], null])']], encoded: ['["values",[{"a":[1,"string"]},["never"],null]]'], values: [{ a: [1, 'string'] }, ['never'], null, { a: [1] }, 'never'], accepted: [true, true, true, false, false] }],
  ['nullable', { consts: [['S', 'v.nullable(v.string())']], encoded: ['["nullable","string"]'], values: [null, 'a', 1], accepted: [true, true, false] }],
  ['optional and present in a shape', { consts: [['S', 'v.object({ a: v.optional(v.integer()), b: v.present() })']], encoded: ['["object",{"a":["optional","integer"],"b":"present"}]'], values: [{ b: null }, { a: 1, b: 0 }, { a: 1 }, { a: 'x', b: 1 }], accepted: [true, true, false, false] }],
  ['allOf', { consts: [['S', 'v.allOf([v.string({ minLength: 2 }), v.string({ maxLength: 3 })])']], encoded: ['["allOf",[["string",{"minLength":2}],["string",{"maxLength":3}]]]'], values: ['abc', 'a', 'abcd'], accepted: [true, false, false] }],
  ['union', { consts: [['S', 'v.union([v.string(), v.integer()])']], encoded: ['["union",["string","integer"]]'], values: ['a', 1, 1.5, null], accepted: [true, true, false, false] }],
  ['oneOf', { consts: [['S', 'v.oneOf([v.number(), v.integer()])']], encoded: ['["oneOf",["number","integer"]]'], values: [1.5, 1, 'a'], accepted: [true, false, false] }],
  ['not', { consts: [['S', 'v.not(v.string())']], encoded: ['["not","string"]'], values: [1, 'a'], accepted: [true, false] }],
  ['ifType', { consts: [['S', 'v.ifType("string", v.string({ minLength: 3 }))']], encoded: ['["ifType","string",["string",{"minLength":3}]]'], values: ['abc', 1, 'ab'], accepted: [true, true, false] }],
  ['array', { consts: [['S', 'v.array(v.integer(), { minItems: 1, uniqueItems: true })']], encoded: ['["array","integer",{"minItems":1,"uniqueItems":true}]'], values: [[1, 2], [], [1, 1], ['a']], accepted: [true, false, false, false] }],
  ['tuple with a rest', { consts: [['S', 'v.tuple([v.string()], v.integer(), { maxItems: 3 })']], encoded: ['["tuple",["string"],"integer",{"maxItems":3}]'], values: [['a', 1, 2], ['a', 'b'], ['a', 1, 2, 3]], accepted: [true, false, false] }],
  ['tuple closed (rest null)', { consts: [['S', 'v.tuple([v.string(), v.boolean()], null)']], encoded: ['["tuple",["string","boolean"],null]'], values: [['a', true], ['a', true, 1]], accepted: [true, false] }],
  [
    'object with additional, patterns and property counts',
    {
      consts: [['S', 'v.object({ id: v.integer() }, { additional: v.string(), patterns: [["^x-", v.boolean()]], minProperties: 1, maxProperties: 3 })']],
      encoded: ['["object",{"id":"integer"},{"additional":"string","patterns":[["^x-","boolean"]],"minProperties":1,"maxProperties":3}]'],
      values: [{ id: 1, name: 'n', 'x-a': true }, {}, { id: 1, name: 2 }, { 'x-a': 'no' }, { a: 'a', b: 'b', c: 'c', d: 'd' }],
      accepted: [true, false, false, false, false],
    },
  ],
  ['object refusing other keys (additional: false)', { consts: [['S', 'v.object({}, { additional: false })']], encoded: ['["object",{},{"additional":false}]'], values: [{}, { a: 1 }], accepted: [true, false] }],
  // zod reads a shape's keys by assignment, so neither form checks `__proto__` (the builders never did).
  ['object with a __proto__ property: encoded as a key, read as the builders read it', { consts: [['S', 'v.object({ ["__proto__"]: v.string() })']], encoded: ['["object",{"__proto__":"string"}]'], values: [JSON.parse('{"__proto__":"x"}'), JSON.parse('{"__proto__":1}'), {}], accepted: [true, true, true] }],
  ['object keys in document order, an integer-like key included', { consts: [['S', 'v.object({ b: v.string(), "1": v.integer() })']], encoded: ['["object",{"b":"string","1":"integer"}]'], values: [{ b: 'x', 1: 2 }, { b: 'x', 1: 'y' }], accepted: [true, false] }],
  ['strictObject (tool parameters)', { consts: [['S', 'v.strictObject({ q: v.string(), n: v.optional(v.integer()) })']], encoded: ['["strictObject",{"q":"string","n":["optional","integer"]}]'], values: [{ q: 'a' }, { q: 'a', n: 1.5 }, { q: 'a', x: 1 }, {}], accepted: [true, false, false, false] }],
  ['record', { consts: [['S', 'v.record(v.array(v.string()))']], encoded: ['["record",["array","string"]]'], values: [{ a: ['b'] }, { a: 'b' }, []], accepted: [true, false, false] }],
  ['file', { consts: [['S', 'v.file()']], encoded: ['"file"'], values: [{ url: 'https://f.test/a.png' }, { name: 'a' }, 'a'], accepted: [true, false, false] }],
  [
    'references by name: a forward reference, a lone alias',
    {
      consts: [
        ['Pair', 'v.object({ left: v.lazy(() => Leaf), right: v.lazy(() => Tag), other: v.optional(v.lazy(() => Leaf)) })'],
        ['Leaf', 'v.integer({ min: 0 })'],
        ['Tag', 'v.enum(["a", "b"])'],
        ['Alias', 'v.lazy(() => Pair)'],
      ],
      encoded: ['["object",{"left":"#Leaf","right":"#Tag","other":["optional","#Leaf"]}]', '["integer",{"min":0}]', '["enum",["a","b"]]', '"#Pair"'],
      values: [{ left: 1, right: 'a' }, { left: -1, right: 'a' }, { left: 1, right: 'c', other: 'x' }],
      accepted: [true, false, false],
    },
  ],
  [
    'recursion: a validator referring to itself and through another',
    {
      consts: [
        ['Node', 'v.object({ value: v.integer(), next: v.optional(v.lazy(() => Node)), children: v.optional(v.lazy(() => Nodes)) })'],
        ['Nodes', 'v.array(v.lazy(() => Node))'],
      ],
      encoded: ['["object",{"value":"integer","next":["optional","#Node"],"children":["optional","#Nodes"]}]', '["array","#Node"]'],
      values: [[{ value: 1, next: { value: 2, next: { value: 3 } }, children: [{ value: 4 }] }], [{ value: 1, next: { value: 2, next: { value: 'x' } } }], [{ value: 1, children: [{ value: 2, children: [{}] }] }]],
      accepted: [true, false, false],
    },
  ],
];

describe('validators as data', () => {
  it.each(ROWS)('%s', (_name, { consts, encoded, values, accepted }) => {
    expect(encodings(consts)).toEqual(encoded);
    const names = consts.map(([name]) => name);
    const subject = names[names.length - 1]!;
    const decoded = run(printStatements(dataStatements(consts)), names)[subject]!;
    const built = direct(consts)[subject]!;
    expect(values.map((value) => decoded.safeParse(value).success)).toEqual(accepted);
    expect(values.map((value) => verdict(decoded, value))).toEqual(values.map((value) => verdict(built, value)));
  });

  it('the rows call every builder of templates/validators.ts', () => {
    const builders = Object.entries(v)
      .filter(([name, value]) => typeof value === 'function' && !['fromText', 'lazy', 'registry'].includes(name))
      .map(([name]) => name)
      .sort();
    const called = new Set<string>();
    const visit = (e: Expression): void => {
      if (e.kind === 'call') called.add(e.callee.replace(/^v\./, ''));
      if (e.kind === 'call') e.args.forEach(visit);
      if (e.kind === 'object') e.properties.forEach((p) => visit(p.value));
      if (e.kind === 'array') e.elements.forEach(visit);
    };
    for (const [, row] of ROWS) for (const [, code] of row.consts) visit(expressionOf(code));
    expect(builders.filter((name) => !called.has(name))).toEqual([]);
  });
});

describe('validatorConst: the statement of the .ts module', () => {
  it.each<[string, { code: string; want: string }]>([
    ['no reference', { code: 'v.string()', want: 'export const S: v.Validator = $validators.define("S", \'"string"\');' }],
    ['references: each by name', { code: 'v.union([v.lazy(() => B), v.lazy(() => A), v.lazy(() => B)])', want: 'export const S: v.Validator = $validators.define(\n  "S",\n  \'["union",["#B","#A","#B"]]\',\n);' }],
    [
      'a long text: the arguments break as prettier breaks them',
      {
        code: 'v.object({ name: v.string({ minLength: 1 }), owner: v.optional(v.lazy(() => Owner)), tags: v.array(v.string()) })',
        want: 'export const S: v.Validator = $validators.define(\n  "S",\n  \'["object",{"name":["string",{"minLength":1}],"owner":["optional","#Owner"],"tags":["array","string"]}]\',\n);',
      },
    ],
    ['invisible characters are escaped by the one string escaper', { code: 'v.enum(["a\\u202eb", "\\u2028"])', want: 'export const S: v.Validator = $validators.define(\n  "S",\n  \'["enum",["a\\u202eb","\\u2028"]]\',\n);' }],
    ['a single quote in the data: still single quotes (fewer escapes)', { code: 'v.literal("it\'s")', want: 'export const S: v.Validator = $validators.define("S", \'["literal","it\\\'s"]\');' }],
    ['more single than double quotes: double quotes', { code: 'v.literal("\'\'\'\'")', want: 'export const S: v.Validator = $validators.define("S", "[\\"literal\\",\\"\'\'\'\'\\"]");' }],
  ])('%s', (_name, { code, want }) => {
    expect(printStatement(validatorConst('S', validatorText(expressionOf(code))))).toBe(want);
  });

  it('refuses what is no builder call (an internal error, never user input)', () => {
    expect(() => validatorText({ kind: 'identifier', name: 'X' })).toThrow('internal: a identifier expression outside v.lazy has no encoding as validator data');
    expect(() => validatorText(call('z.string'))).toThrow('internal: z.string is not a validator builder');
    expect(() => validatorText(call('v.number', { kind: 'object', properties: [{ key: 'min', value: { kind: 'number', value: Infinity } }] }))).toThrow('internal: Infinity has no JSON encoding');
  });
});

describe('registry and fromText', () => {
  it('decodes on first use, once, and resolves references by name only then', () => {
    const registry = v.registry();
    const list = registry.define('List', '["array","#Item"]');
    const item = registry.define('Item', '"string"');
    expect(list.safeParse(['a']).success).toBe(true);
    expect(list.safeParse([1]).success).toBe(false);
    expect(item.safeParse('a').success).toBe(true);
  });

  it('resolves a name only among the validators of its own registry (one per module)', () => {
    const mine = v.registry();
    const other = v.registry();
    other.define('Item', '"unknown"');
    const list = mine.define('List', '["array","#Item"]');
    expect(() => list.safeParse([1])).toThrow('fromText: no validator named "Item" in this module');
  });

  it('refuses a name defined twice in one registry', () => {
    const registry = v.registry();
    registry.define('A', '"string"');
    expect(() => registry.define('A', '"integer"')).toThrow('registry: a validator named "A" is already defined');
  });

  it.each<[string, { text: string; want: string }]>([
    ['an unknown builder', { text: '["nope"]', want: 'fromText: no builder for ["nope"]' }],
    ['a name of Object.prototype', { text: '"constructor"', want: 'fromText: no builder for "constructor"' }],
    ['an object where a validator belongs', { text: '["optional",{"a":1}]', want: 'fromText: no builder for {"a":1}' }],
    ['too many arguments', { text: '["boolean",1]', want: 'fromText: too many arguments in ["boolean",1]' }],
    ['a number (no longer a reference)', { text: '["optional",2]', want: 'fromText: no builder for 2' }],
    ['a reference outside a registry', { text: '["optional","#A"]', want: 'fromText: no validator named "A"' }],
  ])('fails loudly on a text the builders cannot read: %s', (_name, { text, want }) => {
    expect(() => v.fromText(text).safeParse(1)).toThrow(want);
  });
});

describe('ZodFunctions: the types validators.ts calls zod by', () => {
  /** Every function of the interface, once (a missing or extra name fails to type-check). */
  const NAMES: Record<keyof v.ZodFunctions, true> = {
    string: true, number: true, boolean: true, null: true, unknown: true, never: true, literal: true, enum: true, optional: true,
    nullable: true, custom: true, array: true, looseObject: true, strictObject: true, record: true, lazy: true, check: true,
  };

  it("are zod's own functions (a type error here, under `npx tsc -p test/tsconfig.json`, when zod's stop fitting them)", () => {
    const fits: v.ZodFunctions = z;
    expect(Object.keys(NAMES).filter((name) => typeof fits[name as keyof v.ZodFunctions] !== 'function')).toEqual([]);
  });
});
