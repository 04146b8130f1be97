/**
 * The mapping from JSON Schema to type and validator, one row per schema kind of issue #14:
 * the printed type and the validator (the builder calls it stands for), both read from the same
 * normalised schema; the validator is written as the module holds it (`$validators.define` data),
 * which must be the encoding of those builder calls and give every probe value their verdict. (The differential test judges the same mapping against ajv on thousands of values.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleFor } from '../corpus/compile-corpus.js';
import { parseSpecText } from '../../src/load/read-document.js';
import type { Value } from '../../src/load/value.js';
import { printType } from '../../src/emit/typescript/print.js';
import { schemaType, schemaZod, startWalk, typeAt, validatorAt, validatorConst, validatorText, type SchemaAt, type SchemaEmitContext } from '../../src/emit/typescript/schema.js';
import type { Statement } from '../../src/emit/typescript/ast.js';
import * as v from '../../templates/validators.js';
import { expressionOf } from './builder-calls.js';
import { verdict } from './helpers.js';
import { normalize } from '../../src/schema/normalize.js';
import { RefResolver } from '../../src/load/external-refs.js';
import { checkSchema, schemaCheck } from '../../src/schema/warnings.js';

function mapped(schema: unknown, openapi = '3.0.3', formats = true): { type: string; data: string; warnings: string[] } {
  const text = JSON.stringify({ openapi, info: { title: 't', version: '1' }, paths: {}, components: { schemas: { S: schema } } });
  const document = parseSpecText(text, 'spec.json');
  const ctx: SchemaEmitContext = { document, names: new Map(), budget: { remaining: 10_000 }, formats };
  const at = ['components', 'schemas', 'S'];
  const value = ((document.value as Map<string, Value>).get('components') as Map<string, Value>).get('schemas') as Map<string, Value>;
  // What cannot be typed is warned about by the model, for every target.
  const check = schemaCheck(new RefResolver(document), new Set(), true, 10_000);
  checkSchema(check, value.get('S'), document, at);
  return {
    type: printType(schemaType(value.get('S'), startWalk(ctx, at))),
    data: dataText(validatorConst('S', schemaZod(value.get('S'), startWalk(ctx, at)))),
    warnings: check.diagnostics.map((d) => d.code),
  };
}

/** The JSON text a validator const is written with (`$validators.define(name, text)`). */
function dataText(statement: Statement): string {
  const init = statement.kind === 'const' ? statement.init : undefined;
  const text = init?.kind === 'call' && init.callee === '$validators.define' ? init.args[1] : undefined;
  if (text?.kind !== 'string') throw new Error('test: a validator const is $validators.define(name, text)');
  return text.value;
}

/** The validator data of builder calls written as code (`v.string({ minLength: 1 })`). */
function encoded(builders: string): string {
  return validatorText(expressionOf(builders));
}

/** Printed code without layout: no whitespace, no trailing commas. */
function compact(code: string): string {
  return code.replace(/\s+/g, '').replace(/,([)\]}])/g, '$1');
}

/** Values every row's validator is tried on, in both forms. */
const PROBES: unknown[] = [null, true, 0, 7.5, 10, -1, 'a', 'ab', 'abc@d.ef', [], ['a'], ['a', 1], [1, 2, 3], {}, { a: 'x' }, { a: 1 }, { a: 1, ghost: 0 }, { kind: 'k', x: 1 }, { kind: 'k', x: 1, y: 2 }, { 'x-a': 'b' }, { 'x-a': 1 }];

const str = { type: 'string' };
const int = { type: 'integer' };

describe('JSON Schema → type and validator', () => {
  it.each<[string, { given: unknown; openapi?: string; type: string; validator: string; data: string }]>([
    ['2. required beside allOf', { given: { required: ['a'], allOf: [{ type: 'object', properties: { a: str } }] }, type: '{\n  a: unknown;\n} & {\n  a?: string;\n}', validator: 'v.allOf([ v.ifType("object", v.object({ a: v.present(), })), v.object({ a: v.optional(v.string()), }), ])', data: '["allOf",[["ifType","object",["object",{"a":"present"}]],["object",{"a":["optional","string"]}]]]' }],
    ['3. properties beside oneOf', { given: { type: 'object', required: ['kind'], properties: { kind: str }, oneOf: [{ required: ['x'] }, { required: ['y'] }] }, type: '{\n  kind: string;\n} & (\n  | {\n      x: unknown;\n    }\n  | {\n      y: unknown;\n    }\n)', validator: 'v.allOf([ v.object({ kind: v.string(), }), v.oneOf([ v.ifType("object", v.object({ x: v.present(), })), v.ifType("object", v.object({ y: v.present(), })), ]), ])', data: '["allOf",[["object",{"kind":"string"}],["oneOf",[["ifType","object",["object",{"x":"present"}]],["ifType","object",["object",{"y":"present"}]]]]]]' }],
    ['4. additionalProperties schema beside properties', { given: { type: 'object', properties: { a: str }, additionalProperties: int }, type: '{\n  a?: string;\n  [key: string]: number | string | undefined;\n}', validator: 'v.object( { a: v.optional(v.string()), }, { additional: v.integer(), }, )', data: '["object",{"a":["optional","string"]},{"additional":"integer"}]' }],
    ['5. additionalProperties false without properties', { given: { type: 'object', additionalProperties: false }, type: 'Record<string, never>', validator: 'v.object( {}, { additional: false, }, )', data: '["object",{},{"additional":false}]' }],
    ['6. patternProperties', { given: { type: 'object', patternProperties: { '^x-': str }, additionalProperties: false }, type: 'Record<string, string>', validator: 'v.object( {}, { additional: false, patterns: [["^x-", v.string()]], }, )', data: '["object",{},{"additional":false,"patterns":[["^x-","string"]]}]' }],
    ['7. tuple (prefixItems, 3.1)', { given: { type: 'array', prefixItems: [str, int], items: false, minItems: 1 }, openapi: '3.1.0', type: '[string, number?]', validator: 'v.tuple([v.string(), v.integer()], null, { minItems: 1, })', data: '["tuple",["string","integer"],null,{"minItems":1}]' }],
    ['8. enum with object members', { given: { enum: [{ a: 1 }, [1, 2], null] }, type: '| {\n    a: 1;\n  }\n| [1, 2]\n| null', validator: 'v.values([ { a: 1, }, [1, 2], null, ])', data: '["values",[{"a":1},[1,2],null]]' }],
    ['8. enum with two object members: both kept (mappings compared by their entries)', { given: { enum: [{ a: 1 }, { a: 2 }] }, type: '| {\n    a: 1;\n  }\n| {\n    a: 2;\n  }', validator: 'v.values([ { a: 1, }, { a: 2, }, ])', data: '["values",[{"a":1},{"a":2}]]' }],
    ['8. enum with repeated strings: each kept once, in first order', { given: { type: 'string', enum: ['b', 'a', 'b', 'a', 'c'] }, type: '"b" | "a" | "c"', validator: 'v.enum(["b", "a", "c"])', data: '["enum",["b","a","c"]]' }],
    ['8. enum with a string and a number of the same text: both kept', { given: { enum: ['1', 1, '1', 1, true, 'true'] }, type: '"1" | 1 | true | "true"', validator: 'v.union([ v.literal("1"), v.literal(1), v.literal(true), v.literal("true"), ])', data: '["union",[["literal","1"],["literal",1],["literal",true],["literal","true"]]]' }],
    ['9. oneOf and anyOf together', { given: { oneOf: [str, int], anyOf: [str, { type: 'null' }] }, type: '(string | null) & (string | number)', validator: 'v.allOf([ v.union([v.string(), v.null()]), v.oneOf([ v.string(), v.integer(), ]), ])', data: '["allOf",[["union",["string","null"]],["oneOf",["string","integer"]]]]' }],
    ['10. constraints name their bounds', { given: { type: 'number', minimum: 0, maximum: 10, exclusiveMaximum: true, multipleOf: 0.5 }, type: 'number', validator: 'v.number({ min: 0, exclusiveMax: 10, multipleOf: 0.5, })', data: '["number",{"min":0,"exclusiveMax":10,"multipleOf":0.5}]' }],
    ['10. string constraints and format', { given: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$', format: 'email' }, type: 'string', validator: 'v.string({ minLength: 2, maxLength: 5, pattern: "^[a-z]+$", format: "email", })', data: '["string",{"minLength":2,"maxLength":5,"pattern":"^[a-z]+$","format":"email"}]' }],
    ['10. a format with no standard meaning is an annotation', { given: { type: 'string', format: 'hostname' }, type: 'string', validator: 'v.string()', data: '"string"' }],
    ['11. required name not among the properties', { given: { type: 'object', required: ['a', 'ghost'], properties: { a: str } }, type: '{\n  a: string;\n  ghost: unknown;\n}', validator: 'v.object({ a: v.string(), ghost: v.present(), })', data: '["object",{"a":"string","ghost":"present"}]' }],
    ['3.0 nullable enum keeps null out unless listed', { given: { type: 'string', nullable: true, enum: ['a', 'b'] }, type: '"a" | "b"', validator: 'v.enum(["a", "b"])', data: '["enum",["a","b"]]' }],
    ['3.1 enum without null keeps null out', { given: { type: ['string', 'null'], enum: ['a', 'b'] }, openapi: '3.1.0', type: '"a" | "b"', validator: 'v.enum(["a", "b"])', data: '["enum",["a","b"]]' }],
    ['const null', { given: { const: null }, openapi: '3.1.0', type: 'null', validator: 'v.null()', data: '"null"' }],
    ['{type: object} is open', { given: { type: 'object' }, type: 'Record<string, unknown>', validator: 'v.record(v.unknown())', data: '["record","unknown"]' }],
    ['3.0: $ref siblings are ignored', { given: { $ref: '#/components/schemas/Missing', nullable: true }, type: 'unknown', validator: 'v.unknown()', data: '"unknown"' }],
    ['keywords without type apply to their own type only', { given: { minLength: 3 }, openapi: '3.1.0', type: 'unknown', validator: 'v.ifType("string", v.string({ minLength: 3, }))', data: '["ifType","string",["string",{"minLength":3}]]' }],
  ])('%s', (_name, { given, openapi, type, validator, data }) => {
    const got = mapped(given, openapi);
    expect(got.type).toBe(type);
    // What the module holds: the builder calls as data, which checks every value as the builders do.
    expect(got.data).toBe(data);
    expect(got.data).toBe(encoded(validator));
    const built = new Function('v', `return ${validator};`)(v) as v.Validator;
    const decoded = v.fromText(got.data);
    expect(PROBES.map((value) => verdict(decoded, value))).toEqual(PROBES.map((value) => verdict(built, value)));
  });

  it('formats: false (the manifest opt-out) leaves formats unchecked', () => {
    expect(mapped({ type: 'string', format: 'uuid' }, '3.0.3', false).data).toBe(encoded('v.string()'));
    expect(mapped({ type: 'string', format: 'uuid' }, '3.0.3', true).data).toBe(encoded('v.string({ format: "uuid" })'));
  });

  it('a pattern that is no regular expression is left out, with a warning', () => {
    expect(mapped({ type: 'string', pattern: '(' })).toEqual({ type: 'string', data: '"string"', warnings: ['invalid-pattern'] });
  });
});

describe('normalize', () => {
  it.each<[string, { given: unknown; dialect: 'openapi-3.0' | 'openapi-3.1'; want: Record<string, unknown>; absent?: string[] }]>([
    ['draft-04 exclusive booleans become bounds', { given: { minimum: 1, exclusiveMinimum: true, maximum: 5 }, dialect: 'openapi-3.0', want: { number: { exclusiveMinimum: 1, maximum: 5 } } }],
    ['numeric exclusive bounds stay', { given: { exclusiveMinimum: 0, exclusiveMaximum: 9 }, dialect: 'openapi-3.1', want: { number: { exclusiveMinimum: 0, exclusiveMaximum: 9 } } }],
    ['items as a list is a tuple with additionalItems as the rest', { given: { items: [{}], additionalItems: false }, dialect: 'openapi-3.0', want: { array: { prefix: [{ schema: new Map(), at: ['items', 0] }], rest: { kind: 'none' }, uniqueItems: false } } }],
    ['3.1: $ref keeps its siblings', { given: { $ref: '#/x', minLength: 2 }, dialect: 'openapi-3.1', want: { ref: '#/x', string: { minLength: 2 } } }],
    ['3.0: $ref alone', { given: { $ref: '#/x', minLength: 2 }, dialect: 'openapi-3.0', want: { ref: '#/x' }, absent: ['string'] }],
    ['nullable adds null to type', { given: { type: 'string', nullable: true }, dialect: 'openapi-3.0', want: { types: new Set(['string', 'null']), orNull: false } }],
    ['nullable without type: or null', { given: { nullable: true, allOf: [] }, dialect: 'openapi-3.0', want: { orNull: true }, absent: ['types'] }],
    ['const is a one-member enum', { given: { const: 0 }, dialect: 'openapi-3.1', want: { enum: [0] } }],
  ])('%s', (_name, { given, dialect, want, absent = [] }) => {
    const schema = parseSpecText(JSON.stringify(given), 's.json').value;
    const normal = normalize(schema, dialect);
    expect(normal).toMatchObject(want);
    for (const key of absent) expect(normal[key as keyof typeof normal]).toBeUndefined();
  });
});

describe('1. a cycle through allOf/oneOf', () => {
  it('is cut at the reference that closes it, in the type and in the validator alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-schema-'));
    try {
      const spec = join(dir, 'cycle.json');
      writeFileSync(
        spec,
        JSON.stringify({
          openapi: '3.0.3',
          info: { title: 't', version: '1' },
          servers: [{ url: 'https://api.test' }],
          paths: { '/a': { post: { operationId: 'a', parameters: [{ name: 'animal', in: 'query', required: true, schema: { $ref: '#/components/schemas/Animal' } }] } } },
          components: {
            schemas: {
              Animal: { type: 'object', properties: { name: { type: 'string' } }, oneOf: [{ $ref: '#/components/schemas/Cat' }] },
              Cat: { allOf: [{ $ref: '#/components/schemas/Animal' }, { type: 'object', properties: { meows: { type: 'boolean' } } }] },
            },
          },
        }),
      );
      const module = moduleFor(spec, 'cycle').files.get('cycle.ts')!;
      const declarations = module.split('\n\n').filter((block) => /^export (type|const|interface) (Animal|Cat)\b/m.test(block));
      expect(declarations.map(compact)).toEqual([
        'exporttypeAnimal={name?:string;}&Cat;',
        'exportconstAnimal:v.Validator=$validators.define("Animal",\'["allOf",[["object",{"name":["optional","string"]}],"#Cat"]]\');',
        'exportinterfaceCat{meows?:boolean;}',
        'exportconstCat:v.Validator=$validators.define("Cat",\'["object",{"meows":["optional","boolean"]}]\');',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A spec of named schemas (`components.schemas`), loaded, with a module context naming each after its key. */
function namedSchemas(schemas: Record<string, unknown>, budget: number): { ctx: SchemaEmitContext; at: (name: string) => SchemaAt } {
  const text = JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } });
  const document = parseSpecText(text, 'spec.json');
  const values = ((document.value as Map<string, Value>).get('components') as Map<string, Value>).get('schemas') as Map<string, Value>;
  const names = new Map(Object.keys(schemas).map((name) => [`/components/schemas/${name}`, name]));
  return { ctx: { document, names, budget: { remaining: budget } }, at: (name) => ({ value: values.get(name), at: ['components', 'schemas', name] }) };
}

describe('walks from where a schema lives (typeAt, validatorAt): each schema object walked once per module', () => {
  // S: 5 schema objects (S, a, b, b's items, c's $ref); walked three times for a type and a validator: 30.
  const S = { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'integer' } }, c: { $ref: '#/components/schemas/T' } } };
  const schemas = { S, T: { type: 'string' } };
  const steps = ['type', 'validator', 'type', 'validator', 'type', 'validator'] as const;
  it.each<[string, { budget: number; left: number[]; third: string }]>([
    ['budget for every walk', { budget: 1000, left: [995, 990, 985, 980, 975, 970], third: '{ a: string; b?: number[]; c?: T; }' }],
    ['budget for exactly every walk', { budget: 30, left: [25, 20, 15, 10, 5, 0], third: '{ a: string; b?: number[]; c?: T; }' }],
    ['the third type cut short: walked again, cut where a first walk would be', { budget: 23, left: [18, 13, 8, 3, 0, 0], third: '{ a: string; b?: unknown[]; c?: unknown; }' }],
    ['nothing left', { budget: 0, left: [0, 0, 0, 0, 0, 0], third: 'unknown' }],
  ])('%s', (_name, { budget, left, third }) => {
    const memo = namedSchemas(schemas, budget);
    const plain = namedSchemas(schemas, budget);
    const got = steps.map((step) => [step === 'type' ? printType(typeAt(memo.ctx, memo.at('S'))) : validatorAt(memo.ctx, memo.at('S')), memo.ctx.budget.remaining]);
    const walked = steps.map((step) => {
      const { value, at } = plain.at('S');
      return [step === 'type' ? printType(schemaType(value, startWalk(plain.ctx, at))) : schemaZod(value, startWalk(plain.ctx, at)), plain.ctx.budget.remaining];
    });
    expect(got).toEqual(walked);
    expect(got.map(([, remaining]) => remaining)).toEqual(left);
    expect(compact(got[4]![0] as string)).toBe(compact(third));
  });

  it('keeps apart the walks of one schema object from its own name and from elsewhere, when a cycle is cut', () => {
    // Cat → Animal closes the cycle (cut in a walk that starts at Cat); from a parameter's pointer nothing is cut.
    const cycle = {
      Animal: { type: 'object', properties: { name: { type: 'string' } }, oneOf: [{ $ref: '#/components/schemas/Cat' }] },
      Cat: { allOf: [{ $ref: '#/components/schemas/Animal' }, { type: 'object', properties: { meows: { type: 'boolean' } } }] },
    };
    const { ctx, at } = namedSchemas(cycle, 1000);
    const elsewhere: SchemaAt = { ...at('Cat'), at: ['paths', '/cats', 'get', 'parameters', 0, 'schema'] };
    const got = [at('Cat'), elsewhere, at('Cat'), elsewhere].map((source) => [compact(printType(typeAt(ctx, source))), validatorAt(ctx, source)]);
    expect(got).toEqual([
      ['{meows?:boolean;}', '["object",{"meows":["optional","boolean"]}]'],
      ['Animal&{meows?:boolean;}', '["allOf",["#Animal",["object",{"meows":["optional","boolean"]}]]]'],
      ['{meows?:boolean;}', '["object",{"meows":["optional","boolean"]}]'],
      ['Animal&{meows?:boolean;}', '["allOf",["#Animal",["object",{"meows":["optional","boolean"]}]]]'],
    ]);
  });
});
