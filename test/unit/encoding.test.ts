/** The encoding rule table (src/dify/encoding.ts): which rule, encoding and warning each kind of parameter gets. */
import { describe, expect, it } from 'vitest';
import { bodyMedia, encodingRule, queryDelimiter, valueShape, type ParameterFacts } from '../../src/dify/encoding.js';
import type { Value } from '../../src/load/value.js';

/** A loaded schema from a plain object. */
function schema(plain: unknown): Value {
  if (Array.isArray(plain)) return plain.map(schema);
  if (typeof plain === 'object' && plain !== null) return new Map(Object.entries(plain).map(([k, v]) => [k, schema(v)]));
  return plain as Value;
}

const base: ParameterFacts = { in: 'query', shape: 'string', optional: true, credentialHeader: false };
const body = (facts: Partial<ParameterFacts>): ParameterFacts => ({ ...base, in: 'body', media: 'json', sent: true, send: 'convert', untyped: false, ...facts });

describe('encodingRule', () => {
  it.each<[string, { given: ParameterFacts; want: [string, string, string | undefined] | undefined }]>([
    ['a property of a media type Dify does not send', { given: body({ sent: false, shape: 'object' }), want: ['body.other-media-type', 'none', 'body-property-not-sent'] }],
    ['a format: binary property', { given: body({ send: 'file' }), want: ['body.binary', 'refuse', 'binary-from-plugin'] }],
    ['an array of binaries', { given: body({ send: 'files', shape: 'array' }), want: ['body.binary', 'refuse', 'binary-from-plugin'] }],
    ['a $ref property', { given: body({ send: 'ref', shape: 'untyped' }), want: ['body.ref', 'json', 'ref-property-as-text'] }],
    ['an untyped property', { given: body({ untyped: true }), want: ['body.untyped', 'none', 'untyped-property-null'] }],
    ['an object property of a JSON body', { given: body({ shape: 'object' }), want: ['body.json.object', 'json', undefined] }],
    ['an array of objects in a JSON body (Dify keeps lists)', { given: body({ shape: 'object-array' }), want: undefined }],
    ['a string in a JSON body', { given: body({}), want: undefined }],
    ['a list in a urlencoded body', { given: body({ media: 'python-form', shape: 'array' }), want: ['body.python-form.structured', 'none', 'form-structured-repr'] }],
    ['a boolean in a urlencoded body', { given: body({ media: 'python-form', shape: 'boolean' }), want: ['body.python-form.boolean', 'none', 'form-boolean-python'] }],
    ['an object in another media type', { given: body({ media: 'client-form', shape: 'object' }), want: ['body.client-form.object', 'none', 'form-object-repr'] }],
    ['a boolean in another media type (httpx writes true/false)', { given: body({ media: 'client-form', shape: 'boolean' }), want: undefined }],
    ['a string path value', { given: { ...base, in: 'path' }, want: ['path.segment', 'segment', undefined] }],
    ['a boolean path value', { given: { ...base, in: 'path', shape: 'boolean' }, want: ['path.boolean', 'none', 'path-boolean-python'] }],
    ['an object path value', { given: { ...base, in: 'path', shape: 'object' }, want: ['path.structured', 'none', 'path-structured-repr'] }],
    ['an object query value', { given: { ...base, shape: 'object' }, want: ['query.object', 'json', 'query-object-json'] }],
    ['a list of objects in the query', { given: { ...base, shape: 'object-array' }, want: ['query.object-array', 'json-items', undefined] }],
    ['a boolean query value (httpx writes true/false)', { given: { ...base, shape: 'boolean' }, want: undefined }],
    ['an optional Authorization header', { given: { ...base, in: 'header', credentialHeader: true }, want: ['header.credential', 'ascii', 'optional-credential-header'] }],
    ['a required Authorization header', { given: { ...base, in: 'header', credentialHeader: true, optional: false }, want: ['header.text', 'ascii', undefined] }],
    ['a boolean header', { given: { ...base, in: 'header', shape: 'boolean' }, want: ['header.boolean', 'none', 'header-boolean-python'] }],
    ['a string header', { given: { ...base, in: 'header' }, want: ['header.text', 'ascii', undefined] }],
    ['an integer cookie', { given: { ...base, in: 'cookie', shape: 'integer' }, want: ['cookie.not-text', 'refuse', 'cookie-not-text'] }],
    ['an object cookie', { given: { ...base, in: 'cookie', shape: 'object' }, want: ['cookie.object', 'json', undefined] }],
    ['a string cookie', { given: { ...base, in: 'cookie' }, want: undefined }],
    ['a query array joined with commas', { given: { ...base, shape: 'array', delimiter: 'comma' }, want: ['query.array.comma', 'comma', undefined] }],
    ['a query array joined with spaces', { given: { ...base, shape: 'array', delimiter: 'space' }, want: ['query.array.space', 'space', undefined] }],
    ['a query array joined with pipes', { given: { ...base, shape: 'array', delimiter: 'pipe' }, want: ['query.array.pipe', 'pipe', undefined] }],
    ['an exploded query array (Dify repeats the key, as meant)', { given: { ...base, shape: 'array' }, want: undefined }],
    ['a header array', { given: { ...base, in: 'header', shape: 'array' }, want: ['header.structured', 'none', 'header-structured-repr'] }],
  ])('%s', (_name, { given, want }) => {
    const rule = encodingRule(given);
    expect(rule && [rule.id, rule.encoding, rule.warning?.code]).toEqual(want);
  });
});

describe('facts', () => {
  it.each<[string, { given: object | undefined; want: string }]>([
    ['no schema', { given: undefined, want: 'untyped' }],
    ['type object', { given: { type: 'object' }, want: 'object' }],
    ['properties without a type', { given: { properties: { a: { type: 'string' } } }, want: 'object' }],
    ['an array of objects', { given: { type: 'array', items: { type: 'object' } }, want: 'object-array' }],
    ['an array of strings', { given: { type: 'array', items: { type: 'string' } }, want: 'array' }],
    ['anyOf', { given: { anyOf: [{ type: 'string' }] }, want: 'any-of' }],
    ['a $ref outside the document', { given: { $ref: 'other.yaml#/A' }, want: 'untyped' }],
    ['integer', { given: { type: 'integer' }, want: 'integer' }],
  ])('valueShape: %s', (_name, { given, want }) => {
    expect(valueShape(given === undefined ? undefined : schema(given))).toBe(want);
  });

  const root = schema({ components: { schemas: { Filter: { type: 'object' }, Alias: { $ref: '#/components/schemas/Filter' }, Flag: { type: 'boolean' } } } });
  it.each<[string, { given: object; want: string }]>([
    ['a $ref to an object', { given: { $ref: '#/components/schemas/Filter' }, want: 'object' }],
    ['a $ref to a $ref', { given: { $ref: '#/components/schemas/Alias' }, want: 'object' }],
    ['a lone allOf item', { given: { allOf: [{ $ref: '#/components/schemas/Flag' }] }, want: 'boolean' }],
    ['an array of $ref objects', { given: { type: 'array', items: { $ref: '#/components/schemas/Filter' } }, want: 'object-array' }],
    ['a $ref that does not resolve', { given: { $ref: '#/components/schemas/Nope' }, want: 'untyped' }],
  ])('valueShape in the document: %s', (_name, { given, want }) => {
    expect(valueShape(schema(given), root)).toBe(want);
  });

  it.each<[string, { given: object; want: string | undefined }]>([
    ['form, exploded by default', { given: { in: 'query', schema: { type: 'array' } }, want: undefined }],
    ['form, explode: false', { given: { in: 'query', explode: false, schema: { type: 'array' } }, want: 'comma' }],
    ['spaceDelimited', { given: { in: 'query', style: 'spaceDelimited', explode: false, schema: { type: 'array' } }, want: 'space' }],
    ['pipeDelimited', { given: { in: 'query', style: 'pipeDelimited', explode: false, schema: { type: 'array' } }, want: 'pipe' }],
    ['deepObject', { given: { in: 'query', style: 'deepObject', explode: false, schema: { type: 'object' } }, want: undefined }],
    ['Swagger 2, csv by default', { given: { in: 'query', type: 'array' }, want: 'comma' }],
    ['Swagger 2, multi', { given: { in: 'query', type: 'array', collectionFormat: 'multi' }, want: undefined }],
    ['Swagger 2, pipes', { given: { in: 'query', type: 'array', collectionFormat: 'pipes' }, want: 'pipe' }],
    ['Swagger 2, an unknown format', { given: { in: 'query', type: 'array', collectionFormat: 'constructor' }, want: undefined }],
  ])('queryDelimiter: %s', (_name, { given, want }) => {
    expect(queryDelimiter(schema(given))).toBe(want);
  });

  it.each([
    ['application/json', 'json'],
    ['application/x-www-form-urlencoded', 'python-form'],
    ['application/json; charset=utf-8', 'client-form'],
    ['application/xml', 'client-form'],
  ])('bodyMedia(%s) = %s', (mediaType, want) => {
    expect(bodyMedia(mediaType)).toBe(want);
  });
});
