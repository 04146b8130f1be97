/**
 * The `declarations` shape of the TypeScript output (`typescript: {emit: declarations}`):
 * the statement transforms, the precompiled support modules, and the example generated in
 * that shape: prettier's form, a strict type-check of a user's file against the `.d.ts`
 * (declarations checked too), the `.js` run by plain node, and switching shapes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { declarationStatements, scriptStatements } from '../../src/emit/typescript/declarations.js';
import type { Statement } from '../../src/emit/typescript/ast.js';
import { printStatements } from '../../src/emit/typescript/print.js';
import { DECLARATIONS_DIR, declarationSupportFiles } from '../../scripts/declarations-support.js';
import { cli, project, REPO } from '../cli/run.js';

const DECLARATIONS = readFileSync(join(REPO, 'dify-tools.yaml'), 'utf8').replace('output: generated\n', 'output: generated\ntypescript: {emit: declarations}\n');

/** A project with the example's specs and manifest, in the declarations shape. */
function declarationsProject(manifest = DECLARATIONS): string {
  return project(manifest);
}

describe('statement transforms', () => {
  const provider: Statement = {
    kind: 'const',
    name: 'provider',
    exported: true,
    init: { kind: 'asConst', expression: { kind: 'object', properties: [{ key: 'type', value: { kind: 'string', value: 'api' } }, { key: 'toString', value: { kind: 'string', value: 'x' } }] } },
    doc: ['The provider.'],
  };
  const table: Statement = {
    kind: 'const',
    name: 'tools',
    exported: true,
    init: { kind: 'asConst', expression: { kind: 'object', properties: [{ key: 'a', value: { kind: 'array', elements: [{ kind: 'string', value: 'x' }, { kind: 'number', value: -1 }, { kind: 'null' }, { kind: 'identifier', name: 'provider' }] } }] } },
  };
  const fn: Statement = {
    kind: 'function',
    name: 'getPet',
    exported: true,
    params: [
      { name: 'session', optional: false, type: { kind: 'reference', name: 'runtime.DifySession' } },
      { name: 'options', optional: true, type: { kind: 'reference', name: 'runtime.InvokeOptions' } },
    ],
    returnType: { kind: 'reference', name: 'runtime.ToolCall' },
    returns: { kind: 'call', callee: 'runtime.invokeTool', args: [{ kind: 'identifier', name: 'session' }] },
    doc: ['Gets a pet.'],
  };
  const imports: Statement[] = [
    { kind: 'import', names: [{ name: 'Pet', typeOnly: true }], from: './types.js' },
    { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
  ];
  const interfaceStatement: Statement = { kind: 'interface', name: 'Pet', exported: true, members: [{ key: 'id', optional: false, type: { kind: 'keyword', name: 'number' } }] };
  const statements = [...imports, provider, table, interfaceStatement, fn];

  it('declarations: consts and functions declared by their types, `as const` literals as readonly literal types', () => {
    expect(printStatements(declarationStatements(statements))).toBe(
      [
        'import { type Pet } from "./types.js";',
        'import * as runtime from "./runtime.js";',
        '/** The provider. */',
        'export declare const provider: {',
        '  readonly type: "api";',
        '  readonly toString: "x";',
        '};',
        'export declare const tools: {',
        '  readonly a: readonly ["x", -1, null, typeof provider];',
        '};',
        'export interface Pet {',
        '  id: number;',
        '}',
        '/** Gets a pet. */',
        'export declare function getPet(',
        '  session: runtime.DifySession,',
        '  options?: runtime.InvokeOptions,',
        '): runtime.ToolCall;',
        '',
      ].join('\n'),
    );
  });

  it('script: no types, no type-only imports, no `as const` (not even under keys naming Object members)', () => {
    expect(printStatements(scriptStatements(statements))).toBe(
      [
        'import * as runtime from "./runtime.js";',
        'export const provider = {',
        '  type: "api",',
        '  toString: "x",',
        '};',
        'export const tools = {',
        '  a: ["x", -1, null, provider],',
        '};',
        'export function getPet(session, options) {',
        '  return runtime.invokeTool(session);',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('the precompiled support modules', () => {
  it('are what scripts/declarations-support.ts makes of templates/runtime.ts and validators.ts', async () => {
    const made = await declarationSupportFiles();
    expect([...made.keys()]).toEqual(readdirSync(DECLARATIONS_DIR).sort());
    for (const [name, text] of made) expect([name, readFileSync(join(DECLARATIONS_DIR, name), 'utf8')]).toEqual([name, text]);
    // A user's type-checker never loads zod's declarations.
    expect(made.get('validators.d.ts')).not.toMatch(/from "zod|\bz\./);
  });
});

describe('the example in the declarations shape', () => {
  it('is a .d.ts and a .js per module, in prettier\'s form, that a strict project type-checks and plain node runs', async () => {
    const dir = declarationsProject();
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    const names = readdirSync(join(dir, 'generated')).sort();
    expect(names).toEqual(
      ['google', 'index', 'petstore', 'runtime', 'summarize', 'tavily', 'validators', 'weather', 'weatherPlugin'].flatMap((m) => [`${m}.d.ts`, `${m}.js`]),
    );
    for (const name of names) {
      const file = join(dir, 'generated', name);
      expect([name, await prettier.check(readFileSync(file, 'utf8'), { filepath: file })]).toEqual([name, true]);
    }
    // The .d.ts says what the .ts module says: the same interface, the wrapper's signature.
    const source = readFileSync(join(REPO, 'generated', 'petstore.ts'), 'utf8');
    const declarations = readFileSync(join(dir, 'generated', 'petstore.d.ts'), 'utf8');
    const params = /export interface GetPetByIdParams \{[\s\S]*?\n\}\n/.exec(source)![0];
    expect(declarations).toContain(params);
    expect(declarations).toContain('export declare function getPetById(\n  session: runtime.DifySession,\n  params: GetPetByIdParams,\n  options?: runtime.InvokeOptions,\n): runtime.ToolCall<');

    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(
      join(dir, 'use.ts'),
      [
        'import { createMockSession, petstore, type DifySession } from "./generated/index.js";',
        'declare const session: DifySession;',
        'export const pets: Promise<petstore.Pet[]> = petstore.getPetById(session, { petId: 1 }).json();',
        '// @ts-expect-error a wrong type',
        'petstore.getPetById(session, { petId: "1" });',
        'export { createMockSession };',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const script = [
      'import { petstore, ToolParameterError } from "./generated/index.js";',
      'const session = { tool: { invokeApiTool: (provider, tool, params) => [{ type: "json", message: { json_object: { tool, params } } }] } };',
      'console.log(JSON.stringify(await petstore.getPetById(session, { petId: 7, "X-Request-Id": "0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f" }).json()));',
      'try { petstore.getPetById(session, { petId: "7" }); } catch (e) { console.log(e instanceof ToolParameterError, e.message); }',
    ].join('\n');
    writeFileSync(join(dir, 'run.mjs'), script);
    const node = spawnSync(process.execPath, [join(dir, 'run.mjs')], { encoding: 'utf8', cwd: dir });
    expect(node.stderr).toBe('');
    expect(node.stdout).toBe(
      '[{"tool":"getPetById","params":{"petId":7,"X-Request-Id":"0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f"}}]\ntrue invalid parameters for Dify tool "getPetById": petId: expected number, received string\n',
    );
  });

  it('switching shapes removes the other shape\'s generated files, and check agrees', async () => {
    const dir = declarationsProject(DECLARATIONS.replace('typescript: {emit: declarations}\n', ''));
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(existsSync(join(dir, 'generated', 'petstore.ts'))).toBe(true);
    writeFileSync(join(dir, 'dify-tools.yaml'), DECLARATIONS);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ 9 removed\)/);
    expect(readdirSync(join(dir, 'generated')).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))).toEqual([]);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('warns, at the package.json, when node would read the .js files as CommonJS', async () => {
    const dir = declarationsProject();
    writeFileSync(join(dir, 'package.json'), '{\n  "name": "plugin",\n  "type": "commonjs",\n  "dependencies": {"zod": "^4.0.0"}\n}\n');
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'package.json:3:3: warning [declarations-not-esm] the declarations shape writes ES modules (.js), but node reads .js files under this package.json as CommonJS ("type": "commonjs")\n' +
        '      3 |   "type": "commonjs",\n',
    );
    expect(run.stderr).toContain('  fix:  set "type": "module" in this package.json, or emit source');
    // The source shape compiles with the rest of the project: no such warning.
    writeFileSync(join(dir, 'dify-tools.yaml'), DECLARATIONS.replace('typescript: {emit: declarations}\n', ''));
    expect((await cli(dir, 'generate')).stderr).not.toContain('declarations-not-esm');
  });

  it('refuses templates, which shape .ts modules, at their place in the manifest', async () => {
    const dir = declarationsProject(DECLARATIONS.replace('output: generated\n', 'output: generated\ntemplates: specs\n'));
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dify-tools.yaml:5:12: error [manifest-templates-declarations] templates shape .ts modules: they cannot apply to `typescript: {emit: declarations}`');
  });
});
