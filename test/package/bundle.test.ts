/**
 * The one script the package runs, dist/dify-toolgen.cjs, and the ES module that re-exports it,
 * dist/dify-toolgen.js (scripts/bundle.mjs, the second step of `npm run build`): built
 * reproducibly, the same API as tsc's dist/index.js, its own files found from it, and no
 * package loaded at start but handlebars' runtime. Needs `npm run build` first (as `npm test`
 * does); the installed package is tested in install.test.ts, the bin's code cache in
 * compile-cache.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const BUNDLE = join(REPO, 'dist', 'dify-toolgen.js');
const scratch = mkdtempSync(join(tmpdir(), 'dify-toolgen-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `node <args>` in `cwd`; its exit code, stdout and stderr. */
function node(args: readonly string[], cwd = REPO): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...args], { cwd, encoding: 'utf8', env: { ...process.env, DIFY_TOOLGEN_DEBUG: '', DIFY_TOOLGEN_COMPILE_CACHE: join(scratch, 'compile-cache') } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The names a module exports, sorted, as a fresh node process sees them. */
function exportsOf(file: string): string[] {
  const run = node(['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(JSON.stringify(Object.keys(m).sort()))`]);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
}

describe('PACKAGE_ROOT', () => {
  it('is the folder of the package.json named dify-toolgen', () => {
    expect(PACKAGE_ROOT).toBe(REPO);
    expect((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string }).name).toBe('dify-toolgen');
  });
});

describe('the bundle', () => {
  it('is what package.json main and exports and the bin load', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string; types: string; exports: Record<string, Record<string, string>> };
    expect({ main: pkg.main, types: pkg.types, exports: pkg.exports }).toEqual({
      main: './dist/dify-toolgen.js',
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', import: './dist/dify-toolgen.js' } },
    });
    expect(readFileSync(join(REPO, 'bin', 'dify-toolgen.js'), 'utf8')).toContain("loadBundle(fileURLToPath(new URL('../dist/dify-toolgen.cjs', import.meta.url)))");
    expect(readFileSync(BUNDLE, 'utf8')).toBe("// dify-toolgen's library API as an ES module: the code is in dify-toolgen.cjs (scripts/bundle.mjs).\nexport * from './dify-toolgen.cjs';\n");
  });

  it("exports what tsc's dist/index.js exports", () => {
    const api = exportsOf(BUNDLE);
    expect(api).toEqual(exportsOf(join(REPO, 'dist', 'index.js')));
    expect(api).toEqual(expect.arrayContaining(['runCli', 'readSpecFile', 'deriveProvider', 'UserError']));
  });

  it('is rebuilt byte for byte: two builds elsewhere equal the one in dist/, licences too', () => {
    for (const out of ['one', 'two']) {
      const build = node([join(REPO, 'scripts', 'bundle.mjs'), join(scratch, out)]);
      expect(build).toMatchObject({ code: 0, stderr: '' });
      for (const file of ['dify-toolgen.cjs', 'dify-toolgen.js', 'third-party-licenses.txt']) {
        expect(readFileSync(join(scratch, out, file), 'utf8'), `${out}/${file}`).toBe(readFileSync(join(REPO, 'dist', file), 'utf8'));
      }
    }
  });

  it('finds package.json from its own folder (--version through the bin)', () => {
    const version = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
    expect(node([join(REPO, 'bin', 'dify-toolgen.js'), '--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('loads no package at start but handlebars’ runtime, none more to generate TypeScript and Python, swagger-parser for list --validate', () => {
    // Every module Node resolves, by import (a resolve hook) or by require.
    const hooks = join(scratch, 'hooks.mjs');
    writeFileSync(
      hooks,
      [
        "import { register, builtinModules } from 'node:module';",
        "import Module from 'node:module';",
        "register('data:text/javascript,' + encodeURIComponent('export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith(\"file:\")) process.stderr.write(\"LOADED \" + r.url + \"\\\\n\"); return r; }'));",
        'const resolveFilename = Module._resolveFilename;',
        "Module._resolveFilename = function (...args) { const file = resolveFilename.apply(this, args); if (!builtinModules.includes(file) && !file.startsWith('node:')) process.stderr.write('LOADED ' + file + '\\n'); return file; };",
      ].join('\n'),
    );
    const loaded = (stderr: string) =>
      [...new Set(stderr.split('\n').filter((line) => line.startsWith('LOADED ')).map((line) => line.slice('LOADED '.length).replace(/^file:\/\//, '').replace(REPO, '<repo>')))].sort();
    const project = join(scratch, 'example');
    cpSync(join(REPO, 'specs'), join(project, 'specs'), { recursive: true });
    cpSync(join(REPO, 'dify-tools.yaml'), join(project, 'dify-tools.yaml'));
    cpSync(join(REPO, 'package.json'), join(project, 'package.json'));
    const start = node(['--import', pathToFileURL(hooks).href, join(REPO, 'bin', 'dify-toolgen.js'), '--help']);
    expect(start.code).toBe(0);
    // The bin reads the bundle and compiles it itself (bin/compile-cache.js): no loader resolves it.
    const atStart = ['<repo>/bin/compile-cache.js', '<repo>/bin/dify-toolgen.js', '<repo>/bin/load-problem.js', '<repo>/node_modules/handlebars/dist/handlebars.runtime.js'];
    expect(loaded(start.stderr)).toEqual(atStart);
    const generate = node(['--import', pathToFileURL(hooks).href, join(REPO, 'bin', 'dify-toolgen.js'), 'generate'], project);
    expect(generate.code, generate.stderr).toBe(0);
    expect(loaded(generate.stderr)).toEqual(atStart);
    // What a command needs beyond that is loaded when it runs: swagger-parser for list --validate.
    const validate = node(['--import', pathToFileURL(hooks).href, join(REPO, 'bin', 'dify-toolgen.js'), 'list', '--validate', 'specs/petstore.yaml'], project);
    expect(validate.code, validate.stderr).toBe(0);
    const packages = (files: string[]) => [...new Set(files.filter((f) => f.startsWith('<repo>/node_modules/')).map((f) => f.split('/').slice(2, f.includes('/node_modules/@') ? 4 : 3).join('/')))].sort();
    expect(packages(loaded(validate.stderr))).toEqual(expect.arrayContaining(['@apidevtools/swagger-parser', 'handlebars']));
  });

  describe('in a package holding handlebars alone (zod, yaml and prettier are inlined)', () => {
    // The package's files as the tarball has them, beside a node_modules with handlebars only.
    const installed = join(scratch, 'installed');
    const project = join(installed, 'project');
    beforeAll(() => {
      for (const path of ['bin', 'templates', 'package.json', join('dist', 'dify-toolgen.cjs'), join('dist', 'dify-toolgen.js')]) cpSync(join(REPO, path), join(installed, path), { recursive: true });
      mkdirSync(join(installed, 'node_modules'));
      symlinkSync(join(REPO, 'node_modules', 'handlebars'), join(installed, 'node_modules', 'handlebars'), 'dir');
      cpSync(join(REPO, 'specs'), join(project, 'specs'), { recursive: true });
      cpSync(join(REPO, 'dify-tools.yaml'), join(project, 'dify-tools.yaml'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', dependencies: { zod: '^4.0.0' } }));
    });
    const toolgen = (...args: string[]) => node([join(installed, 'bin', 'dify-toolgen.js'), ...args], project);
    const missing = (name: string) => `error [missing-dependency] dify-toolgen cannot load its dependency '${name}' (MODULE_NOT_FOUND)\n  fix:  reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again\n`;

    it.each([
      ['generate writes the example', { args: ['generate'], code: 0, stdout: /^dify-toolgen: 6 providers, 12 tools, 17 files written \(0 unchanged, 0 removed\) in generated\/ and generated_py\//, stderr: undefined }],
      ['check finds it up to date', { args: ['check'], code: 0, stdout: /^dify-toolgen: generated\/ and generated_py\/ is up to date \(17 files\)\n$/, stderr: undefined }],
      ['list --validate names swagger-parser, loaded only for it', { args: ['list', '--validate', 'specs/petstore.yaml'], code: 1, stdout: /^$/, stderr: missing('@apidevtools/swagger-parser') }],
      ['generate --watch names chokidar, loaded only for it', { args: ['generate', '--watch'], code: 1, stdout: /^$/, stderr: missing('chokidar') }],
    ])('%s', (_name, { args, code, stdout, stderr }) => {
      const run = toolgen(...args);
      expect(run.code, run.stderr).toBe(code);
      expect(run.stdout).toMatch(stdout);
      if (stderr !== undefined) expect(run.stderr).toBe(stderr);
    });
  });
});

