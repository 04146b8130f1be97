/**
 * The workflow tool as a caller sees it (issue 10, items 9 and 10): the result type of a
 * workflow with several end nodes, and which start variables a call may leave out. Each
 * row is the smallest DSL that shows the rule; the generated module is checked as text.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project, REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';

const MANIFEST = 'providers:\n  echo:\n    type: workflow\n    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n    tool: echo\n    dsl: app.yml\n';

/** A DSL whose start node declares `variables` and with one end node per entry of `ends` (each a list of outputs). */
function dsl(variables: string[], ends: string[][]): string {
  const end = (outputs: string[], i: number) => `      - id: end${i}\n        data:\n          type: end\n          outputs: [${outputs.join(', ')}]\n`;
  return [
    'app: {mode: workflow, name: Echo}\nkind: app\nversion: 0.6.0\nworkflow:\n  graph:\n    edges: []\n    nodes:\n',
    `      - id: start\n        data:\n          type: start\n          variables: [${variables.join(', ')}]\n`,
    ...ends.map(end),
  ].join('');
}

/** The generated files for the DSL, by name. */
async function generatedFiles(text: string): Promise<Map<string, string>> {
  const dir = project(MANIFEST);
  writeFileSync(join(dir, 'app.yml'), text);
  const run = await cli(dir, 'generate');
  expect(run.stderr).toBe('');
  const out = join(dir, 'generated');
  return new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
}

/** The generated module for the DSL. */
const generated = async (text: string) => (await generatedFiles(text)).get('echo.ts') ?? '';

const A = '{variable: a, value_type: string, value_selector: [start, x]}';
const B = '{variable: b, value_type: number, value_selector: [start, y]}';
const X = '{variable: x, label: X, type: text-input, required: true}';

describe('a workflow with several end nodes returns the outputs of the one it reached', () => {
  // Dify: WorkflowTool._invoke (api/core/tools/workflow_as_tool/tool.py) sends the run's
  // `outputs` as one JSON message; a run ends at one end node, whose outputs those are.
  const cases: Array<[string, { ends: string[][]; want: string }]> = [
    ['one end node: an interface', { ends: [[A]], want: 'export interface EchoOutput {\n  /** value_type: string */\n  a: string;\n}' }],
    ['two end nodes with the same outputs: one shape', { ends: [[A, B], [B, A]], want: 'export interface EchoOutput {\n  /** value_type: string */\n  a: string;\n  /** value_type: number */\n  b: number;\n}' }],
    [
      'two end nodes: either shape',
      { ends: [[A], [B]], want: 'export type EchoOutput =\n  | {\n      /** value_type: string */\n      a: string;\n    }\n  | {\n      /** value_type: number */\n      b: number;\n    };' },
    ],
    [
      'an end node without outputs: an empty object',
      { ends: [[A], []], want: 'export type EchoOutput =\n  | {\n      /** value_type: string */\n      a: string;\n    }\n  | Record<string, never>;' },
    ],
  ];
  it.each(cases)('%s', async (_, { ends, want }) => {
    expect(await generated(dsl([X], ends))).toContain(want);
  });
  it('the union type-checks, and a caller narrows it by output name', async () => {
    const files = await generatedFiles(dsl([X], [[A], [B]]));
    const use = [
      "import * as echo from './echo.js';",
      "import type { DifySession } from './runtime.js';",
      'export async function total(session: DifySession): Promise<string | number> {',
      "  const [out] = await echo.echo(session, { x: 'hi' }).json();",
      "  if (out === undefined) return '';",
      "  return 'a' in out ? out.a : out.b;",
      '}',
      '// @ts-expect-error: not every shape has `a`',
      "export const wrong = (o: echo.EchoOutput): string => o.a;",
      '',
    ].join('\n');
    // Inside the repository, so that the generated imports of zod resolve.
    const root = join(REPO, 'node_modules', '.cache', 'dify-toolgen', 'workflow-tool');
    files.set('use.ts', use);
    expect(typeCheck(new Map([...files].map(([name, content]) => [join(root, name), content])))).toEqual([]);
  });
});

describe('a required start variable stays required whatever its default', () => {
  // Dify: a workflow tool passes a missing parameter as None, and
  // BaseAppGenerator._validate_inputs (api/core/app/apps/base_app_generator.py) raises
  // "<variable> is required in input form" for None when the variable is required, before
  // it looks at the default; an optional variable takes its default.
  const variable = (extra: string) => `{variable: x, label: X, type: text-input${extra}}`;
  const cases: Array<[string, { given: string; want: string }]> = [
    ["required: true, default: '' (a DSL 0.6 export)", { given: variable(", required: true, default: ''"), want: '  x: string;' }],
    ['required: true, default: hello', { given: variable(', required: true, default: hello'), want: '  x: string;' }],
    ['required: true, no default', { given: variable(', required: true'), want: '  x: string;' }],
    ["required: false, default: ''", { given: variable(", required: false, default: ''"), want: '  x?: string;' }],
    ['required: false, no default', { given: variable(', required: false'), want: '  x?: string;' }],
  ];
  it.each(cases)('%s', async (_, { given, want }) => {
    const module = await generated(dsl([given], [[A]]));
    const params = /export interface EchoParams \{\n[\s\S]*?\n\}/.exec(module)?.[0] ?? '';
    expect(params.split('\n').filter((line) => /^ {2}\w/.test(line))).toEqual([want]);
  });
});
