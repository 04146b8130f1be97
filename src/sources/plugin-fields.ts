/**
 * The typed fields of a plugin's declarations, decoded as the daemon's Go structs decode them
 * from go-yaml (a `string`, `bool`, `float64`/`int`, `any` default, `I18nObject`), and the
 * required names; each wrong value is reported where it is written, as a refusal of the daemon.
 */
import { quoted } from '../diagnostics/printable.js';
import type { PointerPath, Value } from '../load/value.js';
import { scalarDefault } from './parameters.js';
import { problem, shownValue, type Report } from './report.js';
import { valueAt, type Doc } from './yaml-document.js';

export const DAEMON_REFUSES = 'The Dify plugin daemon refuses to load this plugin.';

// The daemon's name rule for tool and provider identities.
const IDENTITY_NAME = /^[a-zA-Z0-9_-]+$/;

/** A name for the field at `path` in messages: `identity.name`, `parameters[2].type`. */
export function fieldName(path: PointerPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

// go-yaml v3 decodes these texts into a Go bool (its YAML 1.1 compatibility, decode.go).
const GO_YES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const GO_NO = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** Reports the value at `path` as not the `wanted` kind; undefined, for the caller to return. */
export function badField(doc: Doc, path: PointerPath, report: Report, wanted: string, value: Value): undefined {
  report.add(problem(doc, 'plugin-invalid-value', `\`${fieldName(path)}\` must be ${wanted}, not ${shownValue(doc, path, value)}`, path, `write ${wanted}`, { dify: DAEMON_REFUSES }));
  return undefined;
}

/** A Go `string` field: a scalar as written (a number, a bool or a timestamp too); null is empty (undefined here). */
export function goString(doc: Doc, path: PointerPath, report: Report): string | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return doc.rawText(path) ?? String(value);
  return badField(doc, path, report, 'text', value);
}

/** A Go `bool` field: true/false, or go-yaml's YAML 1.1 words (yes, no, on, off, y, n). */
export function goBool(doc: Doc, path: PointerPath, report: Report): boolean | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && GO_YES.has(value)) return true;
  if (typeof value === 'string' && GO_NO.has(value)) return false;
  return badField(doc, path, report, 'true or false', value);
}

/** A Go `float64` (or, with `integer`, `int`: the fraction is dropped) field. */
export function goNumber(doc: Doc, path: PointerPath, report: Report, integer = false): number | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return integer ? Math.trunc(value) : value;
  return badField(doc, path, report, integer ? 'a whole number' : 'a finite number', value);
}

/** A Go `any` default as Dify keeps it: a scalar, else null. */
export function goDefault(doc: Doc, path: PointerPath, report: Report): string | number | boolean | null {
  const value = valueAt(doc.value, path);
  // The daemon sends declarations to Dify as JSON, which has no NaN or infinity.
  if (typeof value === 'number' && !Number.isFinite(value)) return badField(doc, path, report, 'a finite number', value) ?? null;
  return scalarDefault(value);
}

/** An I18nObject field: its `en_US` text. */
export function i18n(doc: Doc, path: PointerPath, report: Report): string | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Map)) return badField(doc, path, report, 'a mapping of languages (en_US: …)', value);
  return goString(doc, [...path, 'en_US'], report);
}

/** True when the value at `path` is a mapping or absent; reports anything else. */
export function mappingOrAbsent(doc: Doc, path: PointerPath, report: Report): boolean {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null || value instanceof Map) return true;
  badField(doc, path, report, 'a mapping', value);
  return false;
}

/** A required text field; reports it missing (at its parent) or empty. */
export function required(doc: Doc, path: PointerPath, report: Report, owner: string, hint: string): string | undefined {
  const value = goString(doc, path, report);
  if (value === undefined || value === '') {
    const present = valueAt(doc.value, path) !== undefined;
    report.add(problem(doc, 'plugin-missing-key', `${owner} has no \`${fieldName(path)}\``, present ? path : path.slice(0, -1), hint, { dify: DAEMON_REFUSES }));
    return undefined;
  }
  return value;
}

/** A tool or provider identity name: required, and `^[a-zA-Z0-9_-]+$` as the daemon requires. */
export function identityName(doc: Doc, path: PointerPath, report: Report, owner: string): string | undefined {
  const name = required(doc, path, report, owner, `add \`${String(path[path.length - 1])}: <name>\` (letters, digits, _ and -)`);
  if (name !== undefined && !IDENTITY_NAME.test(name)) {
    report.add(problem(doc, 'plugin-invalid-name', `the name ${quoted(name)} of ${owner} is not letters, digits, _ and - only`, path, 'rename it: the daemon checks ^[a-zA-Z0-9_-]+$', { dify: DAEMON_REFUSES }));
    return undefined;
  }
  return name;
}
