/**
 * The files of a plugin, a source folder or a `.difypkg` read in place from memory (nothing is
 * ever unpacked or written), and the loading of one of its YAML files by a path named in
 * another: paths resolve inside the plugin only (for a folder: after following links), and
 * each refusal is reported where the file is referenced.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { error, UserError } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { UNREADABLE } from '../load/read-document.js';
import type { PointerPath } from '../load/value.js';
import { inside } from '../manifest/load-manifest.js';
import { parseGoYaml } from './go-yaml.js';
import type { PluginLimits } from './plugin.js';
import { DAEMON_REFUSES } from './plugin-fields.js';
import { FileProblem, problem, type Report } from './report.js';
import { utf8Text, type Doc } from './yaml-document.js';
import { readZipDirectory, readZipEntry, type ZipDirectory } from './zip.js';

/** The files of a plugin, addressed by canonical `/`-separated paths inside it. */
export interface PluginFiles {
  readonly archive: boolean;
  /** How a file inside the plugin is shown: `plugins/x/tools/a.yaml`, `plugins/x.difypkg!tools/a.yaml`. */
  display(path: string): string;
  /** The bytes of a file; throws `FileProblem`. */
  read(path: string): Buffer;
}

/** The files of the plugin folder or `.difypkg` at `path`; throws a `UserError` when there is none to read. */
export function openPlugin(path: string, display: string, limits: PluginLimits): PluginFiles {
  const where = { location: { file: display } };
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError(error('plugin-not-found', `there is no plugin at ${quoted(display)}`, { ...where, hint: 'give a plugin source folder (with manifest.yaml) or a .difypkg file' }));
  }
  if (stat.isDirectory()) return folderFiles(path, display, limits);
  if (!stat.isFile()) throw new UserError(error('plugin-not-found', `${quoted(display)} is neither a folder nor a file`, { ...where, hint: 'give a plugin source folder or a .difypkg file' }));
  if (stat.size > limits.maxArchiveBytes) {
    throw new UserError(error('plugin-zip-limit', `the package is ${stat.size} bytes, more than the limit of ${limits.maxArchiveBytes}`, { ...where, hint: 'check that this is the plugin package you meant' }));
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const problem = unreadable(e);
    throw new UserError(error(problem.code, `the package ${quoted(display)} ${problem.message}`, { ...where, hint: problem.hint }));
  }
  try {
    return archiveFiles(bytes, readZipDirectory(bytes, limits), display, limits);
  } catch (e) {
    if (e instanceof FileProblem) throw new UserError(error(e.code, `the package ${quoted(display)} ${e.message}`, { ...where, hint: e.hint }));
    throw e;
  }
}

function folderFiles(root: string, display: string, limits: PluginLimits): PluginFiles {
  const realRoot = realpathSync(root);
  return {
    archive: false,
    display: (path) => `${display}/${path}`,
    read(path) {
      let real: string;
      try {
        real = realpathSync(join(realRoot, ...path.split('/')));
      } catch (e) {
        throw unreadable(e);
      }
      if (!inside(realRoot, real)) {
        throw new FileProblem('plugin-path-outside', 'is a link to a file outside the plugin folder', 'keep every file the plugin declares inside its folder (links are followed when checking)');
      }
      const stat = statSync(real);
      if (!stat.isFile()) throw new FileProblem('plugin-missing-file', 'is not a file', 'name a YAML file');
      if (stat.size > limits.maxYamlBytes) throw new FileProblem('plugin-yaml-limit', `is ${stat.size} bytes, more than the limit of ${limits.maxYamlBytes} for a YAML file`, 'check the path');
      try {
        return readFileSync(real);
      } catch (e) {
        throw unreadable(e);
      }
    },
  };
}

/** A plugin file the file system will not give (the error of reading it): missing, or not readable (its permissions). */
export function unreadable(e: unknown): FileProblem {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === undefined) return new FileProblem('plugin-missing-file', 'does not exist', 'the path is relative to the plugin folder');
  return new FileProblem('plugin-unreadable', `cannot be read: ${UNREADABLE[code] ?? printable(code)}`, "check the file's owner and permissions");
}

function archiveFiles(bytes: Buffer, directory: ZipDirectory, display: string, limits: PluginLimits): PluginFiles {
  return {
    archive: true,
    display: (path) => `${display}!${path}`,
    read(path) {
      const entry = directory.entries.get(path);
      if (!entry || entry.directory) throw new FileProblem('plugin-missing-file', 'is not in the package', 'the path is relative to the package root; list the entries with `unzip -l`');
      if (entry.link) throw new FileProblem('plugin-path-outside', 'is a symbolic link in the package', 'package the file itself, not a link to it');
      if (entry.size > limits.maxYamlBytes) throw new FileProblem('plugin-yaml-limit', `declares ${entry.size} bytes, more than the limit of ${limits.maxYamlBytes} for a YAML file`, 'check the path');
      return readZipEntry(bytes, entry, directory.dataEnd);
    },
  };
}

/**
 * A path named in a plugin YAML, as a canonical path inside the plugin, or why it is refused.
 * The daemon cleans paths (`tools/../tools/a.yaml` is `tools/a.yaml`) and refuses any that
 * leave the plugin; a backslash is not a separator on Linux, where Dify runs.
 */
function pluginPath(raw: string): { path: string; canonical: boolean } | { refused: string } {
  if (raw === '') return { refused: 'names no file (the path is empty)' };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { refused: 'contains a control character' };
  if (raw.includes('\\')) return { refused: 'contains a backslash (use / between folders)' };
  if (/^[A-Za-z]:/.test(raw)) return { refused: 'starts with a drive letter' };
  if (raw.startsWith('/')) return { refused: 'is an absolute path' };
  const clean = posix.normalize(raw);
  if (clean === '..' || clean.startsWith('../')) return { refused: 'leaves the plugin' };
  if (clean === '.' || clean.endsWith('/')) return { refused: 'names a folder, not a file' };
  return { path: clean, canonical: clean === raw };
}

/** Where a file is referenced from: the YAML node that names it. */
export interface Reference {
  doc: Doc;
  path: PointerPath;
  what: string;
}

/** Loads one YAML file of the plugin; reports (where it is referenced) why it cannot be read. */
export function loadYaml(files: PluginFiles, raw: string, from: Reference | undefined, report: Report, limits: PluginLimits): Doc | undefined {
  const what = from?.what ?? 'manifest';
  const fail = (code: string, message: string, hint: string) =>
    report.add(from ? problem(from.doc, code, `the ${what} ${quoted(raw)} ${message}`, from.path, hint, { dify: DAEMON_REFUSES }) : error(code, `${quoted(files.display(raw))} ${message}`, { location: { file: files.display(raw) }, hint }));
  const resolved = pluginPath(raw);
  if ('refused' in resolved) {
    fail('plugin-path-outside', resolved.refused, 'name a file inside the plugin, relative to its root, with / between folders');
    return undefined;
  }
  if (files.archive && !resolved.canonical) {
    fail('plugin-missing-file', `is not a plain path inside the package (Dify looks up ${quoted(resolved.path)} only as written)`, `write ${quoted(resolved.path)}`);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = files.read(resolved.path);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    fail(e.code, e.message, from || e.code !== 'plugin-missing-file' ? e.hint : 'a plugin has manifest.yaml at its root');
    return undefined;
  }
  if (bytes.length > limits.maxYamlBytes) {
    fail('plugin-yaml-limit', `is ${bytes.length} bytes, more than the limit of ${limits.maxYamlBytes}`, 'check the path');
    return undefined;
  }
  const file = files.display(resolved.path);
  const text = utf8Text(bytes);
  if (text === undefined) {
    report.add(error('plugin-unreadable', `${quoted(file)} is not UTF-8 text`, { location: { file }, hint: 'save the file as UTF-8' }));
    return undefined;
  }
  return parseGoYaml(file, text, report);
}
