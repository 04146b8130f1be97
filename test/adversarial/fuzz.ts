/**
 * Property-based fuzzing of the whole pipeline: random specs and manifests whose every
 * string (operationIds, paths, parameter and property names, descriptions, enum values,
 * defaults, server URLs, tags, module names, plugin labels, DSL variable names) may be
 * hostile. `checkCase` runs generate in-process and returns the invariants it broke.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { buildOutput } from '../../src/generate.js';

const PAYLOADS = [
  '*/ globalThis.__CORPUS_PWNED__ = 1; /*',
  '"; globalThis.__CORPUS_PWNED__ = 1; "',
  "'; globalThis.__CORPUS_PWNED__ = 1; '",
  '`${globalThis.__CORPUS_PWNED__ = 1}`',
  '\\"); globalThis.__CORPUS_PWNED__ = 1; //',
  '__CORPUS_PWNED__',
  '__proto__',
  'constructor',
  'then',
  'toString',
  'delete',
  'x\u2028globalThis.__CORPUS_PWNED__ = 1',
  'x\u2029y',
  '\u202egnp.exe\u202c',
  '\u2066hidden\u2069',
  'zero\u200bwidth',
  'nul\u0000byte',
  'esc\u001b[31mred',
  '\ufeffbom',
  'line\nbreak',
  '\r\n',
  '</script><script>globalThis.__CORPUS_PWNED__=1</script>',
  '${__CORPUS_PWNED__}',
  '\\',
  '\ud800',
  '',
  ' ',
  '0',
  '1e5',
  'a'.repeat(300),
];

export const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

const scalar = fc.oneof(hostile, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

const schema: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ type: fc.constant('string'), enum: fc.array(hostile, { minLength: 1, maxLength: 4 }), default: hostile, description: hostile }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('integer', 'number', 'boolean'), default: scalar }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('array'), items: fc.record({ type: fc.constant('string'), enum: fc.array(hostile, { minLength: 1, maxLength: 3 }) }) }),
  fc.record({ type: fc.constant('object'), properties: fc.dictionary(hostile, fc.record({ type: fc.constant('string'), description: hostile }), { maxKeys: 3 }) }),
  fc.record({ $ref: fc.constant('#/components/schemas/Shared') }),
  fc.record({ $ref: hostile.map((h) => `other.yaml#/${h}`) }),
);

const parameter = fc.record({
  name: hostile,
  in: fc.constantFrom('path', 'query', 'header', 'cookie'),
  required: fc.boolean(),
  description: hostile,
  schema,
});

const operation = fc.record(
  {
    operationId: hostile,
    summary: hostile,
    description: hostile,
    tags: fc.array(hostile, { maxLength: 2 }),
    parameters: fc.array(parameter, { maxLength: 3 }),
    requestBody: fc.record({
      content: fc.record({
        'application/json': fc.record({
          schema: fc.record({ type: fc.constant('object'), required: fc.array(hostile, { maxLength: 2 }), properties: fc.dictionary(hostile, schema, { maxKeys: 3 }) }),
        }),
      }),
    }),
  },
  { requiredKeys: ['summary'] },
);

export const spec = fc.record({
  openapi: fc.constant('3.0.3'),
  info: fc.record({ title: hostile, version: fc.constant('1'), description: hostile }),
  servers: fc.array(fc.record({ url: hostile }), { minLength: 1, maxLength: 2 }),
  paths: fc.dictionary(
    hostile.map((h) => `/${h}`),
    fc.dictionary(fc.constantFrom('get', 'post', 'put', 'delete', 'patch', 'options'), operation, { minKeys: 1, maxKeys: 2 }),
    { minKeys: 1, maxKeys: 3 },
  ),
  components: fc.record({ schemas: fc.record({ Shared: fc.record({ type: fc.constant('object'), description: hostile, properties: fc.dictionary(hostile, schema, { maxKeys: 2 }) }) }) }),
});

const inlineTool = fc.record({
  description: hostile,
  parameters: fc.array(
    fc.record({
      name: hostile,
      type: fc.constantFrom('string', 'number', 'select', 'boolean', 'file'),
      required: fc.boolean(),
      form: fc.constantFrom('llm', 'form'),
      label: fc.record({ en_US: hostile }),
      human_description: fc.record({ en_US: hostile }),
      options: fc.array(fc.record({ value: hostile }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
});

export const fuzzCase = fc.record({
  spec,
  module: fc.oneof({ weight: 4, arbitrary: fc.constant('target') }, { weight: 1, arbitrary: hostile }),
  toolName: fc.oneof({ weight: 2, arbitrary: fc.constant('lookup') }, { weight: 1, arbitrary: hostile }),
  tool: fc.option(inlineTool, { freq: 3 }),
  variables: fc.option(fc.array(
    fc.record({ variable: hostile, label: hostile, type: fc.constantFrom('text-input', 'select', 'number', 'paragraph'), required: fc.boolean(), options: fc.array(hostile, { maxLength: 2 }) }),
    { maxLength: 3 },
  ), { freq: 3 }),
});
export type FuzzCase = typeof fuzzCase extends fc.Arbitrary<infer T> ? T : never;

const UNSAFE = /[\u0000\u001b\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2028\u2029]/;

/**
 * Identifiers named `name` that are code: a property *name* is not counted, because a
 * parameter may legitimately be called `__CORPUS_PWNED__` (its key is then an identifier
 * token, and prettier would unquote a quoted one); a reference, a declaration or a member
 * access (`globalThis.__CORPUS_PWNED__`) is.
 */
function codeIdentifierCount(text: string, name: string): number {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let count = 0;
  const visit = (node: ts.Node) => {
    const isPropertyName = node.parent !== undefined && (ts.isPropertySignature(node.parent) || ts.isPropertyAssignment(node.parent)) && node.parent.name === node;
    if (ts.isIdentifier(node) && node.text === name && !isPropertyName) count++;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return count;
}

function syntaxErrors(text: string): string[] {
  const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/** Writes the case as a project (the manifest through JSON, which is YAML too). */
export function writeProject(root: string, c: FuzzCase): string {
  const dir = mkdtempSync(join(root, 'case-'));
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'spec.json'), JSON.stringify(c.spec));
  const providers: Record<string, unknown> = Object.create(null);
  providers[c.module] = { type: 'api', id: '00000000-0000-4000-8000-000000000000', spec: 'specs/spec.json' };
  if (c.tool) providers.plugin = { type: 'builtin', id: 'acme/fuzz/fuzz', tools: { [c.toolName]: c.tool } };
  if (c.variables) providers.flow = { type: 'workflow', id: '00000000-0000-4000-8000-000000000001', tool: 'flow', parameters: c.variables };
  const manifest = { providers };
  writeFileSync(join(dir, 'dify-tools.json'), JSON.stringify(manifest));
  return dir;
}

export interface CaseOutcome {
  dir: string;
  files: Array<{ name: string; content: string }>;
  problems: string[];
}

/** Generated texts that broke no invariant of `checkCase`'s file checks (which depend on the text only). */
const passed = new Set<string>();

/** Runs one case; `problems` lists every invariant it broke. */
export function checkCase(root: string, c: FuzzCase): CaseOutcome {
  const dir = writeProject(root, c);
  const problems: string[] = [];
  const attempt = (): { files: Array<{ name: string; content: string }> } | { error: string } => {
    try {
      return { files: buildOutput({ cwd: dir }).files };
    } catch (e) {
      if (e instanceof UserError) return { error: e.diagnostics.map(formatDiagnostic).join('\n') };
      problems.push(`bug: ${(e as Error).stack ?? String(e)}`);
      return { error: '' };
    }
  };
  const first = attempt();
  const second = attempt();
  if (JSON.stringify(first) !== JSON.stringify(second)) problems.push('output differs between two runs');
  if ('error' in first) {
    if (UNSAFE.test(first.error)) problems.push(`unescaped character in messages: ${JSON.stringify(first.error.slice(0, 300))}`);
    return { dir, files: [], problems };
  }
  for (const file of first.files) {
    // The support files are the same in every case: a text that passed is not parsed again.
    if (passed.has(file.content)) continue;
    const before = problems.length;
    if (UNSAFE.test(file.content)) problems.push(`${file.name}: raw control, bidi or invisible character`);
    const errors = syntaxErrors(file.content);
    if (errors.length) problems.push(`${file.name}: syntax errors: ${errors.slice(0, 3).join('; ')}`);
    if (codeIdentifierCount(file.content, '__CORPUS_PWNED__') > 0) problems.push(`${file.name}: __CORPUS_PWNED__ is an identifier in code`);
    if (problems.length === before) passed.add(file.content);
  }
  return { dir, files: first.files, problems };
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
