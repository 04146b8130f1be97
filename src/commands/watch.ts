/**
 * `dify-toolgen generate --watch`: generates, then regenerates whenever the manifest, a
 * spec, a plugin, a DSL or a template changes. Changes are debounced; a broken input prints
 * its diagnostics and the watcher keeps running; it stops on Ctrl-C (or when `signal`
 * aborts), closing every watcher.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FSWatcher, watch as chokidarWatch } from 'chokidar';
import { UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic, internalErrorText } from '../diagnostics/format.js';
import { findManifest, isFolder, loadManifest, type ResolvedManifest } from '../manifest/load-manifest.js';
import { generate, type GenerateOptions, type GenerateResult } from '../generate.js';
import { inside } from '../paths.js';

export interface WatchIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface WatchOptions {
  /** Quiet time after the last change before regenerating. */
  debounceMs?: number;
  /** Stops the watcher when aborted. */
  signal?: AbortSignal;
  /** Called after every run (for tests and editors). */
  onRun?: (outcome: { result?: GenerateResult; diagnostics: Diagnostic[] }) => void;
  /** Prints one summary line per run. */
  summary: (result: GenerateResult) => string;
}

/** The files and folders a run depends on: the manifest and what it names. */
function inputsOf(manifestFile: string, manifest: ResolvedManifest | undefined): string[] {
  const inputs = new Set([manifestFile]);
  for (const source of manifest?.providers ?? []) if (source.sourcePath) inputs.add(source.sourcePath);
  if (manifest?.templates) inputs.add(manifest.templates.path);
  return [...inputs].sort();
}

/**
 * What chokidar watches for `inputs`: the folder of each input file, and each input folder (a
 * plugin, templates), with a filter that ignores every other entry of those folders. A file
 * deleted and made again (git checkout, an editor) is then an event of its folder: chokidar
 * stops watching a file itself once it is deleted.
 */
export function watchTargets(inputs: readonly string[]): { roots: string[]; ignored: (path: string) => boolean } {
  const folders = inputs.filter(isFolder);
  const roots = [...new Set([...inputs.filter((input) => !folders.includes(input)).map((input) => dirname(input)), ...folders])].sort();
  const kept = (path: string) => inputs.includes(path) || folders.some((folder) => inside(folder, path)) || roots.some((root) => inside(path, root));
  return { roots, ignored: (path) => !kept(path) };
}

/** The manifest, or none when it has a mistake or is gone (then only the manifest itself is watched). */
function manifestOrNone(manifestFile: string): ResolvedManifest | undefined {
  try {
    return loadManifest(manifestFile);
  } catch (e) {
    if (e instanceof UserError || typeof (e as NodeJS.ErrnoException).code === 'string') return undefined;
    throw e;
  }
}

/**
 * `watchGenerate` with chokidar loaded. The import is dynamic so that the bundle the package
 * runs (dist/dify-toolgen.cjs, which inlines this module and makes the import a `require`)
 * loads chokidar only for `generate --watch`; a missing chokidar rejects here
 * (`MODULE_NOT_FOUND` from the bundle, `ERR_MODULE_NOT_FOUND` from tsc's modules), where the
 * command line's `commandModule` reports it.
 */
export async function loadWatchGenerate(): Promise<(options: GenerateOptions, io: WatchIo, watchOptions: WatchOptions) => Promise<void>> {
  const { watch } = await import('chokidar');
  return (options, io, watchOptions) => watchGenerate(options, io, watchOptions, watch);
}

/** Generates, then regenerates on every change of an input (watched with `watch`) until stopped. */
async function watchGenerate(options: GenerateOptions, io: WatchIo, watchOptions: WatchOptions, watch: typeof chokidarWatch): Promise<void> {
  const manifestFile = findManifest(options.cwd, options.manifest);
  const debounceMs = watchOptions.debounceMs ?? 150;
  let watcher: FSWatcher | undefined;
  let watched: string[] = [];
  // After a deletion the inputs are watched anew: a watched folder (a plugin, templates, the
  // folder of a spec) deleted and made again is not watched by chokidar any more.
  let deleted = false;
  let timer: NodeJS.Timeout | undefined;
  let last: GenerateResult | undefined;
  let running: Promise<void> = Promise.resolve();

  const run = async (): Promise<void> => {
    let result: GenerateResult | undefined;
    let diagnostics: Diagnostic[] = [];
    try {
      result = generate(options);
      last = result;
      diagnostics = result.diagnostics;
      if (diagnostics.length) io.stderr(diagnostics.map(formatDiagnostic).join('\n\n') + '\n');
      io.stdout(watchOptions.summary(result) + '\n');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      diagnostics = e.diagnostics;
      io.stderr(diagnostics.map(formatDiagnostic).join('\n\n') + '\n');
      io.stdout('dify-toolgen: not generated (see above); watching for changes\n');
    }
    // A failed run (a broken spec, --strict) still watches what the manifest names, when it
    // can be read: else fixing the spec the first run failed on would go unseen.
    const inputs = inputsOf(manifestFile, result?.manifest ?? manifestOrNone(manifestFile) ?? last?.manifest);
    const afterDeletion = deleted;
    await rewatch(inputs);
    // A deleted input made again before its folder was watched anew sends no event: run again.
    if (afterDeletion && result === undefined && inputs.every((input) => existsSync(input))) schedule('add');
    watchOptions.onRun?.({ ...(result ? { result } : {}), diagnostics });
  };

  const schedule = (event: string) => {
    if (event === 'unlink' || event === 'unlinkDir') deleted = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A later run's internal error is reported as the command line reports one, and the
      // watch goes on (the next change may not meet the bug); unhandled, it ended the process
      // with Node's stack trace. The first run's ends the command (exit 2), as generate's does.
      running = running.then(run).catch((e: unknown) => {
        io.stderr(internalErrorText(e, Boolean(process.env.DIFY_TOOLGEN_DEBUG)));
        io.stdout('dify-toolgen: not generated (an internal error, above); watching for changes\n');
      });
    }, debounceMs);
  };

  const rewatch = async (inputs: string[]) => {
    if (watcher && !deleted && inputs.join('\n') === watched.join('\n')) return;
    await watcher?.close();
    watched = inputs;
    deleted = false;
    const { roots, ignored } = watchTargets(inputs);
    watcher = watch(roots, { ignored, ignoreInitial: true, awaitWriteFinish: false, atomic: true, cwd: dirname(resolve(manifestFile)) });
    watcher.on('all', schedule);
    await new Promise<void>((ready) => watcher!.once('ready', () => ready()));
  };

  await run();
  io.stdout(`dify-toolgen: watching ${watched.length} input${watched.length === 1 ? '' : 's'}; press Ctrl-C to stop\n`);
  await new Promise<void>((stop) => {
    const finish = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      stop();
    };
    if (watchOptions.signal) {
      if (watchOptions.signal.aborted) finish();
      watchOptions.signal.addEventListener('abort', finish, { once: true });
    }
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  clearTimeout(timer);
  await running;
  await watcher?.close();
  io.stdout('dify-toolgen: stopped watching\n');
}
