/**
 * The one formatter for diagnostics: position first, then what is wrong, the offending
 * line, what Dify does, and what to change. Every text is escaped on the way out, so a
 * hostile spec cannot put control or bidi characters on the user's terminal.
 */
import type { Diagnostic, Location } from './diagnostic.js';
import { printable, printableLines } from './printable.js';

export function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  let out = printable(location.file, 300);
  if (location.line !== undefined) out += `:${location.line}:${location.column ?? 1}`;
  return out;
}

/** A multi-line rendering for terminals. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  const lines = [`${where ? where + ': ' : ''}${d.severity} [${d.code}] ${printableLines(d.message)}`];
  if (d.location?.pointer && d.location.pointer !== '#') lines.push(`  at ${printable(d.location.pointer, 300)}`);
  if (d.excerpt !== undefined && d.location?.line !== undefined) lines.push(`  ${String(d.location.line).padStart(5)} | ${printable(d.excerpt, 160)}`);
  if (d.dify) lines.push(`  Dify: ${printable(d.dify, 500)}`);
  if (d.hint) lines.push(`  fix:  ${printable(d.hint, 500)}`);
  return lines.join('\n');
}

/** A one-line rendering, for JSON fields that hold a message. */
export function formatDiagnosticLine(d: Diagnostic): string {
  const where = formatLocation(d.location);
  const pointer = d.location?.pointer && d.location.pointer !== '#' ? ` (${printable(d.location.pointer, 300)})` : '';
  const parts = [sentence(`${where ? where + ': ' : ''}${printable(d.message.split('\n')[0] ?? '', 500)}${pointer}`)];
  if (d.dify) parts.push(sentence(printable(d.dify, 500)));
  if (d.hint) parts.push(sentence(`Fix: ${printable(d.hint, 500)}`));
  return parts.join(' ');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Plain data for `--json` output, every string escaped. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, severity: d.severity, message: printableLines(d.message) };
  if (d.location) {
    out.file = printable(d.location.file, 300);
    if (d.location.line !== undefined) out.line = d.location.line;
    if (d.location.column !== undefined) out.column = d.location.column;
    if (d.location.pointer !== undefined) out.pointer = printable(d.location.pointer, 300);
  }
  if (d.dify) out.dify = printable(d.dify, 500);
  if (d.hint) out.hint = printable(d.hint, 500);
  return out;
}

export function summarizeCounts(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** What an internal error asks of the user, in the text and in the JSON report. */
const INTERNAL_ERROR_REPORT = 'This is a bug in dify-toolgen, not in your input. Please report it with the command you ran and, if you can, the spec.';

/**
 * What the command line prints for an error that is not the user's (anything but a
 * `UserError`): one line with the message, that it is a bug and how to report it, and the
 * stack trace only when `debug` (`DIFY_TOOLGEN_DEBUG` is set). Lines end with a newline.
 */
export function internalErrorText(e: unknown, debug: boolean): string {
  return (
    `dify-toolgen: internal error: ${printable(e instanceof Error ? e.message : String(e), 500)}\n` +
    `${INTERNAL_ERROR_REPORT}\n` +
    (debug ? `${(e as Error | undefined)?.stack ?? ''}\n` : 'Set DIFY_TOOLGEN_DEBUG=1 to see the stack trace.\n')
  );
}

/** An internal error as one diagnostic of a `--json` report: code `internal-error`, its message, and the request to report it as `hint`. */
export function internalErrorJson(e: unknown): Record<string, unknown> {
  return { code: 'internal-error', severity: 'error', message: `internal error: ${printable(e instanceof Error ? e.message : String(e), 500)}`, hint: INTERNAL_ERROR_REPORT };
}
