/**
 * Golden files of the formatted diagnostics for broken inputs: position first, the message,
 * the offending line, what Dify does, what to change. Every problem of a run is reported.
 * Update with `npx vitest run test/cli/diagnostics.test.ts -u` and review the diff.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_MANIFEST, project } from './run.js';

const SPEC_HEAD = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.example.com"}]\n';

const CASES: Array<[name: string, files: Record<string, string>, argv?: string[]]> = [
  ['spec-no-servers', { 'specs/petstore.yaml': 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n' }],
  ['spec-yaml-syntax', { 'specs/petstore.yaml': `${SPEC_HEAD}paths:\n  /a:\n    get: {operationId: a\n` }],
  ['spec-json-syntax', { 'specs/weather.json': '{"openapi": "3.1.0", "info": {"title": "w" "version": "1"}}' }],
  [
    'spec-unresolvable-ref',
    { 'specs/petstore.yaml': `${SPEC_HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/Missing'\n      responses: {}\n` },
  ],
  ['spec-list-type', { 'specs/petstore.yaml': `${SPEC_HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: [string, "null"]}}\n` }],
  ['manifest-several-mistakes', { 'dify-tools.yaml': EXAMPLE_MANIFEST.replace('spec: specs/weather.json', 'spc: specs/weather.json').replace('6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10', 'petstore') }],
  ['manifest-yaml-syntax', { 'dify-tools.yaml': 'providers:\n  petstore:\n    type: api\n   id: x\n' }],
  [
    'plugin-unknown-parameter-type',
    {
      'dify-tools.yaml': 'providers:\n  weather:\n    type: builtin\n    id: acme/weather/weather\n    tools:\n      now:\n        parameters:\n          - {name: city, type: text, form: llm}\n',
    },
  ],
  [
    'workflow-refused-variable',
    { 'dify-tools.yaml': 'providers:\n  flow:\n    type: workflow\n    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n    tool: flow\n    parameters:\n      - {variable: data, label: Data, type: external_data_tool}\n' },
  ],
  [
    'warnings-duplicates-and-methods',
    {
      'specs/petstore.yaml': `${SPEC_HEAD}paths:\n  /items:\n    options: {operationId: probe, responses: {}}\n    post:\n      operationId: add\n      requestBody:\n        content:\n          application/json: {schema: {$ref: '#/components/schemas/Item'}}\n          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Item'}}\n  /other:\n    get: {operationId: add, responses: {}}\ncomponents:\n  schemas:\n    Item: {type: object, properties: {name: {type: string}}}\n`,
    },
  ],
  ['json-output', { 'specs/petstore.yaml': 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n' }, ['generate', '--json']],
];

describe('formatted diagnostics', () => {
  it.each(CASES)('%s', async (name, files, argv = ['generate']) => {
    const dir = project(EXAMPLE_MANIFEST);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = await cli(dir, ...argv);
    const shown = `$ dify-toolgen ${argv.join(' ')}\nexit ${run.code}\n--- stderr\n${run.stderr}--- stdout\n${run.stdout.replace(/\d+\.\d\d s\n/, '<time> s\n')}`;
    await expect(shown.split(dir).join('<root>')).toMatchFileSnapshot(`__diagnostics__/${name}.txt`);
  });
});
