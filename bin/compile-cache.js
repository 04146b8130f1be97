/**
 * Loads dify-toolgen's bundle (dist/dify-toolgen.cjs, scripts/bundle.mjs) with V8's code
 * cache, as Node's own compile cache does on Node 22 (`module.enableCompileCache`), which
 * Node 20 lacks: the first run compiles the bundle and, once the command is done, saves the
 * code V8 compiled for it, the functions the run called included; later runs start from that
 * code instead of compiling again. A run compiles much of the bundle lazily, as it calls it:
 * with the cache GitHub's spec generates in ~0.70 s instead of ~0.75 s, Stripe's in ~0.53 s
 * instead of ~0.56 s, the bundled example in ~0.16 s instead of ~0.22 s (docs/performance.md,
 * "Tenth pass").
 *
 * The cache is an optimization, never a condition: any failure to read, check or write it
 * leaves the run as it would be without it. Where it lives:
 * - `DIFY_TOOLGEN_COMPILE_CACHE=0` (or `false`, `off`, `no`): no cache.
 * - `DIFY_TOOLGEN_COMPILE_CACHE=<folder>`: that folder (a relative one from the current
 *   folder, as Node's `NODE_COMPILE_CACHE`), made with its parents if need be.
 * - otherwise `dify-toolgen-compile-cache-<uid>` in the system's temporary folder (one folder
 *   per user; Windows' temporary folder is the user's own).
 * A folder is used only if it is a real folder (not a link), and, where Node knows users,
 * owned by this user and writable by no one else: the cache is code this process runs.
 *
 * One file per bundle file, Node version, machine architecture and V8 flags: `<node
 * version>-<arch>-<first 16 hex digits of the sha-256 of the bundle's path>-<sha-256 of the
 * bundle>-<V8's cachedDataVersionTag in hex>.cache` (`.partial.cache` for a partial one: see
 * `loadBundle`).
 * - The text's hash: V8 checks a cache against the source's length, not its text.
 * - The path's hash: a script compiled from a cache keeps the file name of the run that made
 *   the cache (V8 11, Node 20), so a cache shared by two installs of the same bundle would make
 *   stack traces name the other install's file.
 * - V8's tag (its version and the flags that change its code): V8 refuses a cache made under
 *   other flags, so runs under two flag sets (`NODE_OPTIONS=--max-old-space-size=…` in one
 *   script, none in another) keep a cache each instead of replacing each other's.
 * V8 refuses a cache made by another V8 or with other flags; then the run compiles as without
 * one and saves a new cache. V8 does not check the cache's payload (a corrupt one aborts the
 * process with a V8 fatal error, every run until it is removed), so the file starts with the
 * sha-256 of the payload and a file whose payload does not match counts as refused, as Node
 * 22's own compile cache checks a CRC32 of each entry (nodejs/node, src/compile_cache.cc,
 * `CompileCacheHandler`). A file is written beside its final name and renamed over it; saving
 * removes the caches of other bundles at the same path (an upgrade in place), the files of
 * runs killed while writing, and any cache no run has used for 30 days (an install removed:
 * a run marks the cache it uses by its modification time). Only files of these names are
 * removed, whatever else the folder holds.
 * Plain JavaScript, like bin/load-problem.js.
 */
import { createHash } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

/** The extension of a cache file saved by a complete run, and of one saved by another run (see `loadBundle`). */
const CACHE_EXTENSION = '.cache';
const PARTIAL_EXTENSION = '.partial.cache';

/** The extension of a cache file being written, and the age past which one was abandoned (its run killed). */
const TEMPORARY_EXTENSION = '.tmp';
const ABANDONED_MS = 10 * 60 * 1000;

/** The names of cache files, complete or partial, of any Node, architecture, path, bundle and V8 flags (see the module comment). */
const CACHE_FILE_NAME = /^v\d+\.\d+\.\d+-\w+-[0-9a-f]{16}-[0-9a-f]{64}-[0-9a-f]+(?:\.partial)?\.cache$/;

/** How long a cache no run used is kept: its install was removed or upgraded elsewhere. */
const UNUSED_MS = 30 * 24 * 60 * 60 * 1000;

/** The values of `DIFY_TOOLGEN_COMPILE_CACHE` that turn the cache off. */
const OFF = /^(?:0|false|off|no)$/i;

/** The bytes of the checksum that starts a cache file: the sha-256 of the rest, V8's cached data. */
const CHECKSUM_BYTES = 32;

/** The sha-256 of `data` (a string as UTF-8, or bytes), as 32 bytes. */
const sha256 = (data) => createHash('sha256').update(data).digest();

/** V8's cached data in the cache file's bytes `file`, or undefined when its checksum does not match (a truncated or corrupt file). */
function checkedPayload(file) {
  const payload = file.subarray(CHECKSUM_BYTES);
  return file.length > CHECKSUM_BYTES && sha256(payload).equals(file.subarray(0, CHECKSUM_BYTES)) ? payload : undefined;
}

/**
 * The folder holding the caches, or undefined when there is none to use: off by
 * `DIFY_TOOLGEN_COMPILE_CACHE=0`, or a folder that cannot be made or is not safe (a link, or
 * another user's, or writable by others).
 */
function cacheFolder(env) {
  const setting = env.DIFY_TOOLGEN_COMPILE_CACHE;
  if (setting !== undefined && OFF.test(setting)) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  // A folder of the user's choice may be made with its parents; the temporary folder must exist.
  const folder = setting ? resolve(setting) : join(tmpdir(), uid === undefined ? 'dify-toolgen-compile-cache' : `dify-toolgen-compile-cache-${uid}`);
  try {
    mkdirSync(folder, { recursive: Boolean(setting), mode: 0o700 });
  } catch (error) {
    // The folder made by an earlier run (the usual case) is checked below; any other failure: no cache.
    if (error?.code !== 'EEXIST') return undefined;
  }
  let stat;
  try {
    stat = lstatSync(folder);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return undefined;
  if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
  return folder;
}

/**
 * Loads the CommonJS bundle `file` as Node's loader would (its own `require`, `module`,
 * `exports`, `__filename`, `__dirname`), compiled with the code cache if there is a usable one.
 *
 * A cache holds the functions the run that saved it called. One saved by a complete run (the
 * bin's judgement: a `generate` or `check` that succeeded) is kept; one saved by any other run
 * (a `list`, an `export`, a run that stopped at a user's mistake) is partial: it is used, and
 * the next complete run replaces it.
 *
 * Returns `{ exports, cache, saveCache }`: the bundle's exports; how the cache went, `'used'`,
 * `'partial'` (a partial cache was used), `'rejected'` (V8 refused it: another V8 or other
 * flags; or its checksum did not match), `'absent'` or `'off'` (no folder to use); and
 * `saveCache(complete)`, to call when the command is done with whether its run was complete,
 * which writes the cache when there was none to use, or only a partial one and this run was
 * complete (it returns whether it wrote one). Throws what loading the bundle throws (a missing
 * dependency, as `require` reports it).
 */
export function loadBundle(file, env = process.env) {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const folder = cacheFolder(env);
  // Node, architecture and bundle path; then the bundle's text and V8's version and flags.
  const prefix = `${process.version}-${process.arch}-${sha256(file).toString('hex').slice(0, 16)}-`;
  // The bundle's bytes hashed, not the string made of them: half the time (0.7 against 1.4 ms).
  const bundleName = prefix + sha256(bytes).toString('hex') + '-';
  const name = folder && join(folder, bundleName + cachedDataVersionTag().toString(16));
  const found = name && (readOrUndefined(name + CACHE_EXTENSION) ?? readOrUndefined(name + PARTIAL_EXTENSION));
  const cachedData = found && checkedPayload(found.bytes);
  // The wrapper Node's CommonJS loader puts around a module, on the bundle's first line (a
  // comment), so that lines in stack traces stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const cache = !name ? 'off' : found === undefined ? 'absent' : cachedData === undefined || script.cachedDataRejected ? 'rejected' : found.file.endsWith(PARTIAL_EXTENSION) ? 'partial' : 'used';
  // A cache in use is kept from the pruning of unused ones (`removeOthers`).
  if (cache === 'used' || cache === 'partial') markUsed(found.file);
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = (complete) => {
    if (cache === 'off' || cache === 'used' || (cache === 'partial' && !complete)) return false;
    const target = name + (complete ? CACHE_EXTENSION : PARTIAL_EXTENSION);
    const written = writeCache(script, target);
    // What was found and not used again goes: a refused file (read first, it would hide the
    // one written), a partial cache a complete one replaces.
    if (written) removeOthers(folder, prefix, bundleName, found !== undefined && found.file !== target ? found.file : undefined);
    return written;
  };
  return { exports: module.exports, cache, saveCache };
}

/** Sets `file`'s modification time to now: the cache was used (a failure only lets it be pruned sooner). */
function markUsed(file) {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A folder this run may read but not write: the cache is still used.
  }
}

/** The bytes of `file` with its path, or undefined when it cannot be read. */
function readOrUndefined(file) {
  try {
    return { file, bytes: readFileSync(file) };
  } catch {
    return undefined;
  }
}

/** Writes `script`'s code cache, after its checksum, to `cacheFile` (through a temporary file beside it); whether it wrote. */
function writeCache(script, cacheFile) {
  const temporary = `${cacheFile}.${process.pid}${TEMPORARY_EXTENSION}`;
  let fd;
  try {
    // Opened before V8 serializes its code (~5 ms): in a folder this user cannot write to, a
    // run spends nothing on a cache it could not keep.
    fd = openSync(temporary, 'w', 0o600);
    const data = script.createCachedData();
    const bytes = Buffer.concat([sha256(data), data]);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, cacheFile);
    return true;
  } catch {
    if (fd !== undefined) closeQuietly(fd);
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do: the file is in our own folder.
    }
    return false;
  }
}

/** How long ago `file` was last written, in milliseconds (0 when it is gone). */
function ageMs(file) {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Closes `fd`, ignoring a failure: the file is being given up. */
function closeQuietly(fd) {
  try {
    closeSync(fd);
  } catch {
    // Nothing more to do.
  }
}

/**
 * Removes, among the caches of the bundle path `prefix`, those of other bundles than
 * `bundleName` (an upgrade in place), `replaced`, a cache file of this bundle the one just
 * written replaces, and the temporary files of runs killed while writing (older than
 * `ABANDONED_MS`: a run writes its file in milliseconds); and, of every path, Node and
 * bundle, the caches no run used for `UNUSED_MS`.
 */
function removeOthers(folder, prefix, bundleName, replaced) {
  try {
    for (const name of readdirSync(folder)) {
      const file = join(folder, name);
      const stale = file === replaced || (name.startsWith(prefix) && !name.startsWith(bundleName) && name.endsWith(CACHE_EXTENSION));
      const abandoned = name.startsWith(prefix) && name.endsWith(TEMPORARY_EXTENSION) && ageMs(file) > ABANDONED_MS;
      if (stale || abandoned || (CACHE_FILE_NAME.test(name) && ageMs(file) > UNUSED_MS)) rmSync(file, { force: true });
    }
  } catch {
    // Another run may be removing them too; a stale cache is only space.
  }
}
