/**
 * readWorkflowDsl: the workflow tool Dify publishes from an exported app DSL (start variables
 * → parameters, end outputs → outputs), one located error per mistake, PyYAML's reading,
 * and workflowFromInline applying the same rules to the manifest's inline declarations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { SourceLocation, SourceProvider } from '../../src/sources/model.js';
import { readWorkflowDsl, workflowFromInline } from '../../src/sources/workflow.js';
import { dedent } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const TEMP = mkdtempSync(join(tmpdir(), 'dify-toolgen-dsl-'));
afterAll(() => rmSync(TEMP, { recursive: true, force: true }));

const at = (file: string, line: number, column: number, pointer: string): SourceLocation => ({ file, line, column, pointer });

function refused(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    for (const d of e.diagnostics) expect(d.severity).toBe('error');
    return e.diagnostics;
  }
  throw new Error('expected a UserError');
}

let files = 0;

/** Reads `text` as the DSL `app.yml`. */
function readDsl(text: string, toolName = 'echo', toolNameLocation?: SourceLocation): SourceProvider {
  const file = join(TEMP, `dsl${++files}.yml`);
  writeFileSync(file, text);
  return readWorkflowDsl(file, { display: 'app.yml', toolName, ...(toolNameLocation ? { toolNameLocation } : {}) });
}

describe('readWorkflowDsl reads the fixture as Dify publishes it', () => {
  it('summarize.yml: every variable type, and the end outputs', () => {
    const file = 'workflows/summarize.yml';
    const variable = (i: number, line: number) => at(file, line, 15, `#/workflow/graph/nodes/0/data/variables/${i}`);
    const want: SourceProvider = {
      kind: 'workflow',
      id: '',
      label: 'Summarize document',
      description: 'Summarises a document for a chosen audience.',
      diagnostics: [],
      tools: [
        {
          name: 'summarize',
          label: 'Summarize document',
          description: 'Summarises a document for a chosen audience.',
          location: at(file, 32, 9, '#/workflow/graph/nodes/0'),
          outputs: [
            { name: 'summary', type: 'string' },
            { name: 'word_count', type: 'number' },
          ],
          parameters: [
            { name: 'document', type: 'string', required: true, default: null, label: 'Document', maxLength: 48000, location: variable(0, 40) },
            {
              name: 'audience',
              type: 'select',
              required: false,
              default: 'engineers',
              label: 'Audience',
              options: [
                { value: 'engineers', label: 'engineers' },
                { value: 'executives', label: 'executives' },
                { value: 'customers', label: 'customers' },
              ],
              location: variable(1, 46),
            },
            { name: 'max_words', type: 'number', required: false, default: 200, label: 'Maximum words', location: variable(2, 52) },
            { name: 'bullet_points', type: 'boolean', required: false, default: true, label: 'Use bullet points', location: variable(3, 58) },
            { name: 'title', type: 'string', required: false, default: null, label: 'Title', maxLength: 120, location: variable(4, 63) },
            { name: 'source_file', type: 'file', required: false, default: null, label: 'Source file', location: variable(5, 69) },
            { name: 'appendices', type: 'files', required: false, default: null, label: 'Appendices', maxLength: 5, location: variable(6, 75) },
            { name: 'options', type: 'object', required: false, default: null, label: 'Extra options', location: variable(7, 81) },
          ],
        },
      ],
    };
    expect(readWorkflowDsl(join(FIXTURES, file), { display: file, toolName: 'summarize' })).toStrictEqual(want);
  });
});

// Line numbers below refer to this DSL.
const DSL = dedent(`
  app:
    mode: workflow
    name: Echo
  kind: app
  version: 0.5.0
  workflow:
    graph:
      nodes:
        - id: start
          data:
            type: start
            variables:
              - variable: text
                label: Text
                type: text-input
                required: true
        - id: end
          data:
            type: end
            outputs:
              - variable: result
                value_type: string
                value_selector: [start, text]
`);

const edit = (from: string, to: string, text = DSL) => {
  expect(text).toContain(from);
  return text.replace(from, to);
};

interface Want {
  code: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
}

describe('readWorkflowDsl reports each mistake with its code, place and hint', () => {
  const toolNameAt = at('dify-tools.yaml', 7, 11, '#/providers/summarize/tool');
  const cases: Array<[string, { dsl: string; toolName?: string; want: Want }]> = [
    ['a tool name Dify cannot publish', { dsl: DSL, toolName: 'sum-marize', want: { code: 'workflow-tool-name', message: 'the workflow tool name "sum-marize" is not letters, digits and _ only', file: 'dify-tools.yaml', line: 7, column: 11 } }],
    ['a chatflow, not a workflow app', { dsl: edit('mode: workflow', 'mode: advanced-chat'), want: { code: 'workflow-not-workflow', message: 'the DSL is a "advanced-chat" app, not a workflow app', file: 'app.yml', line: 2, column: 9 } }],
    ['no start node', { dsl: edit('type: start', 'type: llm'), want: { code: 'workflow-no-start-node', message: 'the workflow has no start node', file: 'app.yml', line: 9, column: 7 } }],
    ['malformed YAML', { dsl: edit('label: Text', 'label: [Text'), want: { code: 'workflow-yaml-syntax', message: 'the DSL "app.yml" cannot be read', file: 'app.yml', line: 15, column: 15 } }],
    ['a DSL that is not a mapping', { dsl: '- app\n- workflow\n', want: { code: 'workflow-invalid', message: 'the DSL must be a mapping, not a list', file: 'app.yml', line: 1, column: 1 } }],
    ['no app data', { dsl: edit('app:\n  mode: workflow\n  name: Echo\n', ''), want: { code: 'workflow-invalid', message: 'the DSL has no `app` mapping', file: 'app.yml', line: 1, column: 1 } }],
    ['no graph nodes', { dsl: edit('    nodes:', '    edges:'), want: { code: 'workflow-invalid', message: 'the DSL has no `workflow.graph.nodes` list', file: 'app.yml', line: 8, column: 5 } }],
    ['an unknown variable type', { dsl: edit('type: text-input', 'type: textinput'), want: { code: 'workflow-variable-type', message: 'the variable "text" has the unknown type "textinput"', file: 'app.yml', line: 15, column: 21 } }],
    ['a variable type Dify cannot map', { dsl: edit('type: text-input', 'type: external_data_tool'), want: { code: 'workflow-variable-type', message: 'has the type "external_data_tool", which cannot be a tool parameter', file: 'app.yml', line: 15, column: 21 } }],
    ['a variable without its name', { dsl: edit('- variable: text\n              label', '- label'), want: { code: 'workflow-variable-missing-key', message: 'variables[0] has no `variable`', file: 'app.yml', line: 13, column: 15 } }],
    ['a variable without its type', { dsl: edit('              type: text-input\n', ''), want: { code: 'workflow-variable-missing-key', message: 'the variable "text" has no `type`', file: 'app.yml', line: 13, column: 15 } }],
    ['a required flag that is not a boolean', { dsl: edit('required: true', 'required: maybe'), want: { code: 'workflow-variable-invalid', message: '`required` must be true or false, not "maybe"', file: 'app.yml', line: 16, column: 25 } }],
    [
      'a duplicate variable',
      { dsl: edit('              required: true\n', '              required: true\n            - {variable: text, label: Again, type: number}\n'), want: { code: 'workflow-duplicate-variable', message: 'the variable name "text" is declared twice (first at line 13)', file: 'app.yml', line: 17, column: 26 } },
    ],
    ['select options that are not text', { dsl: edit('type: text-input', 'type: select\n              options: [a, {b: c}]'), want: { code: 'workflow-variable-invalid', message: '`options[1]` must be text, not a mapping', file: 'app.yml', line: 16, column: 28 } }],
    ['an output of an unknown type', { dsl: edit('value_type: string', 'value_type: str'), want: { code: 'workflow-output-invalid', message: 'the output "result" has the unknown value_type "str"', file: 'app.yml', line: 22, column: 27 } }],
    ['a human-input node', { dsl: edit('type: end', 'type: human-input'), want: { code: 'workflow-human-input', message: 'human-input node', file: 'app.yml', line: 17, column: 9 } }],
  ];
  it.each(cases)('%s', (_, { dsl, toolName, want }) => {
    const [first] = refused(() => readDsl(dsl, toolName, toolNameAt));
    const got: Want = { code: first?.code ?? '', message: first?.message.includes(want.message) ? want.message : (first?.message ?? ''), file: first?.location?.file ?? '' };
    if (first?.location?.line !== undefined) Object.assign(got, { line: first.location.line, column: first.location.column });
    expect(got).toEqual(want);
    expect(first?.hint).toBeTruthy();
  });

  it('names the valid variable types and the nearest one', () => {
    const [d] = refused(() => readDsl(edit('type: text-input', 'type: textinput')));
    expect(d?.hint).toBe('did you mean "text-input"? valid types: text-input, paragraph, select, number, checkbox, file, file-list, json_object');
  });

  it('says when the DSL file cannot be read', () => {
    const [d] = refused(() => readWorkflowDsl(join(TEMP, 'missing.yml'), { display: 'missing.yml', toolName: 'x' }));
    expect([d?.code, d?.location?.file, d?.message]).toEqual(['workflow-unreadable', 'missing.yml', 'cannot read the DSL "missing.yml": no such file']);
  });
});

describe('readWorkflowDsl reads values as Dify (PyYAML, pydantic) does', () => {
  it('YAML 1.1 booleans, lax booleans and integers, Array[...] output types', () => {
    const dsl = edit(
      '              required: true\n',
      [
        '              required: yes',
        '              max_length: "64"',
        '            - {variable: flag, label: Flag, type: checkbox, required: "off", default: off}',
        '            - {variable: n, label: N, type: number, required: 1, default: 0x10}',
        '',
      ].join('\n'),
      edit('value_type: string', 'value_type: Array[String]'),
    );
    const tool = readDsl(dsl).tools[0]!;
    expect(tool.parameters.map((p) => [p.name, p.type, p.required, p.default, p.maxLength])).toEqual([
      ['text', 'string', true, null, 64],
      ['flag', 'boolean', false, false, undefined],
      ['n', 'number', true, 16, undefined],
    ]);
    expect(tool.outputs).toEqual([{ name: 'result', type: 'array[string]' }]);
  });

  it('reads a DSL saved with a byte-order mark, positions unchanged', () => {
    const tool = readDsl('\ufeff' + DSL).tools[0]!;
    expect(tool.parameters[0]?.location).toEqual(at('app.yml', 13, 15, '#/workflow/graph/nodes/0/data/variables/0'));
  });

  it('merges the outputs of several end nodes: first appearance sets the order, the later end node wins', () => {
    const second = ['      - id: end2', '        data:', '          type: end', '          outputs:', '            - {variable: extra, value_type: number, value_selector: [start, text]}', '            - {variable: result, value_type: object, value_selector: [start, text]}', ''].join('\n');
    expect(readDsl(DSL + second).tools[0]!.outputs).toEqual([
      { name: 'result', type: 'object' },
      { name: 'extra', type: 'number' },
    ]);
  });

  it('warns about a variable without label and a select without options', () => {
    const provider = readDsl(edit('              label: Text\n              type: text-input\n', '              type: select\n'));
    expect(provider.diagnostics.map((d) => [d.severity, d.code, d.location?.line, d.location?.column])).toEqual([
      ['warning', 'workflow-variable-label-missing', 13, 15],
      ['warning', 'workflow-select-no-options', 13, 15],
    ]);
    expect(provider.tools[0]!.parameters[0]).toMatchObject({ name: 'text', type: 'select' });
  });
});

describe('workflowFromInline validates inline variables with the DSL rules', () => {
  const locate = (path: readonly (string | number)[]): SourceLocation => ({ file: 'dify-tools.yaml', pointer: '#/providers/s/' + path.join('/') });

  it('gives the same parameters and outputs as the DSL', () => {
    const { tool, diagnostics } = workflowFromInline(
      {
        name: 'echo',
        variables: [{ variable: 'text', label: 'Text', type: 'text-input', required: true }],
        outputs: [{ variable: 'result', value_type: 'string' }],
      },
      locate,
    );
    expect(diagnostics).toEqual([]);
    const fromDsl = readDsl(DSL).tools[0]!;
    expect(tool.parameters).toEqual(fromDsl.parameters.map((p) => ({ ...p, location: locate(['variables', 0]) })));
    expect(tool.outputs).toEqual(fromDsl.outputs);
  });

  it('reports the same mistakes, located through the callback', () => {
    const { diagnostics } = workflowFromInline(
      {
        name: 'sum-marize',
        variables: [{ variable: 'a', label: 'A', type: 'text' }, { label: 'B', type: 'number' }, JSON.parse('{"variable": "a", "label": "A2", "type": "number", "__proto__": {"polluted": true}}')],
        outputs: [{ variable: 'r', value_type: 'str' }],
      },
      locate,
    );
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ['workflow-tool-name', '#/providers/s/name'],
      ['workflow-variable-type', '#/providers/s/variables/0/type'],
      ['workflow-variable-missing-key', '#/providers/s/variables/1'],
      ['workflow-output-invalid', '#/providers/s/outputs/0/value_type'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
