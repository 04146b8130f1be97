/**
 * Diagnostics of the source readers (plugin and workflow): a `Report` that collects them while
 * a source is read and throws the errors together at the end, located errors and warnings
 * (`problem`, `notice`) with the source line, and `FileProblem`, a refusal found where a file
 * is read and reported where the file is referenced.
 */
import type { LineCounter } from 'yaml';
import { error, UserError, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import type { PointerPath, Value } from '../load/value.js';
import { kindOf, lineExcerpt, type Doc } from './yaml-document.js';

/** Diagnostics collected while reading; the errors are thrown together at the end. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
  warnings(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'warning');
  }
  throwIfFailed(): void {
    if (this.failed) throw new UserError(this.diagnostics.filter((d) => d.severity === 'error'));
  }
}

/** Why a file cannot be read (a plugin file, a package entry, the package itself); reported where the file is referenced. */
export class FileProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

interface Extra {
  dify?: string;
  preferKey?: boolean;
}

/** An error located at `path` in `doc`, with the source line. */
export function problem(doc: Doc, code: string, message: string, path: PointerPath, hint: string, extra: Extra = {}): Diagnostic {
  return error(code, message, located(doc, path, hint, extra));
}

/** A warning located at `path` in `doc`. */
export function notice(doc: Doc, code: string, message: string, path: PointerPath, hint: string, extra: Extra = {}): Diagnostic {
  return warning(code, message, located(doc, path, hint, extra));
}

function located(doc: Doc, path: PointerPath, hint: string, extra: Extra): Omit<Diagnostic, 'code' | 'severity' | 'message'> {
  const location = doc.locate(path, extra.preferKey);
  const out: Omit<Diagnostic, 'code' | 'severity' | 'message'> = { location, hint };
  if (extra.dify) out.dify = extra.dify;
  const excerpt = location.line === undefined ? undefined : doc.excerpt(location.line);
  if (excerpt !== undefined) out.excerpt = excerpt;
  return out;
}

/**
 * An error at a text offset (a YAML file that cannot be read), located by line and column,
 * with the source line as its excerpt.
 */
export function textProblem(file: string, text: string, lines: LineCounter, offset: number, code: string, message: string, details: Pick<Diagnostic, 'dify' | 'hint'>): Diagnostic {
  const { line, col } = lines.linePos(offset);
  const d = error(code, message, { location: { file, line, column: col }, ...details });
  const excerpt = lineExcerpt(text, lines, line);
  return excerpt === undefined ? d : { ...d, excerpt };
}

/** A wrong value as shown in a message: text quoted, a container or null by its kind, else as written. */
export function shownValue(doc: Doc, path: PointerPath, value: Value): string {
  return value instanceof Map || Array.isArray(value) || value === null ? `a ${kindOf(value)}` : typeof value === 'string' ? quoted(value) : printable(doc.rawText(path) ?? String(value), 60);
}
