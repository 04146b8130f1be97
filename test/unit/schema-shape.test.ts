/**
 * The model's coarse shapes read a schema through the one normalisation
 * (`src/schema/normalize.ts`) that the TypeScript types and validators read: the same
 * dialect rules, implied types and `type` lists, so both targets agree on what a schema is.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../src/load/read-document.js';
import { RefResolver } from '../../src/load/external-refs.js';
import type { Mapping, Value } from '../../src/load/value.js';
import { schemaShape } from '../../src/model/schema-shape.js';
import type { TypeShape } from '../../src/model/tool-model.js';

/** The shape of `components.schemas.S` in a spec of the given OpenAPI version. */
function shapeOf(schema: unknown, openapi = '3.0.3'): TypeShape {
  const text = JSON.stringify({ openapi, info: { title: 't', version: '1' }, paths: {}, components: { schemas: { S: schema, Pet: { type: 'object' } } } });
  const document = parseSpecText(text, 'spec.json');
  const schemas = ((document.value as Mapping).get('components') as Mapping).get('schemas') as Mapping;
  return schemaShape(schemas.get('S') as Value, { document, refs: new RefResolver(document), budget: { remaining: 1000 } });
}

const STRING: TypeShape = { kind: 'string' };
const INT: TypeShape = { kind: 'number', integer: true };
const NULL: TypeShape = { kind: 'null' };
const PET: TypeShape = { kind: 'ref', key: '/components/schemas/Pet' };

describe('schemaShape reads the normalised schema', () => {
  it.each<[string, { given: unknown; openapi?: string; want: TypeShape }]>([
    ['a type list with nullable: null once, beside the listed types', { given: { type: ['string', 'integer'], nullable: true }, want: { kind: 'union', members: [{ kind: 'union', members: [STRING, INT] }, NULL] } }],
    ['3.1 type list with null', { given: { type: ['string', 'null'] }, openapi: '3.1.0', want: { kind: 'union', members: [STRING, NULL] } }],
    ['a $ref beside other keywords (3.1): the named shape', { given: { $ref: '#/components/schemas/Pet', description: 'x', type: 'object' }, openapi: '3.1.0', want: PET }],
    ['a nullable $ref admits null (real APIs send it)', { given: { $ref: '#/components/schemas/Pet', nullable: true }, want: { kind: 'union', members: [PET, NULL] } }],
    ['a nullable enum admits null (GitHub sends null for them)', { given: { type: 'string', nullable: true, enum: ['a', 'b'] }, want: { kind: 'union', members: [{ kind: 'literal', values: ['a', 'b'] }, NULL] } }],
    ['required alone implies an object, as in the TypeScript types', { given: { required: ['a'] }, want: { kind: 'object', properties: [], additional: { kind: 'any' } } }],
    ['minItems alone implies an array', { given: { minItems: 1 }, want: { kind: 'array', items: { kind: 'any' }, minItems: 1 } }],
    ['a tuple: items of any type', { given: { type: 'array', prefixItems: [STRING, INT] }, openapi: '3.1.0', want: { kind: 'array', items: { kind: 'any' } } }],
    ['items: false allows no item', { given: { type: 'array', items: false }, openapi: '3.1.0', want: { kind: 'array', items: { kind: 'never' } } }],
    ['a type that is no JSON type is any (not a kind of its own)', { given: { type: 'union' }, want: { kind: 'any' } }],
    ['an inherited name as type is any', { given: { type: 'constructor', properties: { a: STRING } }, want: { kind: 'any' } }],
    ['draft-04 exclusive bound: the bound is exclusive, no inclusive one is claimed', { given: { type: 'integer', minimum: 1, exclusiveMinimum: true, maximum: 9 }, want: { kind: 'number', integer: true, maximum: 9, exclusiveMinimum: 1 } }],
    ['a negative maxLength is no bound', { given: { type: 'string', maxLength: -1 }, want: STRING }],
    ['an enum value written twice is one literal value, at its first place', { given: { enum: ['b', 'a', 'b', 1, 1] }, want: { kind: 'literal', values: ['b', 'a', 1] } }],
    ['a long enum too', { given: { enum: [...'abcdefghijklmnopqrst', 'a', 't'] }, want: { kind: 'literal', values: [...'abcdefghijklmnopqrst'] } }],
    ['an enum holding an object is any', { given: { enum: ['a', { b: 1 }] }, want: { kind: 'any' } }],
    ['string bounds', { given: { type: 'string', minLength: 1, maxLength: 5 }, want: { kind: 'string', maxLength: 5, minLength: 1 } }],
    ['number bounds', { given: { type: 'number', minimum: 0, exclusiveMaximum: 9, multipleOf: 0.5 }, want: { kind: 'number', integer: false, minimum: 0, exclusiveMaximum: 9, multipleOf: 0.5 } }],
    ['array bounds', { given: { type: 'array', items: { type: 'string' }, maxItems: 3, minItems: 1 }, want: { kind: 'array', items: STRING, minItems: 1, maxItems: 3 } }],
  ])('%s', (_name, { given, openapi, want }) => {
    const shape = shapeOf(given, openapi);
    expect(shape).toEqual(want);
    // The bounds are set in one order whatever the schema's (the shapes print alike).
    expect(Object.keys(shape)).toEqual(Object.keys(want));
  });
});
