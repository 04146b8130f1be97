/**
 * Whether a workflow start variable may be left out. A workflow tool passes a missing
 * parameter as None; Dify then takes the variable's `default` and runs its own input check
 * on it (dify api/core/app/apps/base_app_generator.py, `BaseAppGenerator._validate_inputs`:
 * "Use default value and continue validation"). A default that check refuses makes leaving
 * the parameter out fail just as a missing required input does, so such a variable is typed
 * as required. `VariableEntity.default` is `Any`: the DSL's value is checked as loaded.
 */
import type { Value } from '../load/value.js';

/** The facts of one start variable the check reads. */
export interface StartVariable {
  name: string;
  /** The DSL type (`text-input`, `select`, `number`, ...). */
  type: string;
  default: Value | undefined;
  options: readonly string[];
  maxLength?: number;
}

type Check = (v: StartVariable, value: Value) => string | undefined;

const isDict = (value: Value): boolean => value instanceof Map;
/** Python's truthiness of a loaded value. */
const truthy = (value: Value): boolean =>
  value instanceof Map ? value.size > 0 : Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value !== '' : typeof value === 'bigint' ? value !== 0n : typeof value === 'object' ? true : Boolean(value);
/** `len()` of a Python str: code points. */
const length = (text: string): number => [...text].length;

// Python's int() and float() on text (with `_` between digits and surrounding whitespace).
const PY_INT = /^\s*[+-]?\d(?:_?\d)*\s*$/;
const PY_FLOAT = /^\s*[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?\s*$|^\s*[+-]?(?:inf|infinity|nan)\s*$/i;

const mustBeString: Check = (v, value) => (typeof value === 'string' ? undefined : `${v.name} in input form must be a string`);

const withinLength: Check = (v, value) =>
  mustBeString(v, value) ?? (v.maxLength && length(value as string) > v.maxLength ? `${v.name} in input form must be less than ${v.maxLength} characters` : undefined);

/** The check `_validate_inputs` runs on a non-None value, by DSL type; the message Dify raises. */
const CHECKS: Readonly<Record<string, Check>> = {
  'text-input': withinLength,
  paragraph: withinLength,
  select: (v, value) => mustBeString(v, value) ?? (v.options.includes(value as string) ? undefined : `${v.name} in input form must be one of the following: [${v.options.map((o) => `'${o}'`).join(', ')}]`),
  number: (v, value) => {
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return undefined;
    if (typeof value !== 'string') return `expected value type int, float or str, got another type, value: ${String(value)}`;
    if (value.trim() === '') return undefined;
    return (value.includes('.') ? PY_FLOAT : PY_INT).test(value) ? undefined : `${v.name} in input form must be a valid number`;
  },
  checkbox: () => undefined,
  file: (v, value) => (value === '' || isDict(value) ? undefined : `${v.name} in input form must be a file`),
  'file-list': (v, value) => {
    if (value === '') return undefined;
    if (!Array.isArray(value) || !value.every(isDict)) return `${v.name} in input form must be a list of files`;
    return v.maxLength && value.length > v.maxLength ? `${v.name} in input form must be less than ${v.maxLength} files` : undefined;
  },
  json_object: (v, value) => (truthy(value) && !isDict(value) ? `${v.name} in input form must be a dict` : undefined),
};

/**
 * The error Dify raises when an optional start variable is left out and its `default` fails
 * Dify's own input check (e.g. a select whose default is not among its options, `''`
 * included); undefined when leaving it out works (no default, or a default that passes).
 */
export function defaultRefusal(v: StartVariable): string | undefined {
  if (v.default === undefined || v.default === null) return undefined;
  return CHECKS[v.type]?.(v, v.default);
}
