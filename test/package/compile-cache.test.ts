/**
 * The bin's code cache (bin/compile-cache.js): a run of a command that reads specs saves V8's
 * code for the bundle, the next run starts from it, and the output is the same with it or
 * without; a cache V8 refuses, or whose checksum does not match (a corrupt file), is replaced;
 * each install of the bundle has its own cache (stack traces name its own file); a folder that
 * is a link, another user's or writable by others is not used; `DIFY_TOOLGEN_COMPILE_CACHE=0`
 * turns it off. Needs `npm run build` first (as `npm test` does).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'dify-toolgen.js');
const BUNDLE = join(REPO, 'dist', 'dify-toolgen.cjs');
const scratch = mkdtempSync(join(tmpdir(), 'dify-toolgen-compile-cache-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The start of the cache files' names for this Node and the bundle file `bundle`: its path's hash. */
const prefixOf = (bundle: string): string => `${process.version}-${process.arch}-${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}-`;

/** V8's cachedDataVersionTag in a node started with `flags`, in hex (it changes with V8's flags). */
const v8Tag = (flags: string[] = []): string => spawnSync(process.execPath, [...flags, '-p', "require('v8').cachedDataVersionTag().toString(16)"], { encoding: 'utf8' }).stdout.trim();

/** The start of the cache files' names for the bundle in dist/: up to V8's tag. */
const BUNDLE_NAME = `${prefixOf(BUNDLE)}${createHash('sha256').update(readFileSync(BUNDLE)).digest('hex')}-`;

/** The names of the complete and of the partial cache file for this Node and the bundle in dist/. */
const CACHE_NAME = `${BUNDLE_NAME}${v8Tag()}.cache`;
const PARTIAL_NAME = `${BUNDLE_NAME}${v8Tag()}.partial.cache`;

/** Runs `node <args>` in `cwd` with the cache setting `cache` (none when undefined) and the variables `env`; exit code, stdout, stderr. */
function node(args: readonly string[], cwd: string, cache: string | undefined, env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...args], { cwd, encoding: 'utf8', env: { ...process.env, DIFY_TOOLGEN_DEBUG: '', DIFY_TOOLGEN_COMPILE_CACHE: cache, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** How loading the bundle goes with the cache setting `cache` and the variables `env`, in a fresh process: `loadBundle`'s `cache`. */
function outcome(cache: string | undefined, env: Record<string, string> = {}): string {
  return loaded(BUNDLE, cache, false, env).cache;
}

/**
 * Loads the bundle file `bundle` with the cache setting `cache` in a fresh process, saves the
 * cache as a complete run's when `save`, and makes the bundle throw (`formatDiagnostic(null)`): `loadBundle`'s `cache` and the
 * file the error's first stack frame names.
 */
function loaded(bundle: string, cache: string | undefined, save = false, env: Record<string, string> = {}): { cache: string; thrownIn: string } {
  const program = `const { loadBundle } = await import(${JSON.stringify(join(REPO, 'bin', 'compile-cache.js'))});
    const { exports, cache, saveCache } = loadBundle(${JSON.stringify(bundle)});
    if (${save}) saveCache(true);
    try { exports.formatDiagnostic(null); } catch (error) { console.log(JSON.stringify({ cache, thrownIn: /\\((.*):\\d+:\\d+\\)/.exec(error.stack.split('\\n')[1])[1] })); }`;
  const run = node(['--input-type=module', '-e', program], scratch, cache, env);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { cache: string; thrownIn: string };
}

/** Every file under `folder`, by relative path, with its text. */
function filesOf(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry): [string, string] => [relative(folder, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), 'utf8')])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

let project: string;
let folder: string;
let made = 0;
beforeEach(() => {
  // The bundled example, in a fresh project, and a cache folder that does not exist yet.
  made += 1;
  project = join(scratch, `project-${made}`);
  cpSync(join(REPO, 'specs'), join(project, 'specs'), { recursive: true });
  cpSync(join(REPO, 'dify-tools.yaml'), join(project, 'dify-tools.yaml'));
  cpSync(join(REPO, 'package.json'), join(project, 'package.json'));
  folder = join(scratch, `cache-${made}`);
});

describe('the code cache', () => {
  it('is saved by a generate run, used by the next, and changes no byte of the output', () => {
    expect(outcome(folder)).toBe('absent');
    const first = node([BIN, 'generate'], project, folder);
    expect(first.code, first.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual([CACHE_NAME]);
    expect(statSync(join(folder, CACHE_NAME)).mode & 0o777).toBe(0o600);
    if (typeof process.getuid === 'function') expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(outcome(folder)).toBe('used');
    const written = [filesOf(join(project, 'generated')), filesOf(join(project, 'generated_py'))];

    rmSync(join(project, 'generated'), { recursive: true });
    rmSync(join(project, 'generated_py'), { recursive: true });
    const second = node([BIN, 'generate'], project, folder);
    expect(second.code, second.stderr).toBe(0);
    expect([filesOf(join(project, 'generated')), filesOf(join(project, 'generated_py'))]).toEqual(written);
    expect(node([BIN, 'check'], project, '0')).toMatchObject({ code: 0, stdout: 'dify-toolgen: generated/ and generated_py/ is up to date (17 files)\n' });
  });

  it.each([[['--help']], [['generate', '--help']], [['check', '-h']], [['list', 'specs/petstore.yaml', '--help']], [['export', '-h']]])('is not saved by %j, whose run compiles next to nothing', (args) => {
    expect(node([BIN, ...args], project, folder)).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('replaces a cache V8 refuses, and the run goes on as without one', () => {
    mkdirSync(folder, { mode: 0o700 });
    writeFileSync(join(folder, CACHE_NAME), 'not code', { mode: 0o600 });
    expect(outcome(folder)).toBe('rejected');
    // A check of output never generated: exit 1, a partial run; its cache replaces the refused one.
    expect(node([BIN, 'check'], project, folder).code).toBe(1);
    expect(readdirSync(folder)).toEqual([PARTIAL_NAME]);
    expect(readFileSync(join(folder, PARTIAL_NAME)).length).toBeGreaterThan(10_000);
    expect(outcome(folder)).toBe('partial');
  });

  it('keeps a partial cache (saved by list, export or a failed run) only until a complete run (a generate or check that succeeds) replaces it', () => {
    expect(node([BIN, 'list', 'specs/petstore.yaml'], project, folder).code).toBe(0);
    expect(readdirSync(folder)).toEqual([PARTIAL_NAME]);
    const partial = readFileSync(join(folder, PARTIAL_NAME));
    expect(outcome(folder)).toBe('partial');
    // Another partial run uses it and saves nothing.
    expect(node([BIN, 'export', 'specs/petstore.yaml', '--dry-run'], project, folder).code).toBe(0);
    expect(readFileSync(join(folder, PARTIAL_NAME)).equals(partial)).toBe(true);
    expect(node([BIN, 'generate'], project, folder).code).toBe(0);
    expect(readdirSync(folder)).toEqual([CACHE_NAME]);
    expect(readFileSync(join(folder, CACHE_NAME)).length).toBeGreaterThan(partial.length);
    expect(outcome(folder)).toBe('used');
    // A later partial run leaves the complete cache as it is.
    expect(node([BIN, 'list', 'specs/petstore.yaml'], project, folder).code).toBe(0);
    expect(readdirSync(folder)).toEqual([CACHE_NAME]);
  });

  it('keeps a cache per set of V8 flags, as V8 refuses a cache made under other flags', () => {
    expect(v8Tag(['--max-old-space-size=300'])).not.toBe(v8Tag());
    expect(node([BIN, 'generate'], project, folder).code).toBe(0);
    expect(node(['--max-old-space-size=300', BIN, 'check'], project, folder).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([CACHE_NAME, `${BUNDLE_NAME}${v8Tag(['--max-old-space-size=300'])}.cache`].sort());
    expect(outcome(folder)).toBe('used');
  });

  it.each([
    // Each keeps V8's header (its magic number, version and flag hashes, payload length) and so
    // would reach V8's deserializer without the file's checksum: a V8 fatal error, every run.
    ['a payload with flipped bytes', (data: Buffer) => data.map((byte, i) => (i >= 200 && i % 997 === 0 ? byte ^ 0x5a : byte))],
    ['a checksum that does not match', (data: Buffer) => Buffer.concat([Buffer.alloc(32), data.subarray(32)])],
    ['a file cut short', (data: Buffer) => data.subarray(0, 5000)],
  ])('counts a cache file with %s as refused: the run goes on and saves a good one', (_name, damage) => {
    expect(node([BIN, 'generate'], project, folder).code).toBe(0);
    const file = join(folder, CACHE_NAME);
    writeFileSync(file, damage(readFileSync(file)));
    expect(outcome(folder)).toBe('rejected');
    expect(node([BIN, 'check'], project, folder)).toMatchObject({ code: 0, stderr: expect.not.stringContaining('Fatal') });
    expect(outcome(folder)).toBe('used');
  });

  it("removes other bundles' caches for this Node when it saves, and keeps other Nodes'; removes files left by runs killed while writing, not those being written", () => {
    mkdirSync(folder, { mode: 0o700 });
    const abandoned = `${CACHE_NAME}.123.tmp`;
    const writing = `${CACHE_NAME}.456.tmp`;
    for (const name of [abandoned, writing]) writeFileSync(join(folder, name), 'x', { mode: 0o600 });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(folder, abandoned), anHourAgo, anHourAgo);
    const otherBundle = `${prefixOf(BUNDLE)}${'0'.repeat(64)}-${v8Tag()}.cache`;
    const otherBundlePartial = `${prefixOf(BUNDLE)}${'0'.repeat(64)}-${v8Tag()}.partial.cache`;
    const otherNode = `v0.0.0-${process.arch}-${prefixOf(BUNDLE).split('-').at(-2)}-${'0'.repeat(64)}-${v8Tag()}.cache`;
    const otherPath = `${prefixOf('/elsewhere/dist/dify-toolgen.cjs')}${'0'.repeat(64)}-${v8Tag()}.cache`;
    for (const name of [otherBundle, otherBundlePartial, otherNode, otherPath, 'notes.txt']) writeFileSync(join(folder, name), 'x', { mode: 0o600 });
    expect(node([BIN, 'list', 'specs/petstore.yaml'], project, folder).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([PARTIAL_NAME, 'notes.txt', otherNode, otherPath, writing].sort());
  });

  it('removes, when it saves, the caches of any install no run used for 30 days, and nothing else; a run marks the cache it uses', () => {
    mkdirSync(folder, { mode: 0o700 });
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    const otherPath = (digit: string) => `${prefixOf(`/elsewhere-${digit}/dist/dify-toolgen.cjs`)}${digit.repeat(64)}-${v8Tag()}.cache`;
    const [unused, recent, unusedPartial] = [otherPath('1'), otherPath('2'), otherPath('3').replace(/\.cache$/, '.partial.cache')];
    const oldNotOurs = 'v1.2.3-notes.cache.txt';
    for (const name of [unused, recent, unusedPartial, oldNotOurs]) writeFileSync(join(folder, name), 'x', { mode: 0o600 });
    for (const [name, age] of [[unused, 31], [recent, 29], [unusedPartial, 40], [oldNotOurs, 400]] as const) utimesSync(join(folder, name), days(age), days(age));
    expect(node([BIN, 'generate'], project, folder).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([CACHE_NAME, oldNotOurs, recent].sort());
    // A run that uses the cache marks it, so that another install's save keeps it.
    utimesSync(join(folder, CACHE_NAME), days(60), days(60));
    expect(outcome(folder)).toBe('used');
    expect(Date.now() - statSync(join(folder, CACHE_NAME)).mtimeMs).toBeLessThan(3_600_000);
  });

  it("keeps one cache per install of the same bundle, so that stack traces name the install's own file", () => {
    // A second install of the same bundle, beside the first's dependencies and templates.
    const install = join(scratch, `install-${made}`);
    mkdirSync(join(install, 'dist'), { recursive: true });
    cpSync(BUNDLE, join(install, 'dist', 'dify-toolgen.cjs'));
    for (const name of ['node_modules', 'templates', 'package.json']) symlinkSync(join(REPO, name), join(install, name));
    const other = join(install, 'dist', 'dify-toolgen.cjs');

    expect(loaded(BUNDLE, folder, true)).toEqual({ cache: 'absent', thrownIn: BUNDLE });
    expect(loaded(other, folder, true)).toEqual({ cache: 'absent', thrownIn: other });
    expect([loaded(BUNDLE, folder), loaded(other, folder)]).toEqual([
      { cache: 'used', thrownIn: BUNDLE },
      { cache: 'used', thrownIn: other },
    ]);
    expect(readdirSync(folder).length).toBe(2);
  });

  it('is kept by default in a folder of its own in the temporary folder, used by every later run', () => {
    const temporary = join(scratch, `tmp-${made}`);
    mkdirSync(temporary);
    const env = { TMPDIR: temporary };
    const own = join(temporary, typeof process.getuid === 'function' ? `dify-toolgen-compile-cache-${process.getuid()}` : 'dify-toolgen-compile-cache');
    expect(node([BIN, 'generate'], project, undefined, env)).toMatchObject({ code: 0 });
    expect(readdirSync(own)).toEqual([CACHE_NAME]);
    if (typeof process.getuid === 'function') expect(statSync(own).mode & 0o777).toBe(0o700);
    // The folder exists from the first run on: every later run uses what is in it.
    expect([outcome(undefined, env), outcome(undefined, env)]).toEqual(['used', 'used']);
    expect(node([BIN, 'check'], project, undefined, env)).toMatchObject({ code: 0 });
    expect(readdirSync(own)).toEqual([CACHE_NAME]);
  });

  it('is kept in a folder given relative to the current folder, made with its parents', () => {
    expect(node([BIN, 'generate'], project, join('build', 'toolgen-cache')).code).toBe(0);
    expect(readdirSync(join(project, 'build', 'toolgen-cache'))).toEqual([CACHE_NAME]);
  });

  it.each([
    ['off by DIFY_TOOLGEN_COMPILE_CACHE=0', () => '0'],
    ['off by DIFY_TOOLGEN_COMPILE_CACHE=false', () => 'false'],
    ['off by DIFY_TOOLGEN_COMPILE_CACHE=OFF', () => 'OFF'],
    ['off by DIFY_TOOLGEN_COMPILE_CACHE=no', () => 'no'],
    [
      'not used in a folder others can write to',
      () => {
        mkdirSync(folder);
        chmodSync(folder, 0o777);
        return folder;
      },
    ],
    [
      'not used through a link to a folder',
      () => {
        mkdirSync(`${folder}-target`, { mode: 0o700 });
        symlinkSync(`${folder}-target`, folder, 'dir');
        return folder;
      },
    ],
  ])('is %s: nothing is read or written there', (_name, setting) => {
    const cache = setting();
    expect(outcome(cache)).toBe('off');
    expect(node([BIN, 'generate'], project, cache)).toMatchObject({ code: 0 });
    // Nothing in the folder, beside it, or in the project (where a relative folder would be).
    const caches = (dir: string, recursive: boolean) => readdirSync(dir, { recursive, encoding: 'utf8' }).filter((name) => name.endsWith('.cache'));
    expect([cache === folder ? readdirSync(folder) : [], caches(resolve(folder, '..'), false), caches(project, true)]).toEqual([[], [], []]);
  });
});
