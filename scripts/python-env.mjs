#!/usr/bin/env node
/**
 * Makes the Python environment the tests use: `.venv/` at the repository root, created from
 * `test/python/requirements.txt` (exact pins) with a Python >= 3.12 (the dify_plugin SDK's
 * floor). It is rebuilt only when missing or outdated: `.venv/.dify-toolgen-stamp` holds a
 * hash of the requirements and the interpreter's version.
 *
 * The interpreter: $DIFY_TOOLGEN_PYTHON, else python3.13 / python3.12 / python3 on PATH,
 * else ~/.pyenv/versions/3.12+*, the first that is 3.12 or newer.
 *
 * Run by `npm test` (vitest's globalSetup) and usable alone: `node scripts/python-env.mjs`.
 * Prints the venv's python path.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VENV = join(ROOT, '.venv');
const REQUIREMENTS = join(ROOT, 'test', 'python', 'requirements.txt');
const STAMP = join(VENV, '.dify-toolgen-stamp');

/** `[major, minor]` of an interpreter, or undefined when it does not run. */
function versionOf(python) {
  try {
    const out = execFileSync(python, ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split(' ').map(Number);
  } catch {
    return undefined;
  }
}

function candidates() {
  const fromEnv = process.env.DIFY_TOOLGEN_PYTHON ? [process.env.DIFY_TOOLGEN_PYTHON] : [];
  const pyenv = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const installed = existsSync(pyenv)
    ? readdirSync(pyenv)
        .filter((v) => /^3\.(1[2-9]|[2-9]\d)(\.\d+)?$/.test(v))
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .map((v) => join(pyenv, v, 'bin', 'python3'))
    : [];
  return [...fromEnv, 'python3.13', 'python3.12', 'python3', ...installed];
}

/** The first interpreter that is Python 3.12 or newer. */
export function findPython() {
  for (const python of candidates()) {
    const version = versionOf(python);
    if (version && (version[0] > 3 || (version[0] === 3 && version[1] >= 12))) return { python, version: version.join('.') };
  }
  throw new Error('dify-toolgen tests need Python 3.12 or newer (the dify_plugin SDK requires it): install one, or set DIFY_TOOLGEN_PYTHON to its path');
}

/** The venv's interpreter, the environment made or refreshed first when needed. */
export function ensurePythonEnv() {
  const venvPython = join(VENV, 'bin', 'python');
  const { python, version } = findPython();
  const stamp = createHash('sha256').update(readFileSync(REQUIREMENTS)).update(version).digest('hex');
  if (existsSync(venvPython) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return venvPython;
  rmSync(VENV, { recursive: true, force: true });
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stderr.write(`python-env: creating .venv with ${python} (Python ${version})\n`);
  run(python, ['-m', 'venv', VENV]);
  run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '-r', REQUIREMENTS]);
  writeFileSync(STAMP, stamp);
  return venvPython;
}

/** vitest globalSetup: the environment exists before any test file runs. */
export default function setup() {
  ensurePythonEnv();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(ensurePythonEnv() + '\n');
}
