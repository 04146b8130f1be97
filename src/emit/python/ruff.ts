/**
 * Ruff's formatter, the one source of the generated Python's layout: the WebAssembly build of
 * the ruff the tests run as `ruff format --check`, so the output is exactly ruff's form without
 * a second, hand-written formatter to keep in step with it.
 *
 * The printer writes every statement in ruff's form as long as its lines fit in 88 columns
 * (exploded lists carry a magic trailing comma, which ruff keeps; docstrings are laid out as
 * ruff lays them out). A statement with a longer code line is laid out as ruff would lay it
 * out by `laidOut` (layout.ts) when it has one of the shapes a module holds most often, else
 * it goes through ruff, alone, shown to ruff in a context that puts it at its place
 * (`fitted`). Ruff formats statements, and the entries of an exploded collection,
 * independently of their neighbours, so the result is what ruff gives for the whole file (the
 * tests check it with `ruff format --check`). Before, every top-level block with a long line
 * went through ruff whole: 1,039 blocks, 2.5 MB of GitHub's 4.4 MB module; now ruff is not
 * even loaded for GitHub's spec (Stripe's: one statement).
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { laidOut, LINE_LENGTH } from './layout.js';


let ruff: Workspace | undefined;

/**
 * `source` as `ruff format` (default settings) writes it. Ruff's WebAssembly module is
 * compiled on first use only (about 0.1 s), so runs that never need it never load it.
 */
export function ruffFormat(source: string): string {
  ruff ??= ruffWorkspace();
  return ruff.format(source);
}

/**
 * Ruff's WebAssembly module, compiled by V8's baseline compiler only (Liftoff). By default
 * V8 also recompiles the hot functions with its optimizing compiler (TurboFan, on background
 * threads): for GitHub's spec that cost about 0.34 s of CPU, while the blocks it formatted
 * took about 0.06 s either way (measured in one process: ruff's part 0.49-0.54 s with
 * tier-up, 0.16 s without). The flag is read when the module is compiled and restored right
 * after, so other WebAssembly of the process is compiled as before.
 * The module is also validated lazily, each function when it is first compiled (V8's
 * `--wasm-lazy-validation`): ruff's 10 MB module is valid and a run calls a small part of it;
 * validating it whole cost 45 ms of CPU at load, 10 ms lazily (Node 20, in one process).
 */
function ruffWorkspace(): Workspace {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--wasm-lazy-validation');
  try {
    const wasm = createRequire(import.meta.url)('@astral-sh/ruff-wasm-nodejs') as typeof import('@astral-sh/ruff-wasm-nodejs');
    return new wasm.Workspace({}, 0);
  } finally {
    setFlagsFromString('--no-wasm-lazy-validation');
    setFlagsFromString('--no-liftoff-only');
  }
}

/** Code lines of a block, docstrings blanked: what ruff would re-lay out when too long. */
function codeLines(block: string): string[] {
  return block.replace(/"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""/g, '""""""').split('\n');
}

/**
 * A module in ruff's form, formatting only what needs it: each top-level block (a statement
 * with its docstring) whose code lines fit in 88 columns is kept as it is, a block with a
 * longer line goes through ruff, alone. For modules printed as text (`__init__.py`); the
 * provider modules are printed statement by statement through `fitted`.
 */
export function ruffFormatModule(source: string): string {
  const blocks = source.replace(/\n+$/, '').split(/\n\n\n(?=\S)/);
  const formatted = blocks.map((block) => (codeLines(block).some((line) => line.length > LINE_LENGTH) ? ruffFormat(`${block}\n`).replace(/\n$/, '') : block));
  return formatted.join('\n\n\n') + '\n';
}

/** Where a statement's lines stand: the lines ruff is shown before and after them, which it keeps as they are. */
const PLACES = {
  /** A top-level statement. */
  module: { before: [], after: [] },
  /** The header of a top-level `def` or `class` (its body follows). */
  header: { before: [], after: ['    pass'] },
  /** A statement of a function or class body, indented by 4. */
  body: { before: ['def _():'], after: [] },
  /** An entry of a top-level dict exploded one entry per line, indented by 4. */
  entry: { before: ['_ = {'], after: ['}'] },
} as const satisfies Record<string, { before: readonly string[]; after: readonly string[] }>;

/** Where a statement's lines stand in the module (see `PLACES`). */
export type Place = keyof typeof PLACES;

/**
 * The lines of one statement (or dict entry) in ruff's form: as printed when every line fits
 * in 88 columns, else as ruff lays them out at `place`. The lines hold code only: a docstring
 * of the statement is printed after them, in ruff's form already.
 */
export function fitted(lines: readonly string[], place: Place): readonly string[] {
  if (lines.every((line) => line.length <= LINE_LENGTH)) return lines;
  const laid = laidOut(lines, place);
  if (laid !== undefined) return laid;
  const { before, after } = PLACES[place];
  const out = ruffFormat([...before, ...lines, ...after, ''].join('\n')).split('\n');
  out.pop();
  const kept = out.slice(before.length, out.length - after.length);
  // Ruff keeps these canonical lines as they are; anything else is a bug of this function.
  if (out.length < before.length + after.length || [...out.slice(0, before.length), ...out.slice(out.length - after.length)].join('\n') !== [...before, ...after].join('\n')) {
    throw new Error(`ruff moved the context of a ${place} statement: ${JSON.stringify(out)}`);
  }
  return kept;
}
