/**
 * Emits the Python package: one module per provider (named by the Python sanitiser),
 * `runtime.py` (the support module, real Python copied from `templates/python/`) and
 * `__init__.py`. Every file is formatted by ruff's own formatter (the WebAssembly build of
 * the ruff the tests run as `ruff format --check`), so the output is exactly ruff's form
 * without a second, hand-written formatter to keep in step with it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { ProviderModel } from '../../model/tool-model.js';
import { OUTPUT_LANGUAGES, type OutputFile } from '../../write/write-output.js';
import { TEMPLATES_DIR } from '../templates.js';
import { commentText } from './escape.js';
import { planPythonModule } from './module-plan.js';
import { planPythonNames, toPythonIdentifier } from './names.js';
import { pythonProviderModule } from './provider-module.js';

/** The first line of every generated Python file; a file without it is never overwritten or removed. */
const PYTHON_MARKER = OUTPUT_LANGUAGES.python.marker;

/** Files of the package that are not provider modules. */
const PACKAGE_FILES = ['__init__', 'runtime'];

/** The header of a generated Python file. */
export function pythonHeader(source?: string): string {
  const from = source === undefined ? '' : commentText(source).join(' ');
  return `${PYTHON_MARKER}${from ? ` from ${from}` : ''}.\n# Do not edit it by hand: change the input and run \`dify-toolgen generate\`.`;
}

let ruff: Workspace | undefined;

/**
 * `source` as `ruff format` (default settings) writes it. Ruff's WebAssembly module is
 * compiled on first use only (about 0.1 s), so runs without Python output never load it.
 */
export function ruffFormat(source: string): string {
  ruff ??= ruffWorkspace();
  return ruff.format(source);
}

/**
 * Ruff's WebAssembly module, compiled by V8's baseline compiler only (Liftoff). By default
 * V8 also recompiles the hot functions with its optimizing compiler (TurboFan, on background
 * threads): for GitHub's spec that costs about 0.34 s of CPU, while the 286 blocks it formats
 * take about 0.06 s either way (measured in one process: ruff's part 0.49-0.54 s with
 * tier-up, 0.16 s without). The flag is read when the module is compiled and restored right
 * after, so other WebAssembly of the process is compiled as before.
 */
function ruffWorkspace(): Workspace {
  setFlagsFromString('--liftoff-only');
  try {
    const wasm = createRequire(import.meta.url)('@astral-sh/ruff-wasm-nodejs') as typeof import('@astral-sh/ruff-wasm-nodejs');
    return new wasm.Workspace({}, 0);
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

/** Code lines of a block, docstrings blanked: what ruff would re-lay out when too long. */
function codeLines(block: string): string[] {
  return block.replace(/"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""/g, '""""""').split('\n');
}

/**
 * A module in ruff's form, formatting only what needs it. The printer writes every block
 * (a top-level statement with its docstring) in ruff's form as long as its code lines fit
 * in 88 columns (exploded lists carry a magic trailing comma, which ruff keeps); a block
 * with a longer line goes through ruff, alone.
 * Ruff formats top-level statements independently, two blank lines apart, so the result is
 * what ruff gives for the whole file (the tests check it with `ruff format --check`), in
 * a fraction of the time on large specs.
 */
export function ruffFormatModule(source: string): string {
  const blocks = source.replace(/\n+$/, '').split(/\n\n\n(?=\S)/);
  const formatted = blocks.map((block) => (codeLines(block).some((line) => line.length > 88) ? ruffFormat(`${block}\n`).replace(/\n$/, '') : block));
  return formatted.join('\n\n\n') + '\n';
}

/** Python module names of the providers, by manifest name (snake_case, colliding names numbered). */
export function pythonModuleNames(models: readonly ProviderModel[]): Map<string, string> {
  return planPythonNames(
    models.map((m) => ({ key: m.module, preferred: toPythonIdentifier(m.module, 'snake') })),
    PACKAGE_FILES,
  );
}

/** Every file of the Python package. */
export function emitPythonPackage(models: readonly ProviderModel[], manifestDisplay: string): OutputFile[] {
  const moduleNames = pythonModuleNames(models);
  const files: OutputFile[] = models.map((model) => ({
    name: `${moduleNames.get(model.module)!}.py`,
    content: ruffFormatModule(pythonProviderModule(planPythonModule(model), pythonHeader(model.sourceDisplay))),
  }));
  const modules = [...moduleNames.values()].sort();
  const runtimeNames = ['DifyFile', 'EncodingError', 'MockSession', 'ToolCall', 'ToolParameterError', 'ToolResultError', 'configure'];
  // `__all__` in isort's order (ruff's RUF022): CamelCase names, then the others, each sorted.
  const isortKey = (name: string) => `${/^[A-Z]/.test(name) ? 1 : 2}${name}`;
  const exported = [...modules, ...runtimeNames].sort((a, b) => (isortKey(a) < isortKey(b) ? -1 : isortKey(a) > isortKey(b) ? 1 : 0));
  const init = [
    pythonHeader(manifestDisplay),
    '"""Typed wrappers of the Dify tools this plugin calls."""',
    '',
    // Exploded with magic trailing commas: ruff's form at any length.
    ...(modules.length > 0 ? ['from . import (', ...modules.map((m) => `    ${m},`), ')'] : []),
    'from .runtime import (',
    ...runtimeNames.map((n) => `    ${n},`),
    ')',
    '',
    '__all__ = [',
    ...exported.map((n) => `    "${n}",`),
    ']',
    '',
  ].join('\n');
  files.push({ name: '__init__.py', content: ruffFormatModule(init) });
  files.push({ name: 'runtime.py', content: `${pythonHeader()}\n${readFileSync(join(TEMPLATES_DIR, 'python', 'runtime.py'), 'utf8')}` });
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
