/**
 * Installs the package the way users do and runs it from there: one `npm pack` of this
 * repository, then one fresh project per supported zod major (3.25 and 4) that installs the
 * tarball from the file, as a devDependency, beside zod in `dependencies` and a prettier 2 of
 * its own (the tool must not pick the user's prettier up). In each project the installed bin
 * runs `--help`, `init`, `generate`, `check` and `list --json` on the bundled example; the
 * output is type-checked with the project's own TypeScript; then dev dependencies are pruned
 * (as `npm ci --omit=dev` would leave them) and plain `node` imports a generated module and
 * calls a wrapper with a recording session.
 *
 * The package runs one bundled script, dist/dify-toolgen.cjs (scripts/bundle.mjs), for its bin
 * (with V8's code cache, bin/compile-cache.js) and its `exports` (through the ES module
 * dist/dify-toolgen.js); its types are tsc's dist/*.d.ts.
 *
 * Packs the `dist/` that `npm test` builds first (`--ignore-scripts`: a rebuild here would
 * rewrite dist/ under the test files running beside this one). Needs the npm registry (or a
 * warm npm cache) for zod, prettier and typescript.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const versionOf = (pkg: string): string => (JSON.parse(readFileSync(join(REPO, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; never throws on a non-zero exit. */
function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    // The bin's code cache (bin/compile-cache.js) in this test's folder, not the system's temporary one.
    const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', DIFY_TOOLGEN_COMPILE_CACHE: COMPILE_CACHE };
    execFile(command, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs the bin installed in `project`, in `cwd`, as `npx dify-toolgen` would. */
function toolgen(project: string, cwd: string, ...args: string[]): Promise<Run> {
  return run(process.execPath, [join(project, 'node_modules', 'dify-toolgen', 'bin', 'dify-toolgen.js'), ...args], cwd);
}

/** The packages in a node_modules folder (scoped ones as `@scope/name`); npm may leave empty scope folders. */
function installedPackages(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(folder, name)).map((inner) => `${name}/${inner}`) : [name]))
    .filter((name) => existsSync(join(folder, name, 'package.json')));
}

/** The version of the package `name` that Node resolves from the module `fromFile`. */
function resolvedVersion(fromFile: string, name: string): string {
  let dir = dirname(createRequire(fromFile).resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of ${name} above ${fromFile}`);
    dir = dirname(dir);
  }
}

interface PackedFile {
  path: string;
  size: number;
}
interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** The supported zod majors: the range each project asks for (the peerDependency's two halves). */
const ZOD = [
  ['zod 3.25', { zod: '~3.25.0', major: '3' }],
  ['zod 4', { zod: `^${versionOf('zod')}`, major: '4' }],
] as const;

/** A plugin that calls a wrapper with a recording session, valid parameters and then invalid ones. */
const PLUGIN_MAIN = `import { petstore } from "./generated/index.js";
import type { DifySession, ToolInvokeMessage } from "./generated/runtime.js";
import type { ZodFunctions } from "./generated/validators.js";
import { z } from "zod/v4-mini";
// The library's types, through the package's \`exports\` (dist/index.d.ts).
import type { Diagnostic } from "dify-toolgen";

export const severity: Diagnostic["severity"] = "warning";

// validators.ts calls zod through these non-generic types without checking them: the installed zod must fit them.
export const zodFits: ZodFunctions = z;

const calls: unknown[] = [];
const answer = (provider: string, tool: string, parameters: Record<string, unknown>): ToolInvokeMessage[] => {
  calls.push({ provider, tool, parameters });
  return [{ type: "json", message: { json_object: { id: 7 } } }, { type: "text", message: { text: "ok" } }];
};
const session: DifySession = { tool: { invokeApiTool: answer, invokeBuiltinTool: answer, invokeWorkflowTool: answer } };

const json = await petstore.addPet(session, { name: "Rex", species: "cat", birthday: undefined }).json();
let refused = "";
try {
  petstore.addPet(session, { name: "Rex", species: "cow" as "cat" });
} catch (error) {
  refused = (error as Error).name;
}
console.log(JSON.stringify({ calls, json, refused }));
`;

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: [], outDir: 'out', rootDir: '.' },
  include: ['main.ts', 'generated/**/*.ts'],
};

let packed: Packed;
let tarball: string;
const projects = new Map<string, string>();
const root = mkdtempSync(join(tmpdir(), 'dify-toolgen-pack-'));
const COMPILE_CACHE = join(root, 'compile-cache');

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  const started = performance.now();
  const pack = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', root], REPO);
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
  tarball = join(root, packed.filename);
  await Promise.all(
    ZOD.map(async ([name, { zod, major }]) => {
      const dir = join(root, `zod${major}`);
      mkdirSync(dir);
      const pkg = {
        name: `plugin-zod${major}`,
        private: true,
        type: 'module',
        dependencies: { zod },
        // The user's own prettier 2 and TypeScript; dify-toolgen must keep its own prettier.
        devDependencies: { 'dify-toolgen': `file:${tarball}`, prettier: '2.8.8', typescript: versionOf('typescript') },
      };
      writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
      const install = await run(NPM, ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
      expect(install.code, `${name}: ${install.stderr}`).toBe(0);
      cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
      cpSync(join(REPO, 'dify-tools.yaml'), join(dir, 'dify-tools.yaml'));
      projects.set(major, dir);
    }),
  );
  console.log(`pack and install: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 600_000);

describe('the tarball', () => {
  it('holds the README, LICENSE, JSON Schema, templates, docs, bin and dist, and nothing of the tests', () => {
    const paths = packed.files.map((f) => f.path);
    console.log(`tarball ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
    for (const path of [
      'package.json',
      'README.md',
      'LICENSE',
      'docs/dify-semantics.md',
      'schema/dify-tools.schema.json',
      'templates/provider.hbs',
      'templates/index.hbs',
      'templates/support.hbs',
      'templates/runtime.ts',
      'templates/validators.ts',
      'bin/dify-toolgen.js',
      'bin/load-problem.js',
      'bin/compile-cache.js',
      'dist/dify-toolgen.cjs',
      'dist/dify-toolgen.js',
      'dist/third-party-licenses.txt',
      'dist/index.d.ts',
      'dist/emit/typescript/print.d.ts',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(paths.filter((p) => /(^|\/)(test|tests|fixtures|corpus|specs|scripts|generated|node_modules)\/|\.test\.|\.tgz$/.test(p))).toEqual([]);
    expect(paths.filter((p) => !/^(package\.json|README\.md|LICENSE|docs\/|schema\/|templates\/|bin\/|dist\/)/.test(p))).toEqual([]);
    // Source maps point into src/, which is not shipped.
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    // The bundle is the one script, with its ES module facade: none of tsc's .js files, no chunk.
    expect(paths.filter((p) => /^dist\/.*\.c?js$/.test(p)).sort()).toEqual(['dist/dify-toolgen.cjs', 'dist/dify-toolgen.js']);
    // No declaration left over from an old build (prepare empties dist/ before building).
    expect(paths.filter((p) => /^dist\/.*\.d\.ts$/.test(p) && !existsSync(join(REPO, 'src', p.slice('dist/'.length).replace(/\.d\.ts$/, '.ts'))))).toEqual([]);
  });

  it('lists every package the bundle loads or inlines in dependencies, loads none at its top, and pins prettier', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const bundle = readFileSync(join(REPO, 'dist', 'dify-toolgen.cjs'), 'utf8');
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    // Every `require("pkg")` of a package is lazy: an `import('pkg')` of our modules, which
    // scripts/bundle.mjs turns into a require() made when the run needs it. Loaded on every
    // run are Node's own modules only: swagger-parser and chokidar stay lazy.
    const LAZY = 'Promise.resolve().then(() => __toESM(';
    const requires = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].filter((m) => !isBuiltin(m[1]!));
    expect(requires.filter((m) => !bundle.slice(0, m.index).endsWith(LAZY)).map((m) => m[1])).toEqual([]);
    const lazyRequires = requires.map((m) => m[1]!);
    // createRequire(import.meta.url)('pkg'): handlebars' runtime (at start), its compiler and ruff (when needed).
    const required = [...bundle.matchAll(/\bcreateRequire\d*\)?\([^)]*\)\(\s*["']([^"'.][^"']*)["']\s*\)/g)].map((m) => m[1]!);
    const loaded = new Set([...lazyRequires, ...required].filter((spec) => !spec.startsWith('node:')).map(packageOf));
    expect([...loaded].sort()).toEqual(['@apidevtools/swagger-parser', '@astral-sh/ruff-wasm-nodejs', 'chokidar', 'handlebars']);
    // Inlined in the bundle, each with its licence (scripts/bundle.mjs writes the file from esbuild's inputs).
    const licenses = readFileSync(join(REPO, 'dist', 'third-party-licenses.txt'), 'utf8');
    const inlined = [...licenses.matchAll(/^((?:@[^/\s]+\/)?[^\s/]+) (\d+\.\d+\.\d+) \((MIT|ISC)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(inlined).toEqual(['prettier', 'yaml', 'zod'].map((name) => `${name} ${versionOf(name)}`));
    const imported = new Set([...loaded, ...inlined.map((entry) => entry.split(' ')[0]!)]);
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    // Pinned exactly: their layout decides the generated bytes.
    expect(pkg.dependencies.prettier).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies['@astral-sh/ruff-wasm-nodejs']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.peerDependencies).toEqual({ zod: '^3.25.0 || ^4.0.0' });
  });
});

describe.each(ZOD)('installed beside %s', (_name, { major }) => {
  const dir = () => projects.get(major)!;

  it("resolves its own prettier 3 and zod 4, whatever prettier and zod the project holds", () => {
    const version = (path: string) => (JSON.parse(readFileSync(join(dir(), 'node_modules', path, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version('prettier')).toBe('2.8.8');
    expect(version('zod').split('.')[0]).toBe(major);
    // What Node resolves from the installed dist/, i.e. what the generator runs on.
    const fromTool = join(dir(), 'node_modules', 'dify-toolgen', 'dist', 'dify-toolgen.cjs');
    expect(resolvedVersion(fromTool, 'prettier')).toBe(versionOf('prettier'));
    expect(resolvedVersion(fromTool, 'zod').split('.')[0]).toBe('4');
  });

  it('runs --help, init, generate, check and list --json, with the same output as this repository', async () => {
    const help = await toolgen(dir(), dir(), '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^dify-toolgen: typed Python and TypeScript wrappers for the Dify tools a plugin calls\n/);

    const fresh = join(dir(), 'fresh');
    cpSync(join(dir(), 'specs'), join(fresh, 'specs'), { recursive: true });
    const init = await toolgen(dir(), fresh, 'init');
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toBe("dify-toolgen: wrote dify-tools.yaml with 5 providers (2 api, 2 builtin, 1 workflow); fill in the ids marked TODO, then run 'dify-toolgen generate'\n");

    // The example writes TypeScript (generated/) and Python (generated_py/).
    const folders = ['generated', 'generated_py'];
    const example = folders.flatMap((folder) =>
      readdirSync(join(REPO, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(REPO, join(entry.parentPath, entry.name))),
    );
    const generate = await toolgen(dir(), dir(), 'generate');
    expect(generate.code).toBe(0);
    // Only the example spec's own warnings: the four values Dify cannot send as the spec means them.
    expect(generate.stderr.split('\n').filter((line) => / (error|warning) \[/.test(line)).map((line) => line.split(':')[0])).toEqual(Array(4).fill('specs/petstore.yaml'));
    expect(generate.stdout).toMatch(new RegExp(`^dify-toolgen: \\d+ providers, \\d+ tools, ${example.length} files written \\(0 unchanged, 0 removed\\) in generated/ and generated_py/, 0 errors, 4 warnings, \\d+\\.\\d\\d s\n$`));
    // Byte-identical to the committed example: printed with the tool's own prettier and ruff, not the user's.
    for (const file of example) {
      expect(readFileSync(join(dir(), file), 'utf8'), file).toBe(readFileSync(join(REPO, file), 'utf8'));
    }

    // The installed bin saved its code cache: one file for this install, named by Node's
    // version, the architecture, the hash of the installed bundle's path, the bundle's hash
    // (both projects' bins run the same bundle, each from its own path).
    const bundle = join(dir(), 'node_modules', 'dify-toolgen', 'dist', 'dify-toolgen.cjs');
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
    const named = `${process.version}-${process.arch}-${sha256(bundle).slice(0, 16)}-${sha256(readFileSync(bundle, 'utf8'))}-`;
    // Then V8's cachedDataVersionTag, in hex; `.cache`: saved by a complete run, not `.partial.cache`.
    expect(readdirSync(COMPILE_CACHE).filter((name) => name.startsWith(named))).toEqual([expect.stringMatching(/-[0-9a-f]{1,8}\.cache$/)]);

    const check = await toolgen(dir(), dir(), 'check');
    expect(check).toMatchObject({ code: 0, stdout: `dify-toolgen: generated/ and generated_py/ is up to date (${example.length} files)\n` });

    const list = await toolgen(dir(), dir(), 'list', '--json', 'specs/petstore.yaml');
    expect(list.code).toBe(0);
    const record = JSON.parse(list.stdout) as { spec: string; tools: Array<{ name: string }> };
    expect(record.spec).toBe('specs/petstore.yaml');
    expect(record.tools.map((t) => t.name)).toEqual(['listPets', 'addPet', 'getPetById', 'deletePet', 'petspetIdphoto_post']);
  });

  it('exports the library API from the bundle, as tsc\'s dist/index.js does', async () => {
    const keys = async (cwd: string, module: string) => {
      const listed = await run(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(module)}); console.log(JSON.stringify(Object.keys(m).sort()))`], cwd);
      expect(listed.stderr).toBe('');
      return JSON.parse(listed.stdout) as string[];
    };
    const api = await keys(dir(), 'dify-toolgen');
    expect(api).toEqual(await keys(REPO, join(REPO, 'dist', 'index.js')));
    expect(api).toContain('runCli');
  });

  it("type-checks the output with the project's own TypeScript, and runs it with zod alone after pruning dev dependencies", async () => {
    writeFileSync(join(dir(), 'main.ts'), PLUGIN_MAIN);
    writeFileSync(join(dir(), 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    const tsc = await run(process.execPath, [join(dir(), 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], dir());
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);

    const prune = await run(NPM, ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], dir());
    expect(prune.code, prune.stderr).toBe(0);
    expect(installedPackages(join(dir(), 'node_modules'))).toEqual(['zod']);

    const plugin = await run(process.execPath, ['out/main.js'], dir());
    expect(plugin).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(plugin.stdout)).toEqual({
      calls: [{ provider: '6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10', tool: 'addPet', parameters: { name: 'Rex', species: 'cat' } }],
      json: [{ id: 7 }],
      refused: 'ToolParameterError',
    });
  });
});

describe('a broken install', () => {
  it('prints one line naming the missing dependency, and exits 2', async () => {
    // A copy of the installed package without its dependencies (no node_modules beside it), as after a partial install.
    const dir = join(root, 'broken');
    mkdirSync(dir);
    const installed = join(dir, 'node_modules', 'dify-toolgen');
    const extract = await run('tar', ['-xzf', tarball, '-C', dir], dir);
    expect(extract.code, extract.stderr).toBe(0);
    mkdirSync(join(dir, 'node_modules'));
    renameSync(join(dir, 'package'), installed);
    expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    const broken = await run(process.execPath, [join(installed, 'bin', 'dify-toolgen.js'), '--help'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    // The bundle inlines zod, yaml and prettier; handlebars' runtime is require()d at start.
    expect(broken.stderr).toMatch(/^dify-toolgen: cannot load its dependency 'handlebars' \(MODULE_NOT_FOUND\); reinstall it \(npm install --save-dev dify-toolgen, or npm ci\) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details\n$/);
  });
});
