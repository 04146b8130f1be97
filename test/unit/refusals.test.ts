/**
 * dify-semantics.md §2: when Dify refuses a document, we refuse it too, at the place that
 * makes Dify's parser raise. Each refusal is compared on its code, line and JSON pointer.
 */
import { describe, expect, it } from 'vitest';
import { outcome, spec, type Outcome } from './helpers.js';

interface RefusalCase {
  given: string;
  want: Outcome;
}

const refusals: Array<[string, RefusalCase]> = [
  [
    'no servers key',
    {
      given: 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths: {}\n',
      want: { refused: { code: 'no-servers', line: 1, pointer: '#' } },
    },
  ],
  [
    'an empty servers list ("No server found")',
    {
      given: 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers: []\npaths: {}\n',
      want: { refused: { code: 'no-servers', line: 3, pointer: '#/servers' } },
    },
  ],
  [
    'JSON without servers',
    {
      given: '{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}',
      want: { refused: { code: 'no-servers', line: 1, pointer: '#' } },
    },
  ],
  [
    'no info',
    {
      given: 'openapi: 3.0.0\nservers: [{url: "https://api.test"}]\npaths: {}\n',
      want: { refused: { code: 'no-info', line: 1, pointer: '#' } },
    },
  ],
  [
    'no paths',
    {
      given: 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.test"}]\n',
      want: { refused: { code: 'no-paths', line: 1, pointer: '#' } },
    },
  ],
  ['a list, not a mapping', { given: '- openapi\n- info\n', want: { refused: { code: 'not-openapi', line: 1, pointer: '#' } } }],
  ['a plain string, not a mapping', { given: 'just some text\n', want: { refused: { code: 'not-openapi', line: 1, pointer: '#' } } }],
  ['JSON false is not null: no YAML fallback, and not a mapping', { given: 'false', want: { refused: { code: 'not-openapi', line: 1, pointer: '#' } } }],
  [
    'a parameter $ref to nothing',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: '#/components/parameters/Nope'
      `),
      want: { refused: { code: 'unresolvable-ref', line: 8, pointer: '#/paths/~1a/get/parameters/0/$ref' } },
    },
  ],
  [
    'a parameter $ref with ~1 is not decoded (key "a/b" not found)',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: '#/components/parameters/a~1b'
        components:
          parameters:
            a/b: {name: x, in: query}
      `),
      want: { refused: { code: 'unresolvable-ref', line: 8, pointer: '#/paths/~1a/get/parameters/0/$ref' } },
    },
  ],
  [
    'a parameter $ref with ~1 finds a key spelled a~1b',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: '#/components/parameters/a~1b'
        components:
          parameters:
            a~1b: {name: x, in: query}
      `),
      want: { tools: [['a_get', [['x', 'string', false, null]]]], duplicated: undefined },
    },
  ],
  [
    'a parameter $ref with %20 is not decoded',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: '#/components/parameters/a%20b'
        components:
          parameters:
            a b: {name: x, in: query}
      `),
      want: { refused: { code: 'unresolvable-ref', line: 8, pointer: '#/paths/~1a/get/parameters/0/$ref' } },
    },
  ],
  [
    'a URL $ref is not fetched (its segments are looked up in this document)',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: 'https://example.com/components/parameters/P'
        components:
          parameters:
            P: {name: x, in: query}
      `),
      want: { refused: { code: 'unresolvable-ref', line: 8, pointer: '#/paths/~1a/get/parameters/0/$ref' } },
    },
  ],
  [
    'an external-file $ref: the part before the first / is dropped, the rest found here',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - $ref: 'other.yaml#/components/parameters/P'
        components:
          parameters:
            P: {name: x, in: query, schema: {type: integer}}
      `),
      want: { tools: [['a_get', [['x', 'number', false, null]]]], duplicated: undefined },
    },
  ],
  [
    'a request-body schema $ref to nothing',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Nope'}
      `),
      want: { refused: { code: 'unresolvable-ref', line: 10, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/$ref' } },
    },
  ],
  [
    'a list type on a parameter (OpenAPI 3.1 style)',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - {name: q, in: query, type: [string, 'null']}
      `),
      want: { refused: { code: 'wrong-type', line: 8, pointer: '#/paths/~1a/get/parameters/0/type' } },
    },
  ],
  [
    'a list type in a parameter schema',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - name: q
                  in: query
                  schema: {type: [string, 'null']}
      `),
      want: { refused: { code: 'wrong-type', line: 10, pointer: '#/paths/~1a/get/parameters/0/schema/type' } },
    },
  ],
  [
    'a list type on a body property',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        f:
                          type: [string, 'null']
      `),
      want: { refused: { code: 'wrong-type', line: 13, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/f/type' } },
    },
  ],
  [
    'a list type with format: binary is a file (format is checked first)',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  multipart/form-data:
                    schema:
                      properties:
                        f: {type: [string, 'null'], format: binary}
      `),
      want: { tools: [['a_post', [['f', 'file', false, null]]]], duplicated: undefined },
    },
  ],
  [
    'a parameter without a name',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - {in: query, schema: {type: string}}
      `),
      want: { refused: { code: 'missing-key', line: 8, pointer: '#/paths/~1a/get/parameters/0/name' } },
    },
  ],
  [
    'a parameter whose name is a number',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - name: 1
                  in: query
      `),
      want: { refused: { code: 'not-a-string', line: 8, pointer: '#/paths/~1a/get/parameters/0/name' } },
    },
  ],
  [
    'a body property whose name is a YAML integer',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        10: {type: string}
      `),
      want: { refused: { code: 'not-a-string', line: 12, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/10' } },
    },
  ],
  [
    'a body property named on: a YAML 1.1 boolean key, not a string',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        on: {type: string}
      `),
      want: { refused: { code: 'not-a-string', line: 12, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/true' } },
    },
  ],
  [
    'a parameter description: null',
    {
      given: spec(`
        paths:
          /a:
            get:
              parameters:
                - name: q
                  in: query
                  description: null
      `),
      want: { refused: { code: 'not-a-string', line: 10, pointer: '#/paths/~1a/get/parameters/0/description' } },
    },
  ],
  [
    'a body property description: ~',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        f:
                          type: string
                          description: ~
      `),
      want: { refused: { code: 'not-a-string', line: 14, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/f/description' } },
    },
  ],
  [
    'a property schema that is true, not a mapping',
    {
      given: spec(`
        paths:
          /a:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      properties:
                        f: true
      `),
      want: { refused: { code: 'not-a-mapping', line: 12, pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/properties/f' } },
    },
  ],
  [
    'a server without url',
    {
      given: 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers:\n  - description: prod\npaths: {}\n',
      want: { refused: { code: 'missing-key', line: 4, pointer: '#/servers/0/url' } },
    },
  ],
  [
    'paths is a list',
    { given: spec('paths: []'), want: { refused: { code: 'not-a-mapping', line: 4, pointer: '#/paths' } } },
  ],
  [
    'Swagger 2.0 without servers is refused like any other document',
    {
      given: 'swagger: "2.0"\ninfo: {title: t, version: "1"}\nhost: api.test\nbasePath: /v1\npaths:\n  /a:\n    get: {operationId: a}\n',
      want: { refused: { code: 'no-servers', line: 1, pointer: '#' } },
    },
  ],
  [
    'Swagger 2.0 with servers: read as 3.x, in: body is a plain parameter, top-level default ignored',
    {
      given: [
        'swagger: "2.0"',
        'info: {title: t, version: "1"}',
        'servers: [{url: "https://api.test"}]',
        'paths:',
        '  /a:',
        '    post:',
        '      operationId: create',
        '      parameters:',
        '        - {name: body, in: body, required: true, schema: {type: object}}',
        '        - {name: n, in: query, type: integer, default: 3}',
        '',
      ].join('\n'),
      want: { tools: [['create', [['body', 'string', true, null], ['n', 'number', false, null]]]], duplicated: undefined },
    },
  ],
];

describe('§2 when Dify refuses a document', () => {
  it.each(refusals)('%s', (_name, { given, want }) => {
    expect(outcome(given)).toEqual(want);
  });
});
