/**
 * Emits the Python package: one module per provider (named by the Python sanitiser),
 * `runtime.py` (the support module, real Python copied from `templates/python/`) and
 * `__init__.py`. Every file is in the form ruff's own formatter gives it (see ruff.ts): the
 * provider modules are printed so, `__init__.py` goes through `ruffFormatModule`.
 */
import type { ProviderModel } from '../../model/tool-model.js';
import { OUTPUT_LANGUAGES, type OutputFile } from '../../write/write-output.js';
import { packageFile } from '../templates.js';
import { commentText } from './escape.js';
import { planPythonModule } from './module-plan.js';
import { planPythonNames, toPythonIdentifier } from './names.js';
import { pythonProviderModule } from './provider-module.js';
import { ruffFormatModule } from './ruff.js';

/** The first line of every generated Python file; a file without it is never overwritten or removed. */
const PYTHON_MARKER = OUTPUT_LANGUAGES.python.marker;

/** Files of the package that are not provider modules. */
const PACKAGE_FILES = ['__init__', 'runtime'];

/** The header of a generated Python file. */
export function pythonHeader(source?: string): string {
  const from = source === undefined ? '' : commentText(source).join(' ');
  return `${PYTHON_MARKER}${from ? ` from ${from}` : ''}.\n# Do not edit it by hand: change the input and run \`dify-toolgen generate\`.`;
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
    content: pythonProviderModule(planPythonModule(model), pythonHeader(model.sourceDisplay)),
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
  files.push({ name: 'runtime.py', content: `${pythonHeader()}\n${packageFile('python/runtime.py')}` });
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
