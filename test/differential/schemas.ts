/**
 * The schemas of the differential test, as small specs of our own: every schema kind of
 * issue #14 (1–11), the places where we are right and peers are not, and the shapes of the
 * peer generators' test fixtures (openapi-typescript, orval, hey-api) rewritten by hand.
 * Each case is the schema `Subject` (with other component schemas beside it) of an OpenAPI
 * 3.0 or 3.1 document; `values` are judged besides the generated samples and mutations.
 */
import type { Json } from './values.js';

export interface SchemaCase {
  openapi: '3.0.3' | '3.1.0';
  /** Component schemas; `Subject` is the one judged. */
  schemas: Record<string, unknown>;
  values?: Json[];
}

const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };
const bool = { type: 'boolean' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function v30(subject: unknown, others: Record<string, unknown> = {}, values?: Json[]): SchemaCase {
  return { openapi: '3.0.3', schemas: { Subject: subject, ...others }, ...(values ? { values } : {}) };
}
function v31(subject: unknown, others: Record<string, unknown> = {}, values?: Json[]): SchemaCase {
  return { openapi: '3.1.0', schemas: { Subject: subject, ...others }, ...(values ? { values } : {}) };
}

export const SCHEMA_CASES: Array<[string, SchemaCase]> = [
  // 1. cycles through allOf / oneOf
  ['cycle: allOf/oneOf between Animal and Cat', v30(ref('Animal'), {
    Animal: { type: 'object', properties: { name: str }, oneOf: [ref('Cat')] },
    Cat: { allOf: [ref('Animal'), { type: 'object', properties: { meows: bool } }] },
  }, [{ name: 'Tom', meows: true }, { name: 1 }, {}])],
  ['cycle: a tree through properties', v30({ type: 'object', required: ['value'], properties: { value: int, children: { type: 'array', items: ref('Subject') } } }, {}, [{ value: 1, children: [{ value: 2, children: [] }] }, { value: 1, children: [{ value: 'x' }] }])],
  ['cycle: a linked list through anyOf with null', v31({ type: 'object', properties: { next: { anyOf: [ref('Subject'), { type: 'null' }] }, v: str } }, {}, [{ v: 'a', next: { v: 'b', next: null } }, { next: { next: { v: 1 } } }])],
  ['cycle: allOf self-extension', v30({ allOf: [ref('Base'), { type: 'object', properties: { extra: ref('Subject') } }] }, { Base: { type: 'object', required: ['id'], properties: { id: int } } }, [{ id: 1, extra: { id: 2 } }, { id: 1, extra: { id: 'x' } }])],
  // 2. required beside allOf
  ['required beside allOf', v30({ required: ['a'], allOf: [{ type: 'object', properties: { a: str, b: int } }] }, {}, [{}, { a: 'x' }, { b: 1 }])],
  ['required in an allOf member for properties beside it', v30({ type: 'object', properties: { a: str, b: int }, allOf: [{ required: ['a'] }] }, {}, [{}, { a: 'x' }, { b: 2 }])],
  ['required in allOf member of a $ref', v30({ allOf: [ref('Pet'), { required: ['tag'] }] }, { Pet: { type: 'object', required: ['name'], properties: { name: str, tag: str } } })],
  // 3. properties / required beside oneOf / anyOf
  ['properties and required beside oneOf', v30({
    type: 'object', required: ['kind'], properties: { kind: str },
    oneOf: [{ type: 'object', properties: { x: int } }, { type: 'object', properties: { y: str } }],
  }, {}, [{ kind: 'a', x: 1 }, { x: 1 }, { kind: 'a' }])],
  ['oneOf branches that only list required', v30({ type: 'object', properties: { email: str, phone: str }, oneOf: [{ required: ['email'] }, { required: ['phone'] }] }, {}, [{ email: 'a' }, { phone: 'b' }, {}, { email: 'a', phone: 'b' }])],
  ['anyOf branches that only list required', v31({ type: 'object', properties: { a: int, b: int }, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, {}, [{ a: 1 }, { a: 1, b: 2 }, {}])],
  // 4. additionalProperties true / schema beside properties
  ['additionalProperties: true beside properties', v30({ type: 'object', properties: { a: str }, additionalProperties: true }, {}, [{ a: 'x', b: 1 }, { b: [1] }])],
  ['additionalProperties schema beside properties', v30({ type: 'object', properties: { a: str }, additionalProperties: int }, {}, [{ a: 'x', b: 1 }, { a: 'x', b: 'y' }, { b: 1.5 }])],
  ['additionalProperties object schema', v31({ type: 'object', additionalProperties: { type: 'object', required: ['n'], properties: { n: num } } }, {}, [{ x: { n: 1 } }, { x: { m: 1 } }, {}])],
  // 5. additionalProperties false
  ['additionalProperties: false without properties', v30({ type: 'object', additionalProperties: false }, {}, [{}, { a: 1 }])],
  ['additionalProperties: false with properties', v30({ type: 'object', properties: { a: str, b: int }, additionalProperties: false }, {}, [{ a: 'x' }, { a: 'x', c: 1 }])],
  ['additionalProperties: false nested', v31({ type: 'object', properties: { inner: { type: 'object', properties: { a: bool }, additionalProperties: false } } }, {}, [{ inner: { a: true, b: 1 } }])],
  // 6. patternProperties
  ['patternProperties', v31({ type: 'object', patternProperties: { '^x-': str, '^[0-9]+$': int }, additionalProperties: false }, {}, [{ 'x-a': 'v', '12': 3 }, { 'x-a': 1 }, { y: 'v' }, { '1': 'v' }])],
  ['patternProperties beside properties', v30({ type: 'object', properties: { id: int }, patternProperties: { '^S_': str } }, {}, [{ id: 1, S_1: 'a' }, { id: 1, S_1: 2 }, { id: 1, other: true }])],
  // 7. tuples
  ['tuple: items list (3.0/draft-04)', v30({ type: 'array', items: [str, int], additionalItems: false }, {}, [['a', 1], ['a'], ['a', 1, 2], [1, 'a'], []])],
  ['tuple: prefixItems (3.1)', v31({ type: 'array', prefixItems: [str, bool], items: false, minItems: 1 }, {}, [['a', true], ['a'], [], ['a', true, 1]])],
  ['tuple: prefixItems with rest items', v31({ type: 'array', prefixItems: [int], items: str }, {}, [[1, 'a', 'b'], [1, 2], []])],
  // 8. enum / const with object members
  ['enum with object members', v30({ enum: [{ a: 1 }, [1, 2], 'x', null] }, {}, [{ a: 1 }, { a: 2 }, [1, 2], [2, 1], 'x', null, { a: 1, b: 1 }])],
  ['const object', v31({ const: { kind: 'fixed', n: [1] } }, {}, [{ kind: 'fixed', n: [1] }, { kind: 'fixed', n: [2] }, {}])],
  // 9. oneOf and anyOf together
  ['oneOf and anyOf together', v30({ oneOf: [str, int], anyOf: [{ type: 'string', minLength: 2 }, { type: 'integer', minimum: 10 }] }, {}, ['ab', 'a', 12, 3, true])],
  ['oneOf exclusivity', v30({ oneOf: [{ type: 'number', multipleOf: 3 }, { type: 'number', multipleOf: 5 }] }, {}, [3, 5, 15, 7])],
  // 10. constraints and formats
  ['integer', v30(int, {}, [1, 1.5, -3, 0, 1e21])],
  ['string lengths and pattern', v30({ type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' }, {}, ['ab', 'a', 'abcdef', 'AB', 'ab1', '😀😀'])],
  ['number bounds (3.0 exclusive booleans)', v30({ type: 'number', minimum: 0, maximum: 10, exclusiveMaximum: true, multipleOf: 0.5 }, {}, [0, 10, 9.5, 9.7, -0.5, 10.5])],
  ['number bounds (3.1 exclusive numbers)', v31({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 100 }, {}, [0, 1, 99, 100])],
  ['array bounds and uniqueItems', v30({ type: 'array', items: str, minItems: 1, maxItems: 3, uniqueItems: true }, {}, [['a'], [], ['a', 'a'], ['a', 'b', 'c', 'd']])],
  ['uniqueItems of objects', v31({ type: 'array', items: { type: 'object' }, uniqueItems: true }, {}, [[{ a: 1 }, { a: 1 }], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [{ a: 1 }, { a: 2 }]])],
  ['min/maxProperties', v30({ type: 'object', additionalProperties: int, minProperties: 1, maxProperties: 2 }, {}, [{}, { a: 1 }, { a: 1, b: 2, c: 3 }])],
  ['format date-time', v30({ type: 'string', format: 'date-time' }, {}, ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.123+05:30', '2024-01-01', '2024-02-30T00:00:00Z', '2024-01-01T23:59:60Z'])],
  ['format date', v30({ type: 'string', format: 'date' }, {}, ['2024-02-29', '2023-02-29', '2024-04-31', '24-01-01'])],
  ['format email', v30({ type: 'string', format: 'email' }, {}, ['a.b+c@example.co', 'a@b', '@b.com', 'a b@c.d'])],
  ['format uuid', v31({ type: 'string', format: 'uuid' }, {}, ['123E4567-E89B-12D3-A456-426614174000', '00000000-0000-0000-0000-000000000000', '123e4567-e89b-12d3-a456-42661417400'])],
  ['format uri', v30({ type: 'string', format: 'uri' }, {}, ['https://a.b/c', 'mailto:a@b.c', '/relative', 'http://a b'])],
  ['format ipv4 and ipv6', v30({ type: 'object', properties: { v4: { type: 'string', format: 'ipv4' }, v6: { type: 'string', format: 'ipv6' } } }, {}, [{ v4: '1.2.3.4', v6: '::ffff:1.2.3.4' }, { v4: '1.2.3' }, { v6: 'fe80::1%eth0' }, { v6: '1::2::3' }])],
  ['unknown format is an annotation', v30({ type: 'string', format: 'hostname' }, {}, ['a b', 'example.com'])],
  // 11. required names not among the properties
  ['required name not among the properties', v30({ type: 'object', required: ['a', 'ghost'], properties: { a: str } }, {}, [{ a: 'x' }, { a: 'x', ghost: 1 }])],
  // Where we are right: keep it.
  ['3.1 enum without null keeps null out', v31({ type: ['string', 'null'], enum: ['a', 'b'] }, {}, ['a', null, 'c'])],
  ['3.1 type list with null', v31({ type: ['string', 'null'] }, {}, ['a', null, 1])],
  ['const null', v31({ const: null }, {}, [null, 'null', 0])],
  ['{type: object} is open', v30({ type: 'object' }, {}, [{}, { any: [1] }, [], 'x'])],
  ['nested defaults stay optional', v30({ type: 'object', properties: { page: { type: 'integer', default: 1 }, inner: { type: 'object', required: ['x'], properties: { x: { type: 'string', default: 'a' } } } } }, {}, [{}, { inner: {} }, { inner: { x: 'b' } }])],
  ['boolean discriminator', v30({ oneOf: [{ type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', enum: [true] }, value: int } }, { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean', enum: [false] }, error: str } }] }, {}, [{ ok: true, value: 1 }, { ok: false, error: 'e' }, { ok: true, error: 'e' }, { ok: 'true' }])],
  ['3.0 nullable', v30({ type: 'object', properties: { a: { type: 'string', nullable: true }, b: { type: 'integer', nullable: false } } }, {}, [{ a: null }, { b: null }])],
  ['3.0 nullable enum without null (3.0.3)', v30({ type: 'string', nullable: true, enum: ['a', 'b'] }, {}, ['a', null, 'c'])],
  ['3.0 nullable enum listing null', v30({ type: 'string', nullable: true, enum: ['a', null] }, {}, ['a', null, 'b'])],
  ['3.0 nullable allOf ref (no type)', v30({ type: 'object', properties: { owner: { nullable: true, allOf: [ref('User')] } } }, { User: { type: 'object', required: ['id'], properties: { id: int } } }, [{ owner: null }, { owner: { id: 1 } }, { owner: {} }])],
  ['3.0 $ref siblings are ignored', v30({ type: 'object', properties: { u: { $ref: '#/components/schemas/User', nullable: true, description: 'd' } } }, { User: { type: 'object', properties: { id: int } } }, [{ u: null }, { u: { id: 1 } }])],
  ['3.1 $ref siblings apply', v31({ type: 'object', properties: { u: { $ref: '#/components/schemas/User', required: ['id'] } } }, { User: { type: 'object', properties: { id: int } } }, [{ u: {} }, { u: { id: 1 } }])],
  ['3.1 nullable keyword is not a keyword', v31({ type: 'string', nullable: true }, {}, ['a', null])],
  // Shapes of the peer generators' fixtures.
  ['peer: discriminated pets (openapi-typescript)', v30({ oneOf: [ref('Dog'), ref('Cat')], discriminator: { propertyName: 'petType' } }, {
    Dog: { type: 'object', required: ['petType', 'bark'], properties: { petType: { type: 'string', enum: ['dog'] }, bark: bool } },
    Cat: { type: 'object', required: ['petType'], properties: { petType: { type: 'string', enum: ['cat'] }, lives: { type: 'integer', minimum: 0, maximum: 9 } } },
  })],
  ['peer: allOf inheritance with discriminator mapping', v30({ allOf: [ref('Pet'), { type: 'object', properties: { packSize: { type: 'integer', format: 'int32', minimum: 0 } } }] }, {
    Pet: { type: 'object', required: ['name', 'petType'], discriminator: { propertyName: 'petType' }, properties: { name: str, petType: str } },
  })],
  ['peer: enum of numbers with a default', v30({ type: 'integer', enum: [1, 2, 3], default: 1 })],
  ['peer: nullable array of nullable items (orval)', v30({ type: 'array', nullable: true, items: { type: 'string', nullable: true } }, {}, [null, [null, 'a'], [1]])],
  ['peer: string enum with empty string', v31({ type: 'string', enum: ['', 'a b', "it's"] })],
  ['peer: record of arrays (hey-api)', v30({ type: 'object', additionalProperties: { type: 'array', items: ref('Item') } }, { Item: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } })],
  ['peer: readOnly / writeOnly properties', v30({ type: 'object', required: ['id', 'password'], properties: { id: { type: 'integer', readOnly: true }, password: { type: 'string', writeOnly: true, minLength: 8 } } })],
  ['peer: nested allOf of allOf', v31({ allOf: [{ allOf: [{ type: 'object', properties: { a: str } }, { type: 'object', properties: { b: num } }] }, { required: ['a', 'b'] }] })],
  ['peer: anyOf of scalar types', v31({ anyOf: [str, num, bool, { type: 'array', items: str }] }, {}, ['a', 1, true, ['a'], [1], null, {}])],
  ['peer: oneOf with null branch (3.1)', v31({ oneOf: [ref('User'), { type: 'null' }] }, { User: { type: 'object', required: ['id'], properties: { id: str } } })],
  ['peer: empty schema and true', v31({ type: 'object', properties: { any: {}, yes: true, no: false } }, {}, [{ any: 1, yes: 'x' }, { no: 1 }, {}])],
  ['peer: deep nesting with constraints', v30({ type: 'object', required: ['meta'], properties: { meta: { type: 'object', required: ['tags'], properties: { tags: { type: 'array', maxItems: 2, items: { type: 'string', pattern: '^#' } }, score: { type: 'number', minimum: -1, maximum: 1 } } } } })],
  ['peer: property names that are not identifiers', v30({ type: 'object', required: ['a-b', '0'], properties: { 'a-b': str, '0': int, 'x.y': bool, constructor: str } }, {}, [{ 'a-b': 'x', '0': 1, constructor: 'c' }, { 'a-b': 'x' }])],
  ['peer: multi-type with constraints per type', v31({ type: ['string', 'integer'], minLength: 2, minimum: 5 }, {}, ['ab', 'a', 5, 4, 5.5])],
  ['peer: untyped with object keywords', v30({ properties: { a: str }, required: ['a'] }, {}, [{ a: 'x' }, {}, 'x', 5])],
  ['peer: untyped with string keywords', v31({ minLength: 3 }, {}, ['abc', 'ab', 12])],
  ['peer: enum mixing types with type string', v30({ type: 'string', enum: ['a', 1, null] }, {}, ['a', 1, null])],
  ['peer: integer enum with 1.0', v31({ type: 'integer', enum: [1, 2.5] }, {}, [1, 2.5, 2])],
  ['peer: allOf with additionalProperties false member', v30({ allOf: [{ type: 'object', properties: { a: str }, additionalProperties: false }, { type: 'object', properties: { b: str } }] }, {}, [{ a: 'x' }, { a: 'x', b: 'y' }, { b: 'y' }, {}])],
  ['peer: array of tuples', v31({ type: 'array', items: { type: 'array', prefixItems: [num, num], minItems: 2, maxItems: 2 } }, {}, [[[1, 2]], [[1]], [[1, 2, 3]]])],
  ['peer: not', v31({ type: 'string', not: { enum: ['forbidden'] } }, {}, ['ok', 'forbidden'])],
  ['peer: object with items keyword ignored', v30({ type: 'object', properties: { list: { type: 'array', items: { type: 'integer', minimum: 1 } } } }, {}, [{ list: [1, 2] }, { list: [0] }])],
  // More combinations, as held-out schemas might have them.
  ['date-time offsets and leap seconds', v31({ type: 'string', format: 'date-time' }, {}, ['2024-12-31T23:59:60Z', '2024-01-01t10:00:00+0100', '2024-01-01T10:00:00+01', '2024-01-01T10:00:00', '2024-01-01T12:59:60Z', '2024-01-01T00:59:60+01:00', '2024-01-01T10:00:00.5-24:00'])],
  ['3.1 object or null with properties', v31({ type: ['object', 'null'], required: ['a'], properties: { a: { type: ['integer', 'null'] } } }, {}, [null, { a: null }, { a: 1 }, {}, { a: 1.5 }])],
  ['3.0 nullable object with allOf', v30({ type: 'object', nullable: true, allOf: [ref('User')] }, { User: { type: 'object', required: ['id'], properties: { id: int } } }, [null, { id: 1 }, {}])],
  ['3.0 tuple with additionalItems schema', v30({ type: 'array', items: [str], additionalItems: int }, {}, [['a', 1, 2], ['a', 'b'], []])],
  ['minimum with exclusiveMinimum false', v30({ type: 'number', minimum: 5, exclusiveMinimum: false }, {}, [5, 4.999])],
  ['multipleOf a decimal', v31({ type: 'number', multipleOf: 0.01 }, {}, [0.3, 1.1, 19.99, 0.001, 4.35])],
  ['string enum with a pattern', v30({ type: 'string', enum: ['ab', 'c', 'de'], pattern: '^[a-d]+$' }, {}, ['ab', 'c', 'de', 'x'])],
  ['array of itself', v31({ type: 'array', items: ref('Subject') }, {}, [[], [[]], [[[]], []], [1], [[1]]])],
  ['patternProperties with an additionalProperties schema', v31({ type: 'object', patternProperties: { '^n_': num }, additionalProperties: str }, {}, [{ n_a: 1, b: 'x' }, { n_a: 'x' }, { b: 1 }])],
  ['const of another type', v30({ type: 'string', const: 1 }, {}, [1, '1'])],
  ['not null', v31({ not: { type: 'null' } }, {}, [null, 0, ''])],
  ['maxLength 0 and items false', v31({ type: 'object', properties: { empty: { type: 'string', maxLength: 0 }, none: { type: 'array', items: false } } }, {}, [{ empty: '', none: [] }, { empty: 'a' }, { none: [1] }])],
  ['additionalProperties: {}', v30({ type: 'object', properties: { a: int }, additionalProperties: {} }, {}, [{ a: 1, b: 'x' }, { a: 'x' }])],
  ['anyOf of closed objects with different required', v30({ anyOf: [{ type: 'object', required: ['a'], properties: { a: str } }, { type: 'object', required: ['b'], properties: { b: int } }] }, {}, [{ a: 'x' }, { b: 1 }, { a: 'x', b: 1 }, { a: 1 }, { c: 1 }, {}])],
  ['discriminated string union with shared keys', v31({ oneOf: [{ type: 'object', required: ['kind'], properties: { kind: { const: 'a' }, size: int } }, { type: 'object', required: ['kind'], properties: { kind: { const: 'b' }, size: str, label: str } }] }, {}, [{ kind: 'a', size: 1 }, { kind: 'b', size: 'x' }, { kind: 'a', size: 'x' }, { kind: 'a', label: 'l' }, { kind: 'c' }])],
  ['3.1 $ref with a description sibling', v31({ type: 'object', properties: { p: { $ref: '#/components/schemas/Point', description: 'a point' } } }, { Point: { type: 'array', prefixItems: [num, num], minItems: 2, maxItems: 2 } }, [{ p: [1, 2] }, { p: [1] }, { p: [1, 2, 3] }])],
  ['integer bounds with multipleOf', v30({ type: 'integer', minimum: -10, maximum: 10, multipleOf: 5 }, {}, [-10, -5, 0, 5, 10, 15, 2])],
  ['nested required-only allOf in array items', v30({ type: 'array', items: { allOf: [ref('Base'), { required: ['name'] }] } }, { Base: { type: 'object', properties: { name: str, id: int } } }, [[{ name: 'x' }], [{ id: 1 }], []])],
  ['uniqueItems with numbers 1 and 1.0', v31({ type: 'array', uniqueItems: true }, {}, [[1, 1.0], [1, '1'], [[1], [1]], [{}, {}]])],
];
