/**
 * The Python output against the real tools: the example's and test/kinds' packages pass
 * `ruff format --check`, `pyright` (strict) and `mypy --strict` against the real dify_plugin
 * SDK; the recording test drives the wrappers through the SDK's real session; the hostile
 * corpus yields packages that parse, import cleanly and hold no injected name or raw
 * invisible character, byte-identical across runs. The environment (.venv) is made by
 * scripts/python-env.mjs (vitest's globalSetup).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { buildOutput, generate } from '../../src/generate.js';
import { REPO } from '../cli/run.js';

const PYTHON = join(REPO, '.venv', 'bin', 'python');
const PACKAGES = ['generated_py', 'test/kinds/generated_py'];

/** Runs a command from the repository root: its exit code, and its stdout then stderr. */
function run(command: string, args: readonly string[], env: Record<string, string> = {}): { code: number; output: string } {
  const result = spawnSync(command, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

describe('the committed Python packages', () => {
  it('pass ruff format --check (the support module included)', () => {
    expect(run(join(REPO, '.venv', 'bin', 'ruff'), ['format', '--check', '--no-cache', ...PACKAGES, 'templates/python', 'test/python'])).toEqual({ code: 0, output: expect.stringMatching(/files? already formatted/) });
  });

  it('pass ruff check with its default rules (imports sorted, __all__ sorted), as plugins run it', () => {
    expect(run(join(REPO, '.venv', 'bin', 'ruff'), ['check', '--isolated', '--no-cache', ...PACKAGES])).toEqual({ code: 0, output: 'All checks passed!\n' });
  });

  // test/python/result_types.py holds the type tests: assert_type, and `# type: ignore` lines that must be errors.
  it('pass pyright in strict mode against the real SDK (with the recording test, the type tests and the README\'s plugin using them)', () => {
    const result = run(process.execPath, [join(REPO, 'node_modules', 'pyright', 'index.js'), '-p', 'test/python/pyrightconfig.json', '--pythonpath', PYTHON, ...PACKAGES, 'test/python/test_recording.py', 'test/python/example_plugin.py', 'test/python/hostile_check.py', 'test/python/result_types.py', 'test/python/encoding_cases.py']);
    expect(result.output).toContain('0 errors, 0 warnings, 0 informations');
    expect(result.code).toBe(0);
  });

  it('pass mypy --strict against the real SDK (with the recording test and the README\'s plugin using them)', () => {
    const cache = mkdtempSync(join(tmpdir(), 'mypy-'));
    const result = run(PYTHON, ['-m', 'mypy', '--config-file', 'test/python/mypy.ini', '--cache-dir', cache, 'generated_py', 'test/python/test_recording.py', 'test/python/example_plugin.py', 'test/python/result_types.py', 'test/python/encoding_cases.py']);
    expect(result).toEqual({ code: 0, output: expect.stringContaining('Success: no issues found') });
    const kinds = run(PYTHON, ['-m', 'mypy', '--config-file', 'test/python/mypy.ini', '--cache-dir', cache, 'test/kinds/generated_py']);
    expect(kinds).toEqual({ code: 0, output: expect.stringContaining('Success: no issues found') });
  });
});

describe('the recording test (the SDK\'s real Session, full duplex)', () => {
  it('sends the exact payloads and types the replies', () => {
    const result = run(PYTHON, ['test/python/test_recording.py', '-v'], { PYTHONPATH: REPO });
    expect(result.output).toMatch(/Ran 22 tests[\s\S]*\nOK\n?$/);
    expect(result.code).toBe(0);
  });
});

describe('the hostile corpus, as Python', () => {
  const specs = readdirSync(join(REPO, 'test', 'fixtures', 'adversarial', 'specs')).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.expect.md'));

  it('yields packages that parse, import without side effects and hold no raw unsafe character, the same on every run', () => {
    const folders: string[] = [];
    const refused: string[] = [];
    specs.forEach((spec, i) => {
      const dir = mkdtempSync(join(tmpdir(), 'hostile-py-'));
      cpSync(join(REPO, 'test', 'fixtures', 'adversarial', 'specs'), join(dir, 'specs'), { recursive: true });
      cpSync(join(REPO, 'test', 'fixtures', 'adversarial', 'canary'), join(dir, 'canary'), { recursive: true });
      writeFileSync(join(dir, 'dify-tools.yaml'), `typescript: false\npython:\n  output: pkg_${i}\nproviders:\n  target:\n    type: api\n    id: 00000000-0000-4000-8000-000000000000\n    spec: specs/${spec}\n`);
      try {
        const first = generate({ cwd: dir });
        const second = buildOutput({ cwd: dir });
        expect(second.outputs[0]!.files, spec).toEqual(first.outputs[0]!.files);
        folders.push(join(dir, `pkg_${i}`));
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        refused.push(spec);
      }
    });
    const verdicts = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'adversarial', 'expect.json'), 'utf8')) as Record<string, string>;
    for (const [spec, verdict] of Object.entries(verdicts)) {
      if (verdict === 'generate') expect(refused, spec).not.toContain(spec);
      if (verdict === 'reject') expect(refused, spec).toContain(spec);
    }
    const result = run(PYTHON, [join(REPO, 'test', 'python', 'hostile_check.py'), ...folders]);
    expect(result.code, result.output).toBe(0);
    const problems = JSON.parse(result.output) as Record<string, string[]>;
    expect(Object.values(problems).flat()).toEqual([]);
    expect(run(join(REPO, '.venv', 'bin', 'ruff'), ['format', '--check', '--no-cache', ...folders])).toEqual({ code: 0, output: expect.stringMatching(/files? already formatted/) });
  });
});
