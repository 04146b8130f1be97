/**
 * Helpers for the table-driven unit tests: tiny inline specs, and the outputs they are
 * compared on (loaded values with key order, tool and parameter tuples, refusals).
 */
import { expect } from 'vitest';
import { deriveProvider, parseSpecText, UserError, type Diagnostic, type DifyProvider, type Key, type Limits, type Scalar, type Value } from '../../src/index.js';

export const FILE = 'spec.yaml';

/** Removes the common indentation of a template literal (and its first and last blank lines). */
export function dedent(text: string): string {
  const lines = text.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

/** The three lines every spec starts with; `paths:` (or whatever follows) is line 4. */
export const HEADER = 'openapi: 3.0.0\ninfo: {title: t, version: "1"}\nservers: [{url: "https://api.test"}]\n';

/** A YAML spec: the standard header, then `body` (dedented). */
export function spec(body: string): string {
  return HEADER + dedent(body);
}

/** A loaded value where mappings are ordered entry lists, so that `toEqual` checks key order. */
export type Plain = Scalar | Plain[] | { map: Array<[Key, Plain]> };

export function plain(value: Value): Plain {
  if (value instanceof Map) return { map: [...value.entries()].map(([k, v]): [Key, Plain] => [k, plain(v)]) };
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Shorthand for an expected mapping. */
export function map(...entries: Array<[Key, Plain]>): Plain {
  return { map: entries };
}

/** The refusal a diagnostic describes, on the fields the tests compare. */
export interface Refusal {
  code: string;
  line: number | undefined;
  column?: number | undefined;
  pointer?: string | undefined;
}

export function refusalOf(d: Diagnostic, withColumn = false): Refusal {
  return {
    code: d.code,
    line: d.location?.line,
    ...(withColumn ? { column: d.location?.column } : {}),
    pointer: d.location?.pointer,
  };
}

/** Runs `fn`; returns the first diagnostic of the `UserError` it throws, or undefined. */
export function caught(fn: () => unknown): Diagnostic | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof UserError) {
      expect(e.diagnostics.length).toBeGreaterThan(0);
      for (const d of e.diagnostics) expect(d.severity).toBe('error');
      return e.diagnostics[0];
    }
    throw e;
  }
}

export function load(text: string, limits: Partial<Limits> = {}) {
  return parseSpecText(text, FILE, limits);
}

export function provider(text: string): DifyProvider {
  return deriveProvider(load(text));
}

export type ParamTuple = [name: string, type: string, required: boolean, defaultValue: Scalar];
export type ToolTuple = [name: string | null, params: ParamTuple[]];

export function paramTuples(p: DifyProvider, tool = 0): ParamTuple[] {
  const t = p.tools[tool];
  if (!t) throw new Error(`no tool #${tool}`);
  return t.parameters.map((x): ParamTuple => [x.name, x.type, x.required, x.default]);
}

export function toolTuples(p: DifyProvider): ToolTuple[] {
  return p.tools.map((t): ToolTuple => [t.name, t.parameters.map((x): ParamTuple => [x.name, x.type, x.required, x.default])]);
}

/** Warnings (not Dify's own dict: our diagnostics) as [code, pointer, line]. */
export function warningTuples(p: DifyProvider): Array<[string, string | undefined, number | undefined]> {
  return p.diagnostics.map((d) => {
    expect(d.severity).toBe('warning');
    return [d.code, d.location?.pointer, d.location?.line];
  });
}

/** What deriving a spec gives: its refusal, or its tools and Dify's duplicated-parameter warning. */
export type Outcome = { refused: Refusal } | { tools: ToolTuple[]; duplicated: string | undefined };

export function outcome(text: string): Outcome {
  let p: DifyProvider | undefined;
  const d = caught(() => {
    p = provider(text);
  });
  if (d) return { refused: refusalOf(d) };
  return { tools: toolTuples(p!), duplicated: p!.difyWarnings.duplicated_parameter };
}

/** What a validator says of a value, as a caller sees it: `true`, or each issue's code, path and message. */
export function verdict(validator: { safeParse(value: unknown): { success: boolean; error?: unknown } }, value: unknown): true | Array<[string, PropertyKey[], string]> {
  const result = validator.safeParse(value);
  if (result.success) return true;
  return (result.error as { issues: Array<{ code: string; path: PropertyKey[]; message: string }> }).issues.map((i) => [i.code, i.path, i.message]);
}
