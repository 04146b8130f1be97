/**
 * Issue 10, items 1, 4 and 5, end to end: the name Dify registers a tool under (and the
 * wrapper calls), defaults printed with their exact value, and the 100-tool limit.
 *
 * The chain from schema to invocable tool in langgenius/dify:
 * 1. ApiBasedToolSchemaParser.parse_openapi_to_tool_bundle (api/core/tools/utils/parser.py):
 *    `ApiToolBundle(operation_id=operation["operationId"], parameters=[ToolParameter(...)])`,
 *    `operation_id: str | None` (api/core/tools/entities/tool_bundle.py).
 * 2. ApiToolManageService.create_api_tool_provider (api/services/tools/api_tools_manage_service.py):
 *    refuses more than 100 bundles ("the number of apis should be less than 100"; the update
 *    path has no such check), stores `json.dumps(jsonable_encoder(tool_bundles))`.
 * 3. ApiToolProvider.tools (api/models/tools.py) reloads each bundle with
 *    `ApiToolBundle.model_validate`; ApiToolProviderController._parse_tool_bundle
 *    (api/core/tools/custom_tool/provider.py) names the tool `operation_id or "default_tool"`,
 *    and `get_tool(name)` returns the first tool of that name.
 * Through 2 and 3 a default keeps its value (pydantic 2.12.5, checked: `.inf`, NaN and
 * 12345678901234567890 round-trip through json.dumps/json.loads unchanged); only the name changes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, withPackageJson } from './run.js';

const HEADER = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.test"}]\n';
const ID = '6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10';

/** A project with one api provider `p` for `spec` (and extra manifest lines). */
function projectWith(spec: string, extra = ''): string {
  const dir = withPackageJson(mkdtempSync(join(tmpdir(), 'dify-toolgen-registration-')));
  writeFileSync(join(dir, 'spec.yaml'), spec);
  writeFileSync(join(dir, 'dify-tools.yaml'), `providers:\n  p:\n    type: api\n    id: ${ID}\n    spec: spec.yaml\n${extra}`);
  return dir;
}

/** The tool names the generated wrappers send, in order. */
function sentNames(dir: string): string[] {
  const module = readFileSync(join(dir, 'generated', 'p.ts'), 'utf8');
  return [...module.matchAll(/runtime\.invokeTool\(\s*session,\s*provider,\s*("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
}

interface NameCase {
  /** `paths:` and below. */
  given: string;
  /** Manifest lines under the provider. */
  manifest?: string;
  want: {
    /** list --json: [name, registeredName] per tool. */
    listed: Array<[string | null, string]>;
    /** The names the wrappers send. */
    sent: string[];
    warnings: string[];
  };
}

const names: Array<[string, NameCase]> = [
  ['a plain operationId is registered as it is', { given: 'paths:\n  /a:\n    get: {operationId: getA}\n', want: { listed: [['getA', 'getA']], sent: ['getA'], warnings: [] } }],
  [
    'operationId: "" is registered as default_tool',
    { given: 'paths:\n  /a:\n    get: {operationId: ""}\n', want: { listed: [['', 'default_tool']], sent: ['default_tool'], warnings: ['default-tool-name'] } },
  ],
  [
    'operationId: (null) is accepted and registered as default_tool',
    { given: 'paths:\n  /a:\n    get:\n      operationId:\n', want: { listed: [[null, 'default_tool']], sent: ['default_tool'], warnings: ['default-tool-name'] } },
  ],
  [
    'operationId: ~ likewise',
    { given: 'paths:\n  /a:\n    get: {operationId: ~}\n', want: { listed: [[null, 'default_tool']], sent: ['default_tool'], warnings: ['default-tool-name'] } },
  ],
  [
    'an empty and a null operationId: both default_tool, Dify invokes the first',
    {
      given: 'paths:\n  /a:\n    get: {operationId: ""}\n  /b:\n    get: {operationId: ~}\n',
      want: { listed: [['', 'default_tool'], [null, 'default_tool']], sent: ['default_tool'], warnings: ['default-tool-name', 'duplicate-tool-name'] },
    },
  ],
  [
    'an operation named default_tool collides with an empty one',
    {
      given: 'paths:\n  /a:\n    get: {operationId: default_tool}\n  /b:\n    get: {operationId: ""}\n',
      want: { listed: [['default_tool', 'default_tool'], ['', 'default_tool']], sent: ['default_tool'], warnings: ['duplicate-tool-name'] },
    },
  ],
  [
    'a toolNames pin on the registered name still wins',
    {
      given: 'paths:\n  /a:\n    get: {operationId: ""}\n',
      manifest: '    toolNames:\n      default_tool: pinned_name\n',
      want: { listed: [['', 'default_tool']], sent: ['pinned_name'], warnings: ['default-tool-name'] },
    },
  ],
];

describe('the name Dify registers, and the wrapper calls', () => {
  it.each(names)('%s', async (_name, { given, manifest, want }) => {
    const dir = projectWith(HEADER + given, manifest);
    const listed = await cli(dir, 'list', '--json', 'spec.yaml');
    expect(listed.code).toBe(0);
    const record = JSON.parse(listed.stdout) as { tools: Array<{ name: string | null; registeredName: string }>; diagnostics: Array<{ code: string }> };
    expect(record.tools.map((t) => [t.name, t.registeredName])).toEqual(want.listed);
    expect(record.diagnostics.map((d) => d.code)).toEqual(want.warnings);
    const generated = await cli(dir, 'generate');
    expect(generated.code).toBe(0);
    expect(sentNames(dir)).toEqual(want.sent);
  });
});

describe('list (table) shows the registered name, and the operationId Dify was given', () => {
  it.each([
    ['operationId: ""', 'paths:\n  /a:\n    get: {operationId: ""}\n', '\n  default_tool  GET /a  (operationId "")\n'],
    ['operationId: ~', 'paths:\n  /a:\n    get: {operationId: ~}\n', '\n  default_tool  GET /a  (operationId null)\n'],
    ['a plain name', 'paths:\n  /a:\n    get: {operationId: getA}\n', '\n  getA  GET /a\n'],
  ])('%s', async (_name, given, line) => {
    const run = await cli(projectWith(HEADER + given), 'list', 'spec.yaml');
    expect(run.stdout).toContain(line);
  });
});

interface NumberCase {
  /** A parameter's `schema` (YAML), or a whole JSON document when it starts with `{`. */
  given: string;
  /** The default as `list --json` prints it: Python's json.dumps text. */
  listed: string;
  /** The JSDoc line of the generated parameter. */
  jsdoc: string;
}

const json = (defaultText: string) =>
  `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://api.test"}], "paths": {"/a": {"get": {"operationId": "a", "parameters": [{"name": "p", "in": "query", "schema": {"type": "number", "default": ${defaultText}}}]}}}}`;

// Python: json.dumps(float("inf")) == "Infinity", json.dumps(float("nan")) == "NaN",
// json.dumps(12345678901234567890) == "12345678901234567890", json.dumps(1e-05) == "1e-05",
// json.dumps(1e16) == "1e+16", json.dumps(1.0) == "1.0" (float repr).
const numbers: Array<[string, NumberCase]> = [
  ['YAML .inf', { given: '{type: number, default: .inf}', listed: '"default":Infinity', jsdoc: '@default Infinity' }],
  ['YAML -.inf', { given: '{type: number, default: -.inf}', listed: '"default":-Infinity', jsdoc: '@default -Infinity' }],
  ['YAML .nan', { given: '{type: number, default: .nan}', listed: '"default":NaN', jsdoc: '@default NaN' }],
  ['YAML integer beyond 2^64', { given: '{type: integer, default: 12345678901234567890}', listed: '"default":12345678901234567890', jsdoc: '@default 12345678901234567890' }],
  ['YAML 2^53 + 1', { given: '{type: integer, default: 9007199254740993}', listed: '"default":9007199254740993', jsdoc: '@default 9007199254740993' }],
  ['JSON Infinity (json.loads accepts it)', { given: json('Infinity'), listed: '"default":Infinity', jsdoc: '@default Infinity' }],
  ['JSON NaN', { given: json('NaN'), listed: '"default":NaN', jsdoc: '@default NaN' }],
  ['JSON integer beyond 2^64', { given: json('12345678901234567890'), listed: '"default":12345678901234567890', jsdoc: '@default 12345678901234567890' }],
  ['YAML 0.00001 (Python writes 1e-05)', { given: '{type: number, default: 0.00001}', listed: '"default":1e-05', jsdoc: '@default 1e-05' }],
  ['YAML 1.0e+16 is a float (Python writes 1e+16)', { given: '{type: number, default: 1.0e+16}', listed: '"default":1e+16', jsdoc: '@default 1e+16' }],
  ['YAML 1.0 is a float (Python writes 1.0)', { given: '{type: number, default: 1.0}', listed: '"default":1.0', jsdoc: '@default 1.0' }],
  ['YAML 1. is a float too', { given: '{type: number, default: 1.}', listed: '"default":1.0', jsdoc: '@default 1.0' }],
  ['YAML 1 is an int', { given: '{type: number, default: 1}', listed: '"default":1', jsdoc: '@default 1' }],
  ['bytes read as a float by pydantic (!!binary "12")', { given: '{type: number, default: !!binary MTI=}', listed: '"default":12.0', jsdoc: '@default 12.0' }],
  ['JSON 2.0 is a float', { given: json('2.0'), listed: '"default":2.0', jsdoc: '@default 2.0' }],
  ['JSON 2e0 is a float', { given: json('2e0'), listed: '"default":2.0', jsdoc: '@default 2.0' }],
  ['JSON -0.0 is the float -0.0', { given: json('-0.0'), listed: '"default":-0.0', jsdoc: '@default -0.0' }],
  ['JSON -0 stays 0', { given: json('-0'), listed: '"default":0', jsdoc: '@default 0' }],
];

describe('numbers keep their value', () => {
  it.each(numbers)('%s', async (_name, { given, listed, jsdoc }) => {
    const spec = given.startsWith('{"') ? given : `${HEADER}paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {name: p, in: query, schema: ${given}}\n`;
    const dir = projectWith(spec);
    const run = await cli(dir, 'list', '--json', 'spec.yaml');
    expect(run.stdout).toContain(`{"name":"p","type":"number","required":false,${listed},"in":"query"}`);
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'p.ts'), 'utf8')).toContain(`   * ${jsdoc}\n`);
  });
});

/** `pairs` paths with a GET and a POST each: 2 × pairs tools. */
function manyTools(pairs: number): string {
  let out = `${HEADER}paths:\n`;
  for (let i = 0; i < pairs; i++) out += `  /r${i}:\n    get: {operationId: get${i}}\n    post: {operationId: post${i}}\n`;
  return out;
}

interface CountCase {
  given: string;
  want: { warning?: string; strictExit: number };
}

const counts: Array<[string, CountCase]> = [
  ['exactly 100 tools: Dify creates the provider', { given: manyTools(50), want: { strictExit: 0 } }],
  [
    '102 tools: a warning at the paths key, and --strict fails',
    {
      given: manyTools(51),
      want: {
        warning:
          'spec.yaml:4:1: warning [too-many-tools] the document yields 102 tools, more than the 100 Dify allows when a provider is created\n' +
          '  at #/paths\n' +
          '      4 | paths:\n' +
          '  Dify: Creating the provider fails with "the number of apis should be less than 100"; editing an existing provider saves all 102 tools.\n' +
          "  fix:  cut it into parts Dify accepts with 'dify-toolgen export spec.yaml --out <folder>', or keep only the operations one plugin needs",
        strictExit: 1,
      },
    },
  ],
];

describe('more than 100 tools', () => {
  it.each(counts)('%s', async (_name, { given, want }) => {
    const dir = projectWith(given);
    const listed = await cli(dir, 'list', 'spec.yaml');
    expect(listed.code).toBe(0);
    if (want.warning) expect(listed.stdout).toContain(want.warning);
    else expect(listed.stdout).not.toContain('too-many-tools');
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect((await cli(dir, 'generate', '--strict')).code).toBe(want.strictExit);
  });
});

describe('YAML dates, bytes and inexact numbers in schemas used only for typing', () => {
  // Dify never validates a parameter's enum; a caller sends JSON, where PyYAML's date is the
  // ISO text jsonable_encoder writes, and UTF-8 bytes are their text.
  it.each([
    ['an enum of unquoted dates', '{type: string, enum: [2024-01-01, x]}', 'p?: "2024-01-01" | "x";'],
    ['an enum with !!binary text', '{type: string, enum: [!!binary aGVsbG8=]}', 'p?: "hello";'],
    // No TypeScript number literal holds 12345678901234567890 exactly: any number.
    ['an enum with an integer beyond 2^53', '{type: integer, enum: [12345678901234567890, 1]}', 'p?: number | 1;'],
    // JSON cannot carry inf (the plugin daemon's JSON refuses it): no value can be sent.
    ['an enum with .inf', '{type: number, enum: [.inf]}', 'p?: never;'],
  ])('%s', async (_name, schema, member) => {
    const dir = projectWith(`${HEADER}paths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - {name: p, in: query, schema: ${schema}}\n`);
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'generated', 'p.ts'), 'utf8')).toContain(`  ${member}\n`);
  });
});
