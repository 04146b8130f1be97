/**
 * The workflow tool as a caller sees it (issue 10, items 9 and 10): the result type of a
 * workflow with several end nodes, and which start variables a call may leave out. Each
 * row is the smallest DSL that shows the rule; the generated module is checked as text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project } from '../cli/run.js';

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

/** The generated module for the DSL. */
async function generated(text: string): Promise<string> {
  const dir = project(MANIFEST);
  writeFileSync(join(dir, 'app.yml'), text);
  const run = await cli(dir, 'generate');
  expect(run.stderr).toBe('');
  return readFileSync(join(dir, 'generated', 'echo.ts'), 'utf8');
}

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
