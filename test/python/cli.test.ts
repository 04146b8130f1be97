/**
 * The manifest's `python:` and `typescript:` keys and `--target`, through the CLI: what is
 * written where, `check` over both folders, the guards of the Python folder, and the
 * messages of each mistake.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_MANIFEST, project, REPO } from '../cli/run.js';

const BOTH = EXAMPLE_MANIFEST.replace('output: generated\n', 'output: generated\npython:\n  output: tools_py\n');

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('python output', () => {
  const cases: Array<[string, { manifest: string; args: string[]; ts: string[]; py: string[] }]> = [
    ['both outputs', { manifest: BOTH, args: [], ts: ['index.ts', 'petstore.ts', 'runtime.ts', 'validators.ts', 'weather.ts'], py: ['__init__.py', 'petstore.py', 'runtime.py', 'weather.py'] }],
    ['--target python', { manifest: BOTH, args: ['--target', 'python'], ts: [], py: ['__init__.py', 'petstore.py', 'runtime.py', 'weather.py'] }],
    ['--target typescript', { manifest: BOTH, args: ['--target', 'typescript'], ts: ['index.ts', 'petstore.ts', 'runtime.ts', 'validators.ts', 'weather.ts'], py: [] }],
    ['typescript: false', { manifest: `typescript: false\n${BOTH}`, args: [], ts: [], py: ['__init__.py', 'petstore.py', 'runtime.py', 'weather.py'] }],
  ];
  it.each(cases)('%s', async (_name, { manifest, args, ts, py }) => {
    const dir = project(manifest);
    const run = await cli(dir, 'generate', ...args);
    // The example spec's own warnings (what Dify cannot send as meant) aside, nothing is reported.
    expect(run.stderr.split('\n').filter((line) => / (error|warning) \[/.test(line) && !line.startsWith('specs/'))).toEqual([]);
    expect(run.code).toBe(0);
    expect(files(join(dir, 'generated'))).toEqual(ts);
    expect(files(join(dir, 'tools_py'))).toEqual(py);
    expect(run.stdout).toMatch(new RegExp(`in ${[ts.length ? 'generated/' : '', py.length ? 'tools_py/' : ''].filter(Boolean).join(' and ')},`));
  });

  it('reports the same located warnings whichever output is written (they come from the one model)', async () => {
    const warnings = async (manifest: string, ...args: string[]) => (await cli(project(manifest), 'generate', ...args)).stderr.split('\n\n').filter((block) => block.includes(' warning ['));
    const typescript = await warnings(EXAMPLE_MANIFEST);
    expect(typescript.map((block) => /\[([a-z-]+)\]/.exec(block)![1])).toEqual(['untyped-property-null', 'ref-property-as-text', 'body-form-encoded', 'binary-from-plugin']);
    expect(await warnings(`typescript: false\n${BOTH}`)).toEqual(typescript);
    expect(await warnings(BOTH, '--target', 'python')).toEqual(typescript);
    expect(await warnings(BOTH)).toEqual(typescript);
  });

  it('types a workflow start variable as required in both outputs when Dify requires it (a default Dify rejects)', async () => {
    const workflow =
      '  brief:\n    type: workflow\n    id: 0b8e6f5c-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n    tool: brief\n' +
      '    parameters:\n      - {variable: audience, type: select, required: false, default: "", options: [engineers, managers]}\n' +
      '      - {variable: topic, type: text-input, required: true, default: "x"}\n      - {variable: tone, type: text-input, required: false}\n';
    const dir = project(`output: generated\npython:\n  output: tools_py\nproviders:\n${workflow}`);
    expect((await cli(dir, 'generate')).code).toBe(0);
    const ts = readFileSync(join(dir, 'generated', 'brief.ts'), 'utf8');
    const py = readFileSync(join(dir, 'tools_py', 'brief.py'), 'utf8');
    expect(ts).toMatch(/  audience: "engineers" \| "managers";/);
    expect(ts).toMatch(/  topic: string;/);
    expect(ts).toMatch(/  tone\?: string;/);
    expect(py).toContain('    audience: Literal["engineers", "managers"]\n');
    expect(py).toContain('    topic: str\n');
    expect(py).toContain('    tone: NotRequired[str]\n');
  });

  it('a lone surrogate in a key or an enum value (valid JSON) still gives validators pydantic can build', async () => {
    const spec =
      '{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://x.example"}], "paths": {"/a": {"post": {"operationId": "a", ' +
      '"requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"p\\ud800": {"type": "string"}, "mode": {"type": "string", "enum": ["\\udc00", "ok"]}}}}}}, ' +
      '"responses": {"200": {"description": "ok"}}}}}}';
    const dir = project('typescript: false\npython:\n  output: tools_py\nproviders:\n  odd:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: specs/odd.json\n');
    writeFileSync(join(dir, 'specs', 'odd.json'), spec);
    expect((await cli(dir, 'generate')).code).toBe(0);
    const module = readFileSync(join(dir, 'tools_py', 'odd.py'), 'utf8');
    expect(module).toContain('    mode: NotRequired[Literal["ok"] | str]\n');
    expect(module).toContain('Keys that are empty or hold a lone surrogate cannot be typed in Python: pass them with a cast.');
    const check = spawnSync(join(REPO, '.venv', 'bin', 'python'), [join(REPO, 'test', 'python', 'adapters_check.py'), join(dir, 'tools_py')], { encoding: 'utf8' });
    expect(check.stdout).toBe('1 modules imported, 0 failures\n');
  });

  it('check names stale and extra Python files; generate then leaves both folders up to date', async () => {
    const dir = project(BOTH);
    await cli(dir, 'generate');
    const petstore = join(dir, 'tools_py', 'petstore.py');
    writeFileSync(petstore, readFileSync(petstore, 'utf8').replace('"addPet"', '"addPets"'));
    writeFileSync(join(dir, 'tools_py', 'old.py'), '# This file was generated by dify-toolgen from specs/old.yaml.\n');
    const stale = await cli(dir, 'check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('tools_py/petstore.py: error [output-stale] "petstore.py" is not what generate would write:');
    expect(stale.stderr).toContain('    -         tool_name="addPets",\n    +         tool_name="addPet",\n');
    expect(stale.stderr).toContain('error [output-extra] "old.py" is a generated file that generate would no longer write');
    expect(stale.stdout).toBe("dify-toolgen: generated/ and tools_py/ is out of date: 0 missing, 1 stale, 1 extra; run 'dify-toolgen generate'\n");
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(files(join(dir, 'tools_py'))).toEqual(['__init__.py', 'petstore.py', 'runtime.py', 'weather.py']);
    expect((await cli(dir, 'check')).stdout).toBe('dify-toolgen: generated/ and tools_py/ is up to date (9 files)\n');
  });

  it('never overwrites a Python file it did not generate, and then writes neither folder', async () => {
    const dir = project(BOTH);
    await cli(dir, 'generate');
    writeFileSync(join(dir, 'tools_py', 'weather.py'), 'MINE = 1\n');
    writeFileSync(join(dir, 'specs', 'petstore.yaml'), readFileSync(join(dir, 'specs', 'petstore.yaml'), 'utf8').replace('operationId: listPets', 'operationId: listAllPets'));
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [output-not-generated] refusing to overwrite "weather.py": it was not generated by dify-toolgen');
    expect(readFileSync(join(dir, 'tools_py', 'weather.py'), 'utf8')).toBe('MINE = 1\n');
    expect(readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8')).toContain('"listPets"');
    expect(readFileSync(join(dir, 'tools_py', 'petstore.py'), 'utf8')).toContain('"listPets"');
    expect(files(join(dir, 'tools_py')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  const mistakes: Array<[string, { manifest: string; args: string[]; want: string }]> = [
    ['python.output outside the project', { manifest: BOTH.replace('output: tools_py', 'output: ../elsewhere'), args: [], want: 'dify-tools.yaml:3:11: error [manifest-path-outside] the python.output path "../elsewhere" leaves the project folder' }],
    ['an unknown key under python', { manifest: BOTH.replace('  output: tools_py', '  output: tools_py\n  ouput: x'), args: [], want: 'dify-tools.yaml:4:3: error [manifest-unknown-key]' }],
    ['--target python without a python key', { manifest: EXAMPLE_MANIFEST, args: ['--target', 'python'], want: 'dify-tools.yaml: error [target-not-configured] --target python: the manifest asks for no python output' }],
    ['--target with an unknown name', { manifest: BOTH, args: ['--target', 'rust'], want: 'error [bad-arguments] --target takes typescript or python (got "rust")' }],
    ['typescript: false and no python key', { manifest: `typescript: false\n${EXAMPLE_MANIFEST}`, args: [], want: 'dify-tools.yaml:1:13: error [manifest-no-output] `typescript: false` turns off the only output: there is nothing to generate' }],
    ['python.output a file', { manifest: BOTH.replace('output: tools_py', 'output: specs/petstore.yaml'), args: [], want: 'dify-tools.yaml:3:11: error [manifest-output-not-folder] the python.output path "specs/petstore.yaml" is a file, not a folder' }],
    ['python.output through a file', { manifest: BOTH.replace('output: tools_py', 'output: specs/petstore.yaml/py'), args: [], want: 'the python.output path "specs/petstore.yaml/py" goes through "specs/petstore.yaml", which is a file, not a folder' }],
    ['typescript: a misspelt shape', { manifest: `typescript: {emit: declaration}\n${EXAMPLE_MANIFEST}`, args: [], want: 'dify-tools.yaml:1:13: error [manifest-invalid] expected `false`, `true`, `{emit: source}` or `{emit: declarations}` at typescript' }],
    ['python.output not a package name', { manifest: BOTH.replace('output: tools_py', 'output: tools-py'), args: [], want: 'dify-tools.yaml:3:11: error [manifest-python-package-name] the python.output folder "tools-py" cannot be imported: "tools-py" is not a Python package name\n  fix:  name a folder of its own with a Python identifier, e.g. "tools_py"' }],
    ['python.output a keyword', { manifest: BOTH.replace('output: tools_py', 'output: gen/class'), args: [], want: 'error [manifest-python-package-name] the python.output folder "gen/class" cannot be imported: "class" is not a Python package name' }],
    ['python.output the project folder', { manifest: BOTH.replace('output: tools_py', 'output: .'), args: [], want: 'error [manifest-python-package-name] the python.output folder "." cannot be imported: "." is not a Python package name' }],
    ['python.output shadowing pydantic', { manifest: BOTH.replace('output: tools_py', 'output: pydantic'), args: [], want: 'dify-tools.yaml:3:11: error [manifest-python-package-shadows] the Python package "pydantic" would shadow the module of that name: the plugin\'s `import pydantic` would find the generated package' }],
  ];
  it.each(mistakes)('reports %s', async (_name, { manifest, args, want }) => {
    const dir = project(manifest);
    const run = await cli(dir, 'generate', ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(want);
    expect(files(join(dir, 'tools_py'))).toEqual([]);
  });
});
