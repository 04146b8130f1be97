/**
 * dify-semantics.md §3 (which operations become tools, in what order) and §4 (tool names).
 */
import { describe, expect, it } from 'vitest';
import { fallbackToolName } from '../../src/index.js';
import { caught, provider, refusalOf, spec, warningTuples, type Refusal } from './helpers.js';

type ToolRow = [name: string | null, method: string, path: string];
type WarningRow = [code: string, pointer: string | undefined, line: number | undefined];

interface ToolsCase {
  given: string;
  want: {
    tools: ToolRow[];
    /** Our warnings, in order, as [code, pointer, line]. */
    warnings: WarningRow[];
    /** Each tool's URL (servers[0].url + path), when checked. */
    urls?: string[];
    server?: string | null;
    /** Whether each name is the operationId (else the path_method fallback). */
    fromOperationId?: boolean[];
  };
}

const R = '{responses: {}}';

function manyTools(pathCount: number): string {
  let body = 'paths:\n';
  for (let i = 0; i < pathCount; i++) body += `  /p${i}:\n    get: ${R}\n    post: ${R}\n`;
  return spec(body);
}

const toolCases: Array<[string, ToolsCase]> = [
  [
    'paths in document order (not sorted)',
    {
      given: spec(`
        paths:
          /zebra:
            get: ${R}
          /apple:
            get: ${R}
          /mango:
            get: ${R}
      `),
      want: { tools: [['zebra_get', 'get', '/zebra'], ['apple_get', 'get', '/apple'], ['mango_get', 'get', '/mango']], warnings: [] },
    },
  ],
  [
    'JSON paths in document order',
    {
      given: '{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "u"}], "paths": {"/b": {"get": {}}, "/a": {"get": {}}}}',
      want: { tools: [['b_get', 'get', '/b'], ['a_get', 'get', '/a']], warnings: [] },
    },
  ],
  [
    'methods in the fixed order get, post, put, delete, patch, head, options, trace, whatever the document order',
    {
      given: spec(`
        paths:
          /a:
            trace: ${R}
            options: ${R}
            head: ${R}
            patch: ${R}
            delete: ${R}
            put: ${R}
            post: ${R}
            get: ${R}
      `),
      want: {
        tools: [
          ['a_get', 'get', '/a'],
          ['a_post', 'post', '/a'],
          ['a_put', 'put', '/a'],
          ['a_delete', 'delete', '/a'],
          ['a_patch', 'patch', '/a'],
          ['a_head', 'head', '/a'],
          ['a_options', 'options', '/a'],
          ['a_trace', 'trace', '/a'],
        ],
        warnings: [
          ['uninvocable-method', '#/paths/~1a/options', 7],
          ['uninvocable-method', '#/paths/~1a/trace', 6],
        ],
      },
    },
  ],
  [
    'keys that are not lower-case methods make no tool',
    {
      given: spec(`
        paths:
          /a:
            summary: s
            description: d
            GET: ${R}
            x-get: ${R}
            query: ${R}
            put: ${R}
      `),
      want: { tools: [['a_put', 'put', '/a']], warnings: [] },
    },
  ],
  [
    'path-level parameters are ignored',
    {
      given: spec(`
        paths:
          /a/{id}:
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
            get: ${R}
      `),
      want: { tools: [['aid_get', 'get', '/a/{id}']], warnings: [] },
    },
  ],
  [
    'a path-item $ref is not followed',
    {
      given: spec(`
        paths:
          /a:
            $ref: '#/components/pathItems/A'
        components:
          pathItems:
            A:
              get: {operationId: fromRef}
      `),
      want: { tools: [], warnings: [], server: null },
    },
  ],
  [
    'per-path servers are ignored: the URL is servers[0].url + path, as is',
    {
      given: [
        'openapi: 3.0.0',
        'info: {title: t, version: "1"}',
        'servers: [{url: "https://example.com/"}, {url: "https://other.test"}]',
        'paths:',
        '  /items:',
        '    servers: [{url: "https://path.test"}]',
        `    get: ${R}`,
        '',
      ].join('\n'),
      want: { tools: [['items_get', 'get', '/items']], warnings: [], urls: ['https://example.com//items'], server: 'https://example.com/' },
    },
  ],
  [
    'no operations: no tools and no server',
    { given: spec('paths: {}'), want: { tools: [], warnings: [], server: null } },
  ],
  [
    'operationId is the name verbatim: spaces, slashes, padding, 80 characters',
    {
      given: spec(`
        paths:
          /a:
            get: {operationId: list items}
            post: {operationId: repos/get}
            put: {operationId: "  padded  "}
            delete: {operationId: ${'x'.repeat(80)}}
      `),
      want: {
        tools: [
          ['list items', 'get', '/a'],
          ['repos/get', 'post', '/a'],
          ['  padded  ', 'put', '/a'],
          ['x'.repeat(80), 'delete', '/a'],
        ],
        warnings: [],
        fromOperationId: [true, true, true, true],
      },
    },
  ],
  [
    'fallback names: path without one leading /, only [a-zA-Z0-9_-] kept, <root> when empty',
    {
      given: spec(`
        paths:
          /api/resources:
            get: ${R}
          /users/{user-id}/items.json:
            post: ${R}
          /:
            get: ${R}
          /{id}:
            get: ${R}
          //double:
            get: ${R}
          /ünï/çødé:
            put: ${R}
          /{.}:
            delete: ${R}
          nolead:
            patch: ${R}
      `),
      want: {
        tools: [
          ['apiresources_get', 'get', '/api/resources'],
          ['usersuser-iditemsjson_post', 'post', '/users/{user-id}/items.json'],
          ['<root>_get', 'get', '/'],
          ['id_get', 'get', '/{id}'],
          ['double_get', 'get', '//double'],
          ['nd_put', 'put', '/ünï/çødé'],
          ['<root>_delete', 'delete', '/{.}'],
          ['nolead_patch', 'patch', 'nolead'],
        ],
        warnings: [],
        fromOperationId: [false, false, false, false, false, false, false, false],
      },
    },
  ],
  [
    'duplicate operationIds are kept, with a duplicate-tool-name warning on the second',
    {
      given: spec(`
        paths:
          /a:
            get: {operationId: same}
          /b:
            post: {operationId: same}
      `),
      want: {
        tools: [['same', 'get', '/a'], ['same', 'post', '/b']],
        warnings: [['duplicate-tool-name', '#/paths/~1b/post', 8]],
      },
    },
  ],
  [
    'a fallback name equal to an operationId is kept too',
    {
      given: spec(`
        paths:
          /c:
            get: ${R}
          /d:
            get: {operationId: c_get}
          /c/:
            get: ${R}
      `),
      want: {
        tools: [['c_get', 'get', '/c'], ['c_get', 'get', '/d'], ['c_get', 'get', '/c/']],
        warnings: [
          ['duplicate-tool-name', '#/paths/~1d/get', 8],
          ['duplicate-tool-name', '#/paths/~1c~1/get', 10],
        ],
        fromOperationId: [false, true, false],
      },
    },
  ],
  [
    'an operation shared by two paths (YAML alias) keeps the fallback name Dify wrote into it first',
    {
      given: spec(`
        paths:
          /a:
            get: &op {responses: {}}
          /b:
            get: *op
      `),
      want: {
        tools: [['a_get', 'get', '/a'], ['a_get', 'get', '/b']],
        warnings: [['duplicate-tool-name', '#/paths/~1b/get', 8]],
        urls: ['https://api.test/a', 'https://api.test/b'],
        fromOperationId: [false, false],
      },
    },
  ],
  [
    'options and trace tools are created, with an uninvocable-method warning',
    {
      given: spec(`
        paths:
          /a:
            options: ${R}
            trace: {operationId: traceIt}
            head: ${R}
      `),
      want: {
        tools: [['a_head', 'head', '/a'], ['a_options', 'options', '/a'], ['traceIt', 'trace', '/a']],
        warnings: [
          ['uninvocable-method', '#/paths/~1a/options', 6],
          ['uninvocable-method', '#/paths/~1a/trace', 7],
        ],
      },
    },
  ],
];

describe('§3/§4 tools: which, in what order, named how', () => {
  it.each(toolCases)('%s', (_name, { given, want }) => {
    const p = provider(given);
    expect(p.tools.map((t): ToolRow => [t.name, t.method, t.path])).toEqual(want.tools);
    expect(warningTuples(p)).toEqual(want.warnings);
    if (want.urls !== undefined) expect(p.tools.map((t) => t.url)).toEqual(want.urls);
    if (want.server !== undefined) expect(p.server).toBe(want.server);
    if (want.fromOperationId !== undefined) expect(p.tools.map((t) => t.fromOperationId)).toEqual(want.fromOperationId);
  });
});

interface CountCase {
  given: string;
  want: { tools: number; tooMany: boolean };
}

const counts: Array<[string, CountCase]> = [
  ['100 tools: no warning', { given: manyTools(50), want: { tools: 100, tooMany: false } }],
  ['101+ tools: too-many-tools (Dify refuses to create the provider)', { given: manyTools(51), want: { tools: 102, tooMany: true } }],
];

describe('§2 more than 100 tools', () => {
  it.each(counts)('%s', (_name, { given, want }) => {
    const p = provider(given);
    expect(p.tools).toHaveLength(want.tools);
    const codes = p.diagnostics.map((d) => d.code);
    expect(codes.includes('too-many-tools')).toBe(want.tooMany);
    // Located at the `paths` key (line 4, column 1 after the three header lines).
    const location = p.diagnostics.find((d) => d.code === 'too-many-tools')?.location;
    if (want.tooMany) expect([location?.pointer, location?.line, location?.column]).toEqual(['#/paths', 4, 1]);
  });
});

interface NameRefusalCase {
  given: string;
  want: { refused: Refusal } | { name: string | null };
}

const operationIds: Array<[string, NameRefusalCase]> = [
  ['a quoted numeric operationId is a string', { given: spec(`paths:\n  /a:\n    get: {operationId: "12"}`), want: { name: '12' } }],
  [
    'an integer operationId is refused (pydantic str)',
    { given: spec(`paths:\n  /a:\n    get: {operationId: 12}`), want: { refused: { code: 'not-a-string', line: 6, pointer: '#/paths/~1a/get/operationId' } } },
  ],
  [
    'operationId: yes is the boolean true in YAML 1.1, refused',
    { given: spec(`paths:\n  /a:\n    get: {operationId: yes}`), want: { refused: { code: 'not-a-string', line: 6, pointer: '#/paths/~1a/get/operationId' } } },
  ],
];

describe('§4 operationId values', () => {
  it.each(operationIds)('%s', (_name, { given, want }) => {
    let name: string | null | undefined;
    const d = caught(() => {
      name = provider(given).tools[0]?.name;
    });
    if ('refused' in want) expect(d && refusalOf(d)).toEqual(want.refused);
    else {
      expect(d).toBeUndefined();
      expect(name).toBe(want.name);
    }
  });
});

const fallbackNames: Array<[string, { given: [path: string, method: string]; want: string }]> = [
  ['/api/resources GET', { given: ['/api/resources', 'get'], want: 'apiresources_get' }],
  ['/users/{user-id}/items.json POST', { given: ['/users/{user-id}/items.json', 'post'], want: 'usersuser-iditemsjson_post' }],
  ['/ GET', { given: ['/', 'get'], want: '<root>_get' }],
  ['/{id} GET', { given: ['/{id}', 'get'], want: 'id_get' }],
  ['only one leading / is dropped', { given: ['//x', 'get'], want: 'x_get' }],
  ['underscores and hyphens are kept', { given: ['/a_b-c', 'put'], want: 'a_b-c_put' }],
  ['non-ASCII letters are dropped', { given: ['/café', 'get'], want: 'caf_get' }],
  ['nothing kept: <root>', { given: ['/{…}/.', 'delete'], want: '<root>_delete' }],
];

describe('§4 fallbackToolName', () => {
  it.each(fallbackNames)('%s', (_name, { given, want }) => {
    expect(fallbackToolName(...given)).toBe(want);
  });
});
