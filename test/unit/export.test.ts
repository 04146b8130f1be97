/**
 * `dify-toolgen export`: which tools go into which part, what each part's document keeps,
 * how values are written so that Dify reads them back the same, and the command itself.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportSpec } from '../../src/commands/export.js';
import { partDocument, refContainers } from '../../src/export/part-document.js';
import { planParts, type SplitBy } from '../../src/export/parts.js';
import { jsonText, yamlText } from '../../src/export/serialize.js';
import type { Mapping, Value } from '../../src/load/value.js';
import { cli } from '../cli/run.js';
import { exportRoundTrip } from '../corpus/export-roundtrip.js';
import { caught, dedent, load, plain, provider, spec } from './helpers.js';

const R = '{responses: {}}';

describe('parts', () => {
  const tagged = spec(`
    paths:
      /a:
        get: {operationId: a1, tags: [alpha, beta], responses: {}}
        post: {operationId: a2, tags: [beta], responses: {}}
      /b:
        get: {operationId: b1, responses: {}}
        put: {operationId: b2, tags: [alpha], responses: {}}
        delete: {operationId: b3, tags: [], responses: {}}
  `);
  const prefixed = spec(`
    paths:
      /api/v1/users: {get: ${R}}
      /api/v1/items/{id}: {get: ${R}, post: ${R}}
      /api/v1/users/{id}: {get: ${R}}
      /api/v1: {get: ${R}}
  `);
  const cases: Array<[string, { given: string; by: SplitBy; limit: number; want: Array<[string, string, string[]]> }]> = [
    [
      'by first tag, groups in order of first use, untagged together',
      { given: tagged, by: 'tag', limit: 100, want: [['alpha', 'alpha', ['a1', 'b2']], ['beta', 'beta', ['a2']], ['untagged', 'untagged', ['b1', 'b3']]] },
    ],
    [
      'a group over the limit cut into even consecutive parts',
      { given: tagged, by: 'tag', limit: 1, want: [['alpha-1', 'alpha-1', ['a1']], ['alpha-2', 'alpha-2', ['b2']], ['beta', 'beta', ['a2']], ['untagged-1', 'untagged-1', ['b1']], ['untagged-2', 'untagged-2', ['b3']]] },
    ],
    [
      'by the path segment after the prefix all paths share',
      { given: prefixed, by: 'path', limit: 100, want: [['users', 'users', ['apiv1users_get', 'apiv1usersid_get']], ['items', 'items', ['apiv1itemsid_get', 'apiv1itemsid_post']], ['root', 'root', ['apiv1_get']]] },
    ],
    [
      'three tools cut by two: sizes 2 and 1',
      { given: prefixed, by: 'path', limit: 1, want: [['users-1', 'users-1', ['apiv1users_get']], ['users-2', 'users-2', ['apiv1usersid_get']], ['items-1', 'items-1', ['apiv1itemsid_get']], ['items-2', 'items-2', ['apiv1itemsid_post']], ['root', 'root', ['apiv1_get']]] },
    ],
  ];
  it.each(cases)('%s', (_name, { given, by, limit, want }) => {
    const p = provider(given);
    const parts = planParts(p.document.value, p.tools, by, limit);
    expect(parts.map((part) => [part.name, part.slug, part.tools.map((t) => t.name)])).toEqual(want);
  });

  it.each([
    ['Repos & Git', 'repos-git'],
    ['用户管理', 'part'],
    ['../../etc', 'etc'],
    ['a'.repeat(60), 'a'.repeat(40)],
  ])('tag %j gives the file slug %j', (tag, slug) => {
    const p = provider(spec(`paths:\n  /x: {get: {tags: [${JSON.stringify(tag)}], responses: {}}}\n`));
    expect(planParts(p.document.value, p.tools, 'tag')[0]!.slug).toBe(slug);
  });
});

describe('part document', () => {
  const given = spec(`
    tags: [{name: pets}, {name: stores}, {name: unused}]
    security: [{key: []}]
    paths:
      /pets:
        parameters: [{$ref: '#/components/parameters/Trace'}]
        get:
          tags: [pets]
          operationId: listPets
          parameters: [{$ref: '#/components/parameters/Limit'}]
          responses: {'200': {$ref: '#/components/responses/Pets'}}
        post:
          tags: [stores]
          operationId: addPet
          requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/NewPet'}}}}
          responses: {}
    webhooks:
      newPet: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Hook'}}}}}}
    components:
      schemas:
        Hook: {type: object}
        Pet: {type: object, properties: {tag: {$ref: '#/components/schemas/Tag'}}}
        NewPet: {type: object, properties: {name: {type: string}}}
        Tag: {type: string}
        Unused: {type: string}
      parameters:
        Limit: {name: limit, in: query, schema: {$ref: '#/x-defs/Count'}}
        Trace: {name: trace, in: header, schema: {type: string}}
      responses:
        Pets: {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}
      securitySchemes:
        key: {type: apiKey, in: header, name: X-Key}
    x-defs:
      Count: {type: integer, default: 20}
      Other: {type: string}
  `);
  it('keeps the part operations, what they reach (in document order) and the rest of the document', () => {
    const p = provider(given);
    const root = p.document.value as Mapping;
    const { value, crossPartRefs } = partDocument(root, [p.tools[0]!], refContainers(root));
    expect(crossPartRefs).toEqual([]);
    expect(yamlText(value, ['header'])).toBe(
      dedent(`
        # header

        openapi: 3.0.0
        info:
          title: t
          version: "1"
        servers:
          - url: https://api.test
        tags:
          - name: pets
        security:
          - key: []
        paths:
          /pets:
            parameters:
              - $ref: "#/components/parameters/Trace"
            get:
              tags:
                - pets
              operationId: listPets
              parameters:
                - $ref: "#/components/parameters/Limit"
              responses:
                "200":
                  $ref: "#/components/responses/Pets"
        components:
          schemas:
            Pet:
              type: object
              properties:
                tag:
                  $ref: "#/components/schemas/Tag"
            Tag:
              type: string
          parameters:
            Limit:
              name: limit
              in: query
              schema:
                $ref: "#/x-defs/Count"
            Trace:
              name: trace
              in: header
              schema:
                type: string
          responses:
            Pets:
              description: ok
              content:
                application/json:
                  schema:
                    type: array
                    items:
                      $ref: "#/components/schemas/Pet"
          securitySchemes:
            key:
              type: apiKey
              in: header
              name: X-Key
        x-defs:
          Count:
            type: integer
            default: 20
      `),
    );
  });

  it('never changes the loaded document', () => {
    const p = provider(given);
    const before = JSON.stringify(plain(p.document.value));
    partDocument(p.document.value as Mapping, [p.tools[1]!], refContainers(p.document.value as Mapping));
    expect(JSON.stringify(plain(p.document.value))).toBe(before);
  });

  it('refuses a $ref to an operation of another part, at the $ref', () => {
    const text = spec(`
      paths:
        /a: {get: {tags: [x], responses: {'200': {description: ok}}}}
        /b: {get: {tags: [y], responses: {'200': {$ref: '#/paths/~1a/get/responses/200'}}}}
    `);
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-export-'));
    writeFileSync(join(dir, 'spec.yaml'), text);
    const d = caught(() => [...exportSpec({ cwd: dir, spec: 'spec.yaml' }).parts()]);
    expect([d?.code, d?.location?.line, d?.location?.pointer]).toEqual(['export-cross-part-ref', 6, '#/paths/~1b/get/responses/200/$ref']);
  });
});

describe('written values read back the same', () => {
  const strings = ['yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', '010', '0x1F', '0b101', '1_000', '1:20', '-1:20:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '.inf', '-.Inf', '.NaN', '1e5', '1.5e3', '+1', '.5', '=', '<<', '-', '', ' lead', 'trail ', 'a: b', 'a #b', '#x', '@x', '`x', '!x', '&x', '*x', '%x', '|', '>', "'", '"', '\n', 'a\nb', '\t', '\u0085', '\u2028', '\ufeff', '\u0000', '\u001b[31m', 'é', '用户', '😀', '\ud800'];
  const numbers = [0, -0, 1, -1, 1.5, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity];
  const value: Mapping = new Map<string | number | boolean | null, Value>([
    ['strings', strings],
    ['numbers', numbers],
    ['keys', new Map<string | number | boolean | null, Value>([[200, 'int'], ['201', 'str'], [true, 'bool'], [null, 'null'], ['yes', 'str'], [1.5, 'float']])],
    ['other', [true, false, null, [], new Map()]],
  ]);
  it.each([
    ['YAML', (v: Mapping) => yamlText(v, ['c'])],
    ['JSON', (v: Mapping) => jsonText(new Map([...v].filter(([k]) => k !== 'keys')), 'x.json')],
  ])('%s', (format, write) => {
    const given = format === 'JSON' ? new Map([...value].filter(([k]) => k !== 'keys')) : value;
    const again = load(write(given)).value;
    expect(plain(again)).toEqual(plain(given));
  });

  it('JSON refuses keys that print the same, naming where', () => {
    const d = caught(() => jsonText(new Map([['a', new Map<string | number, Value>([[200, 1], ['200', 2]])]]), 'p.json'));
    expect([d?.code, d?.location?.pointer]).toEqual(['export-not-json', '#/a/200']);
  });
});

describe('export command', () => {
  const big = (() => {
    let body = 'tags: [{name: a}, {name: b}]\npaths:\n';
    for (let i = 0; i < 120; i++) body += `  /p${i}:\n    get: {operationId: op${i}, tags: [${i < 110 ? 'a' : 'b'}], parameters: [{name: q, in: query, schema: {type: integer, default: ${i}}}], responses: {}}\n`;
    return spec(body);
  })();

  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-export-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('a request body shared through a YAML alias keeps what each part derives', async () => {
    // Dify resolves the shared body's $ref while reading `a`; `b` then sees it resolved and
    // merges no allOf: `n` is a string for `b`, a number (default 5) for `a`.
    const shared = spec(`
      paths:
        /a: {post: {tags: [x], operationId: a, requestBody: {content: &body {application/json: {schema: {$ref: '#/components/schemas/B'}}}}}}
        /b: {post: {tags: [y], operationId: b, requestBody: {content: *body}}}
      components:
        schemas:
          N: {type: number, default: 5}
          B: {type: object, properties: {n: {allOf: [{$ref: '#/components/schemas/N'}]}}}
    `);
    const dir = folder({ 'shared.yaml': shared });
    expect(provider(shared).tools.map((t) => t.parameters.map((p) => [p.name, p.type, p.default]))).toEqual([[['n', 'number', 5]], [['n', 'string', null]]]);
    expect(exportRoundTrip({ cwd: dir, spec: 'shared.yaml' }).problems).toEqual([]);
    expect(exportRoundTrip({ cwd: dir, spec: 'shared.yaml', format: 'json' }).problems).toEqual([]);
  });

  it('an operation without operationId shared through a YAML alias keeps the name Dify gave it first', async () => {
    // Dify names the operation `a_get` while reading /a and writes that name into it: /b's tool is `a_get` too.
    const shared = spec(`
      paths:
        /a: {get: &op {tags: [x], responses: {}}}
        /b: {get: *op}
        /c: {get: {tags: [y], responses: {}}}
    `);
    const dir = folder({ 'shared.yaml': shared });
    expect(provider(shared).tools.map((t) => t.name)).toEqual(['a_get', 'a_get', 'c_get']);
    const parts = exportSpec({ cwd: dir, spec: 'shared.yaml', by: 'path' });
    expect(parts.plan.map((p) => [p.part.name, p.part.tools.map((t) => t.name)])).toEqual([['a', ['a_get']], ['b', ['a_get']], ['c', ['c_get']]]);
    expect(exportRoundTrip({ cwd: dir, spec: 'shared.yaml', by: 'path' }).problems).toEqual([]);
  });

  it('--dry-run prints the plan and writes nothing', async () => {
    const dir = folder({ 'big.yaml': big });
    const run = await cli(dir, 'export', 'big.yaml', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/ +[0-9.]+ KiB/g, ' <size>')).toBe(
      'big.yaml: 120 tools → 3 parts (yaml)\n' +
        '  big.01-a-1.yaml                            55 tools <size>  "a-1"\n' +
        '  big.02-a-2.yaml                            55 tools <size>  "a-2"\n' +
        '  big.03-b.yaml                              10 tools <size>  "b"\n',
    );
    expect(readdirSync(dir)).toEqual(['big.yaml']);
  });

  it('writes the parts with a header, and they derive the same tools', async () => {
    const dir = folder({ 'big.yaml': big });
    expect((await cli(dir, 'export', 'big.yaml', '--out', 'parts')).stdout).toBe('dify-toolgen: 120 tools of big.yaml in 3 parts written to parts/\n');
    expect(readdirSync(join(dir, 'parts'))).toEqual(['big.01-a-1.yaml', 'big.02-a-2.yaml', 'big.03-b.yaml']);
    expect(readFileSync(join(dir, 'parts', 'big.03-b.yaml'), 'utf8').split('\n').slice(0, 4)).toEqual([
      '# Exported by dify-toolgen from big.yaml: part 3 of 3, "b", 10 tools.',
      '# Paste it into Dify as one custom tool provider.',
      '',
      'openapi: 3.0.0',
    ]);
    expect(exportRoundTrip({ cwd: dir, spec: 'big.yaml' }).problems).toEqual([]);
    // A second run replaces its own files, byte for byte the same.
    const first = readdirSync(join(dir, 'parts')).map((f) => readFileSync(join(dir, 'parts', f), 'utf8'));
    expect((await cli(dir, 'export', 'big.yaml', '--out', 'parts')).code).toBe(0);
    expect(readdirSync(join(dir, 'parts')).map((f) => readFileSync(join(dir, 'parts', f), 'utf8'))).toEqual(first);
  });

  it('JSON names the source and the part in its first key', async () => {
    const dir = folder({ 'big.yaml': big });
    await cli(dir, 'export', 'big.yaml', '--out', 'parts', '--format', 'json');
    const first = JSON.parse(readFileSync(join(dir, 'parts', 'big.01-a-1.json'), 'utf8'));
    expect(Object.keys(first)[0]).toBe('x-dify-toolgen-export');
    expect(first['x-dify-toolgen-export']).toEqual({ source: 'big.yaml', part: 'a-1', index: 1, of: 3, tools: 55 });
  });

  it('--provider exports the tools a manifest provider selects', async () => {
    const manifest = 'providers:\n  small:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: big.yaml\n    tools: [op5, op115]\n';
    const dir = folder({ 'big.yaml': big, 'dify-tools.yaml': manifest });
    expect((await cli(dir, 'export', '--provider', 'small', '--out', 'parts')).code).toBe(0);
    expect(readdirSync(join(dir, 'parts'))).toEqual(['big.01-small.yaml']);
    expect(provider(readFileSync(join(dir, 'parts', 'big.01-small.yaml'), 'utf8')).tools.map((t) => t.name)).toEqual(['op5', 'op115']);
  });

  it('--provider with a part exports that part', async () => {
    const manifest = 'providers:\n  bs:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: big.yaml\n    part: b\n';
    const dir = folder({ 'big.yaml': big, 'dify-tools.yaml': manifest });
    expect((await cli(dir, 'export', '--provider', 'bs', '--dry-run')).stdout).toMatch(/^big\.yaml: 120 tools → 1 part \(yaml\)\n  big\.01-bs\.yaml +10 tools/);
  });

  it.each([
    ['no --out', ['big.yaml'], 'export needs --out <folder> (or --dry-run)'],
    ['a bad --by', ['big.yaml', '--out', 'p', '--by', 'size'], '--by takes tag or path, not "size"'],
    ['a file export did not write', ['big.yaml', '--out', '.', '--format', 'yaml'], '"./big.01-a-1.yaml" exists and was not written by export'],
    ['an unknown provider', ['--provider', 'nope', '--out', 'p'], 'the manifest has no api provider named "nope"'],
  ])('refuses %s', async (_name, args, message) => {
    const dir = folder({ 'big.yaml': big, 'big.01-a-1.yaml': 'mine', 'dify-tools.yaml': 'providers: {}\n' });
    const run = await cli(dir, 'export', ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('the too-many-tools warning points at export', () => {
    expect(provider(big).diagnostics.find((d) => d.code === 'too-many-tools')?.hint).toBe(
      "cut it into parts Dify accepts with 'dify-toolgen export spec.yaml --out <folder>', or keep only the operations one plugin needs",
    );
  });

  it('init suggests export for a spec over 100 tools, naming its parts', async () => {
    const dir = folder({ 'big.yaml': big });
    expect((await cli(dir, 'init')).code).toBe(0);
    expect(readFileSync(join(dir, 'dify-tools.yaml'), 'utf8')).toContain(
      '    spec: "big.yaml"\n' +
        '    # TODO: this spec yields 120 tools; Dify refuses a provider with more than 100.\n' +
        "    # Cut it with 'dify-toolgen export big.yaml --out dify-parts', paste one part into\n" +
        '    # Dify, and name that part here. Parts: "a-1", "a-2", "b"\n' +
        '    # part: "a-1"\n',
    );
  });
});
