/**
 * dify-semantics.md §5: the parameters of a tool, in Dify's order, each as
 * [name, type, required, default]; and Dify's duplicated-parameter warning.
 */
import { describe, expect, it } from 'vitest';
import { dedent, outcome, paramTuples, provider, spec, type Outcome, type ParamTuple } from './helpers.js';

/** A spec with one operation, POST /a, whose body is `operation` (dedented); then `rest`. */
function post(operation: string, rest = ''): string {
  const body = dedent(operation)
    .trimEnd()
    .split('\n')
    .map((l) => (l ? '      ' + l : l))
    .join('\n');
  return spec('paths:\n  /a:\n    post:\n' + body + '\n' + dedent(rest));
}

interface ParametersCase {
  given: string;
  want: Outcome;
}

const one = (params: ParamTuple[], duplicated?: string): Outcome => ({ tools: [['a_post', params]], duplicated });

const parameterCases: Array<[string, ParametersCase]> = [
  [
    'operation parameters in order whatever their in, then the body',
    {
      given: post(`
        parameters:
          - {name: c, in: cookie}
          - {name: h, in: header}
          - {name: q, in: query}
          - {name: p, in: path, required: true}
        requestBody:
          content:
            application/json:
              schema:
                properties:
                  b1: {type: string}
                  b2: {type: integer}
      `),
      want: one([
        ['c', 'string', false, null],
        ['h', 'string', false, null],
        ['q', 'string', false, null],
        ['p', 'string', true, null],
        ['b1', 'string', false, null],
        ['b2', 'number', false, null],
      ]),
    },
  ],
  [
    'body properties in document order, integer-like names included (JSON)',
    {
      given:
        '{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "u"}], "paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {"properties": {"2": {"type": "string"}, "10": {"type": "integer"}, "1": {}}}}}}}}}}',
      want: one([
        ['2', 'string', false, null],
        ['10', 'number', false, null],
        ['1', 'string', false, null],
      ]),
    },
  ],
  [
    'a parameter $ref is resolved one level',
    {
      given: post(
        `
        parameters:
          - $ref: '#/components/parameters/Page'
      `,
        `
        components:
          parameters:
            Page: {name: page, in: query, required: true, schema: {type: integer, default: 1}}
      `,
      ),
      want: one([['page', 'number', true, 1]]),
    },
  ],
  [
    'a parameter $ref to a $ref is not followed further (the target has no name)',
    {
      given: post(
        `
        parameters:
          - $ref: '#/components/parameters/P'
      `,
        `
        components:
          parameters:
            P: {$ref: '#/components/parameters/Q'}
            Q: {name: q, in: query}
      `,
      ),
      want: { refused: { code: 'missing-key', line: 11, pointer: '#/components/parameters/P/name' } },
    },
  ],
  [
    'a body schema $ref is resolved one level; a property $ref is not (string)',
    {
      given: post(
        `
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
      `,
        `
        components:
          schemas:
            Item:
              required: [count]
              properties:
                count: {type: integer}
                owner: {$ref: '#/components/schemas/Count'}
            Count: {type: integer}
      `,
      ),
      want: one([
        ['count', 'number', true, null],
        ['owner', 'string', false, null],
      ]),
    },
  ],
  [
    'a body schema $ref to a $ref gives no parameters (resolved one level only)',
    {
      given: post(
        `
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
      `,
        `
        components:
          schemas:
            A: {$ref: '#/components/schemas/B'}
            B:
              properties:
                x: {type: string}
      `,
      ),
      want: one([]),
    },
  ],
  [
    'allOf on a property of a $ref body: items merged, type and default from an allOf $ref',
    {
      given: post(
        `
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Body'}
      `,
        `
        components:
          schemas:
            Body:
              properties:
                limit:
                  description: how many
                  allOf:
                    - $ref: '#/components/schemas/Limit'
                flag:
                  allOf:
                    - {type: boolean}
            Limit: {type: integer, default: 7}
      `,
      ),
      want: one([
        ['limit', 'number', false, 7],
        ['flag', 'boolean', false, null],
      ]),
    },
  ],
  [
    "allOf merge: the property's own keys win, missing ones are added",
    {
      given: post(
        `
        requestBody:
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Body'}
      `,
        `
        components:
          schemas:
            Body:
              properties:
                s:
                  type: string
                  allOf:
                    - {type: integer, default: 3}
                d:
                  default: 1
                  allOf:
                    - $ref: '#/components/schemas/N'
                    - {type: boolean}
            N: {type: integer, default: 2}
      `,
      ),
      want: one([
        ['s', 'string', false, 3],
        ['d', 'number', false, 1],
      ]),
    },
  ],
  [
    'allOf on a property of an inline body schema is not merged (only a $ref body is)',
    {
      given: post(
        `
        requestBody:
          content:
            application/json:
              schema:
                properties:
                  n:
                    allOf:
                      - $ref: '#/components/schemas/N'
      `,
        `
        components:
          schemas:
            N: {type: integer}
      `,
      ),
      want: one([['n', 'string', false, null]]),
    },
  ],
  [
    'a body schema with top-level allOf and no properties gives nothing',
    {
      given: post(`
        requestBody:
          content:
            application/json:
              schema:
                allOf:
                  - properties: {a: {type: string}}
      `),
      want: one([]),
    },
  ],
  [
    'an array body gives nothing',
    {
      given: post(`
        requestBody:
          content:
            application/json:
              schema:
                type: array
                items: {properties: {a: {type: string}}}
      `),
      want: one([]),
    },
  ],
  [
    'a primitive body gives nothing',
    {
      given: post(`
        requestBody:
          content:
            text/plain:
              schema: {type: string}
      `),
      want: one([]),
    },
  ],
  [
    'a requestBody $ref gives no body parameters',
    {
      given: post(
        `
        parameters:
          - {name: q, in: query}
        requestBody:
          $ref: '#/components/requestBodies/B'
      `,
        `
        components:
          requestBodies:
            B:
              content:
                application/json:
                  schema:
                    properties: {a: {type: string}}
      `,
      ),
      want: one([['q', 'string', false, null]]),
    },
  ],
  [
    'a requestBody without content gives nothing',
    {
      given: post(`
        requestBody:
          description: no content
          required: true
      `),
      want: one([]),
    },
  ],
  [
    'a media type without schema is skipped, the next one read',
    {
      given: post(`
        requestBody:
          content:
            application/octet-stream: {}
            application/json:
              schema:
                properties: {a: {type: string}}
      `),
      want: one([['a', 'string', false, null]]),
    },
  ],
  [
    'every media type is read: properties listed twice, warning for the last duplicate',
    {
      given: post(`
        requestBody:
          content:
            application/json:
              schema:
                required: [a]
                properties: {a: {type: string}, b: {type: integer, default: 2}}
            application/x-www-form-urlencoded:
              schema:
                properties: {a: {type: string}, b: {type: integer, default: 2}}
      `),
      want: one(
        [
          ['a', 'string', true, null],
          ['b', 'number', false, 2],
          ['a', 'string', false, null],
          ['b', 'number', false, 2],
        ],
        'Parameter b is duplicated.',
      ),
    },
  ],
  [
    'duplicate operation parameters are kept',
    {
      given: post(`
        parameters:
          - {name: x, in: query}
          - {name: x, in: header}
          - {name: y, in: query}
      `),
      want: one(
        [
          ['x', 'string', false, null],
          ['x', 'string', false, null],
          ['y', 'string', false, null],
        ],
        'Parameter x is duplicated.',
      ),
    },
  ],
  [
    'a parameter and a body property of the same name are duplicates',
    {
      given: post(`
        parameters:
          - {name: id, in: query}
        requestBody:
          content:
            application/json:
              schema:
                properties: {id: {type: integer}}
      `),
      want: one(
        [
          ['id', 'string', false, null],
          ['id', 'number', false, null],
        ],
        'Parameter id is duplicated.',
      ),
    },
  ],
  [
    'one duplicated-parameter warning per document: the last tool that has one',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters: [{name: x, in: query}, {name: x, in: header}]
          /b:
            get:
              parameters: [{name: y, in: query}, {name: y, in: header}]
          /c:
            get:
              parameters: [{name: z, in: query}]
      `),
      want: {
        tools: [
          ['a_get', [['x', 'string', false, null], ['x', 'string', false, null]]],
          ['b_get', [['y', 'string', false, null], ['y', 'string', false, null]]],
          ['c_get', [['z', 'string', false, null]]],
        ],
        duplicated: 'Parameter y is duplicated.',
      },
    },
  ],
  [
    "body required comes from the schema's required list only",
    {
      given: post(`
        requestBody:
          content:
            application/json:
              schema:
                required: [a, notAProperty]
                properties:
                  a: {type: string}
                  b: {type: string, required: true}
      `),
      want: one([
        ['a', 'string', true, null],
        ['b', 'string', false, null],
      ]),
    },
  ],
  [
    'parameter required: YAML yes is true, absent is false',
    {
      given: post(`
        parameters:
          - {name: a, in: query, required: yes}
          - {name: b, in: query}
          - {name: c, in: query, required: false}
      `),
      want: one([
        ['a', 'string', true, null],
        ['b', 'string', false, null],
        ['c', 'string', false, null],
      ]),
    },
  ],
  [
    'parameter defaults come from schema.default; list and mapping defaults are null',
    {
      given: post(`
        parameters:
          - {name: list, in: query, schema: {type: array, default: [a, b]}}
          - {name: dict, in: query, schema: {type: object, default: {k: v}}}
          - {name: mode, in: query, schema: {type: string, default: off}}
          - {name: hex, in: query, schema: {type: integer, default: 0x10}}
          - {name: y, in: query, schema: {type: string, default: y}}
          - {name: float, in: query, schema: {type: number, default: 1.5}}
          - {name: top, in: query, default: 5, schema: {type: integer}}
      `),
      want: one([
        ['list', 'array', false, null],
        ['dict', 'string', false, null],
        ['mode', 'string', false, false],
        ['hex', 'number', false, 16],
        ['y', 'string', false, 'y'],
        ['float', 'number', false, 1.5],
        ['top', 'number', false, null],
      ]),
    },
  ],
  [
    "body defaults come from the property's default; list and mapping defaults are null",
    {
      given: post(`
        requestBody:
          content:
            application/json:
              schema:
                properties:
                  list: {type: array, default: [a]}
                  dict: {type: object, default: {}}
                  str: {type: string, default: x}
                  enabled: {type: boolean, default: on}
      `),
      want: one([
        ['list', 'array', false, null],
        ['dict', 'string', false, null],
        ['str', 'string', false, 'x'],
        ['enabled', 'boolean', false, true],
      ]),
    },
  ],
];

describe('§5 parameters of a tool', () => {
  it.each(parameterCases)('%s', (_name, { given, want }) => {
    expect(outcome(given)).toEqual(want);
  });
});

interface LocationCase {
  given: string;
  want: Array<[name: string, location: string, mediaType: string | undefined]>;
}

const locations: Array<[string, LocationCase]> = [
  [
    'each parameter says where it goes: its in, or body with the media type',
    {
      given: post(`
        parameters:
          - {name: c, in: cookie}
          - {name: h, in: header}
          - {name: q, in: query}
          - {name: p, in: path}
          - {name: b, in: body}
        requestBody:
          content:
            application/json:
              schema:
                properties: {j: {}}
            multipart/form-data:
              schema:
                properties: {f: {}}
      `),
      want: [
        ['c', 'cookie', undefined],
        ['h', 'header', undefined],
        ['q', 'query', undefined],
        ['p', 'path', undefined],
        ['b', 'other', undefined],
        ['j', 'body', 'application/json'],
        ['f', 'body', 'multipart/form-data'],
      ],
    },
  ],
];

describe('§5 parameter locations', () => {
  it.each(locations)('%s', (_name, { given, want }) => {
    const p = provider(given);
    expect(p.tools[0]?.parameters.map((x) => [x.name, x.in, x.mediaType])).toEqual(want);
  });
});

interface TypeCase {
  /** An operation parameter (flow mapping without name) or a body property schema. */
  given: { parameter: string } | { property: string };
  want: string;
}

const types: Array<[string, TypeCase]> = [
  ['parameter: format binary on the parameter itself → file', { given: { parameter: '{in: query, format: binary}' }, want: 'file' }],
  ['parameter: schema {type: string, format: binary} → string (format read from the parameter)', { given: { parameter: '{in: query, schema: {type: string, format: binary}}' }, want: 'string' }],
  ['parameter: integer → number', { given: { parameter: '{in: query, schema: {type: integer}}' }, want: 'number' }],
  ['parameter: number → number', { given: { parameter: '{in: query, schema: {type: number}}' }, want: 'number' }],
  ['parameter: boolean → boolean', { given: { parameter: '{in: query, schema: {type: boolean}}' }, want: 'boolean' }],
  ['parameter: string → string', { given: { parameter: '{in: query, schema: {type: string}}' }, want: 'string' }],
  ['parameter: array → array', { given: { parameter: '{in: query, schema: {type: array, items: {type: string}}}' }, want: 'array' }],
  ['parameter: array of binary (schema.items) → files', { given: { parameter: '{in: query, schema: {type: array, items: {type: string, format: binary}}}' }, want: 'files' }],
  ['parameter: array of binary (items on the parameter, Swagger 2 style) → files', { given: { parameter: '{in: formData, type: array, items: {format: binary}}' }, want: 'files' }],
  ['parameter: empty items on the parameter falls back to schema.items', { given: { parameter: '{in: query, type: array, items: {}, schema: {items: {format: binary}}}' }, want: 'files' }],
  ['parameter: array whose items is a $ref → array (not resolved)', { given: { parameter: "{in: query, schema: {type: array, items: {$ref: '#/components/schemas/Bin'}}}" }, want: 'array' }],
  ['parameter: object → string', { given: { parameter: '{in: query, schema: {type: object}}' }, want: 'string' }],
  ['parameter: oneOf → string', { given: { parameter: '{in: query, schema: {oneOf: [{type: integer}]}}' }, want: 'string' }],
  ['parameter: no schema → string', { given: { parameter: '{in: query}' }, want: 'string' }],
  ['parameter: schema $ref → string (not resolved)', { given: { parameter: "{in: query, schema: {$ref: '#/components/schemas/Int'}}" }, want: 'string' }],
  ['parameter: type on the parameter wins over schema.type', { given: { parameter: '{in: query, type: integer, schema: {type: string}}' }, want: 'number' }],
  ['parameter: type is case-sensitive (Integer → string)', { given: { parameter: '{in: query, schema: {type: Integer}}' }, want: 'string' }],
  ['parameter: an enum is still a string (no options)', { given: { parameter: '{in: query, schema: {type: string, enum: [a, b]}}' }, want: 'string' }],
  ['property: format binary → file', { given: { property: '{type: string, format: binary}' }, want: 'file' }],
  ['property: format binary without type → file', { given: { property: '{format: binary}' }, want: 'file' }],
  ['property: array of binary → files', { given: { property: '{type: array, items: {type: string, format: binary}}' }, want: 'files' }],
  ['property: array of integers → array', { given: { property: '{type: array, items: {type: integer}}' }, want: 'array' }],
  ['property: integer → number', { given: { property: '{type: integer}' }, want: 'number' }],
  ['property: boolean → boolean', { given: { property: '{type: boolean}' }, want: 'boolean' }],
  ['property: object → string', { given: { property: '{type: object, properties: {x: {type: integer}}}' }, want: 'string' }],
  ['property: anyOf → string', { given: { property: '{anyOf: [{type: integer}, {type: string}]}' }, want: 'string' }],
  ['property: no type → string', { given: { property: '{description: anything}' }, want: 'string' }],
  ['property: $ref → string', { given: { property: "{$ref: '#/components/schemas/Int'}" }, want: 'string' }],
  ['property: schema.type is read too', { given: { property: '{schema: {type: integer}}' }, want: 'number' }],
];

const TYPE_COMPONENTS = `
  components:
    schemas:
      Int: {type: integer}
      Bin: {type: string, format: binary}
`;

describe('§5.3 parameter types', () => {
  it.each(types)('%s', (_name, { given, want }) => {
    const operation =
      'parameter' in given
        ? `parameters:\n  - ${given.parameter.replace(/^\{/, '{name: p, ')}`
        : `requestBody:\n  content:\n    application/json:\n      schema:\n        properties:\n          p: ${given.property}`;
    const p = provider(post(operation, TYPE_COMPONENTS));
    expect(paramTuples(p)).toEqual([['p', want, false, null]]);
  });
});
