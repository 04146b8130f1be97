/**
 * Diagnostics are data: every problem the tool finds, in a spec, a manifest, a plugin or a
 * DSL, is one `Diagnostic`. Stages collect them; one formatter (`format.ts`) prints them.
 */

export type Severity = 'error' | 'warning';

/** Where a problem lies: a file, and within it a position and/or a JSON pointer. */
export interface Location {
  file: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column, in UTF-16 code units. */
  column?: number;
  /** RFC 6901 JSON pointer into the document, e.g. `#/paths/~1pets/get`. */
  pointer?: string;
}

export interface Diagnostic {
  /** Stable, documented code, e.g. `no-servers`. */
  code: string;
  severity: Severity;
  /** What is wrong, in one sentence. */
  message: string;
  location?: Location;
  /** What Dify does with this input, where that matters. */
  dify?: string;
  /** What to change. */
  hint?: string;
  /** The offending source line, escaped, when known. */
  excerpt?: string;
}

/**
 * A problem with the user's input (spec, manifest, plugin, DSL, flags). Carries every
 * diagnostic found, so that the first error does not hide the rest. Exit code 1.
 */
export class UserError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | Diagnostic) {
    const list = Array.isArray(diagnostics) ? diagnostics : [diagnostics];
    super(list.map((d) => d.message).join('\n'));
    this.name = 'UserError';
    this.diagnostics = list;
  }
}

export function error(code: string, message: string, extra: Omit<Diagnostic, 'code' | 'severity' | 'message'> = {}): Diagnostic {
  return { code, severity: 'error', message, ...extra };
}

export function warning(code: string, message: string, extra: Omit<Diagnostic, 'code' | 'severity' | 'message'> = {}): Diagnostic {
  return { code, severity: 'warning', message, ...extra };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
