/**
 * Python's semantics for the few operations Dify's parser performs on the loaded document
 * (`in`, `[]`, `.get`, `.items()`, iteration, truthiness, pydantic's field checks).
 *
 * Dify refuses a schema exactly when its parser raises. Mirroring each operation, with the
 * exception Python would raise, makes refusals fall out of the same code that derives tools,
 * instead of a list of special cases that drifts from Dify.
 */
import { printable, quoted } from '../diagnostics/printable.js';
import { PyBytes, PyDate, PyDateTime, scalarText, type Key, type Mapping, type PointerPath, type Value } from '../load/value.js';

/** Dify's parser raised on this document: Dify refuses it. */
export class DifyRefusal extends Error {
  constructor(
    /** Stable diagnostic code. */
    readonly code: string,
    /** What Python raised, as Dify reports it (e.g. `KeyError: 'servers'`). */
    readonly pythonError: string,
    /** Where in the document. */
    readonly at: PointerPath,
    /** What to change. */
    readonly hint: string,
    /** A sentence for users; defaults to one built from the Python error. */
    readonly explanation?: string,
    /** True when the problem is the mapping key at `at` (e.g. a date used as a property name), not its value. */
    readonly atKey = false,
  ) {
    super(explanation ?? pythonError);
    this.name = 'DifyRefusal';
  }
}

/** Runs `read`, reporting a refusal at the mapping key its path ends in rather than at the value. */
export function atKey<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof DifyRefusal && !e.atKey) throw new DifyRefusal(e.code, e.pythonError, e.at, e.hint, e.explanation, true);
    throw e;
  }
}

export function pyTypeName(value: Value | undefined): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (value instanceof PyDate) return 'datetime.date';
  if (value instanceof PyDateTime) return 'datetime.datetime';
  if (value instanceof PyBytes) return 'bytes';
  return 'dict';
}

/** Python's `repr` of a key, for error texts. */
export function pyRepr(key: Key): string {
  if (typeof key === 'string') return `'${printable(key, 80).replace(/'/g, "\\'")}'`;
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  if (key instanceof PyDate) return `datetime.date(${key.year}, ${key.month}, ${key.day})`;
  if (key instanceof PyDateTime) return `datetime.datetime.fromisoformat('${key.isoformat()}')`;
  return printable(scalarText(key), 80);
}

function pyEquals(a: Value, b: Key): boolean {
  if (a === b) return true;
  // True == 1 and False == 0 in Python.
  if (typeof a === 'boolean' && typeof b === 'number') return Number(a) === b;
  if (typeof a === 'number' && typeof b === 'boolean') return a === Number(b);
  if ((a instanceof PyDate && b instanceof PyDate) || (a instanceof PyDateTime && b instanceof PyDateTime)) return a.isoformat() === b.isoformat();
  return false;
}

/** `key in container`. */
export function pyIn(key: Key, container: Value, at: PointerPath): boolean {
  if (container instanceof Map) return container.has(key);
  if (Array.isArray(container)) return container.some((item) => pyEquals(item, key));
  if (typeof container === 'string') {
    if (typeof key !== 'string') {
      throw typeError(`'in <string>' requires string as left operand, not ${pyTypeName(key)}`, at);
    }
    return container.includes(key);
  }
  throw typeError(`argument of type '${pyTypeName(container)}' is not iterable`, at);
}

/** `container[key]`. */
export function pyIndex(container: Value, key: Key, at: PointerPath): Value {
  if (container instanceof Map) {
    if (!container.has(key)) {
      throw new DifyRefusal('missing-key', `KeyError: ${pyRepr(key)}`, [...at, key], `add ${pyRepr(key)} here`);
    }
    return container.get(key)!;
  }
  if (Array.isArray(container)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) {
      throw typeError(`list indices must be integers or slices, not ${pyTypeName(key)}`, at);
    }
    const item = container[key < 0 ? container.length + key : key];
    if (item === undefined) throw new DifyRefusal('missing-key', 'IndexError: list index out of range', [...at, key], 'add the missing entry');
    return item;
  }
  if (typeof container === 'string') throw typeError('string indices must be integers, not ' + pyTypeName(key), at);
  throw typeError(`'${pyTypeName(container)}' object is not subscriptable`, at);
}

/** `mapping.get(key, fallback)`: only mappings have `.get`. */
export function pyGet(container: Value, key: Key, fallback: Value | undefined, at: PointerPath): Value | undefined {
  return asMapping(container, 'get', at).has(key) ? (container as Mapping).get(key) : fallback;
}

/** `mapping.items()`. */
export function pyItems(container: Value, at: PointerPath): IterableIterator<[Key, Value]> {
  return asMapping(container, 'items', at).entries();
}

/** `for x in container`: lists give items, mappings their keys, strings their characters. */
export function pyIter(container: Value, at: PointerPath): Value[] {
  if (Array.isArray(container)) return container;
  if (container instanceof Map) return [...container.keys()];
  if (typeof container === 'string') return [...container];
  throw typeError(`'${pyTypeName(container)}' object is not iterable`, at);
}

/** `len(container)`. */
export function pyLen(container: Value, at: PointerPath): number {
  if (Array.isArray(container)) return container.length;
  if (container instanceof Map) return container.size;
  if (typeof container === 'string') return [...container].length;
  if (container instanceof PyBytes) return container.bytes.length;
  throw typeError(`object of type '${pyTypeName(container)}' has no len()`, at);
}

export function pyTruthy(value: Value | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyBytes) return value.bytes.length > 0;
  if (value instanceof PyDate || value instanceof PyDateTime) return true;
  return value.size > 0;
}

/** Raises Python's `TypeError: unhashable type` for values that cannot be set members. */
export function pyHashable(value: Value, at: PointerPath): Key {
  if (Array.isArray(value) || value instanceof Map) throw typeError(`unhashable type: '${pyTypeName(value)}'`, at);
  return value;
}

/**
 * A pydantic `str` field in lax mode (pydantic 2.12): a string; bytes decoded as UTF-8;
 * anything else (numbers, booleans, dates, null unless `optional`) refused.
 */
export function pydanticStr(value: Value | undefined, field: string, at: PointerPath, optional = false): string | null {
  if (typeof value === 'string') return value;
  if (optional && (value === null || value === undefined)) return null;
  if (value instanceof PyBytes) {
    const text = value.decode();
    if (text !== undefined) return text;
    throw validationError(field, 'Input should be a valid string, unable to parse raw data as a unicode string', at, 'make this a UTF-8 string', value);
  }
  throw validationError(field, 'Input should be a valid string', at, 'make this a string', value, 'not-a-string');
}

const PYDANTIC_TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const PYDANTIC_FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/**
 * A pydantic `bool` field in lax mode (pydantic 2.12): booleans; the integers and floats 0 and
 * 1; the strings (and UTF-8 bytes) `1 on t true y yes` / `0 off f false n no` in any case.
 * Null, other numbers, other strings, lists, mappings and dates are refused.
 */
export function pydanticBool(value: Value, field: string, at: PointerPath): boolean {
  if (typeof value === 'boolean') return value;
  let parsing = false;
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value === 0 || value === 1) return value === 1;
    parsing = true;
  }
  const text = typeof value === 'string' ? value : value instanceof PyBytes ? (value.decode() ?? '\u0000') : undefined;
  if (text !== undefined) {
    const lower = text.toLowerCase();
    if (PYDANTIC_TRUE.has(lower)) return true;
    if (PYDANTIC_FALSE.has(lower)) return false;
    parsing = true;
  }
  const message = parsing ? 'Input should be a valid boolean, unable to interpret input' : 'Input should be a valid boolean';
  throw validationError(field, message, at, 'use true or false', value, 'not-a-boolean');
}

/**
 * `ToolParameter.default`: pydantic 2.12's smart union `float | int | str | bool | list | dict | None`
 * (Dify: api/core/plugin/entities/parameters.py, `PluginParameter.default`). Every JSON-like
 * value passes as it is (big integers stay exact, inf and nan stay floats); bytes become a
 * float when their text is a number, else their UTF-8 text; dates, datetimes and bytes that
 * are not UTF-8 are refused (a ValidationError on `default`).
 */
export function pydanticDefault(value: Value, at: PointerPath): Value {
  if (value instanceof PyBytes) {
    const text = value.decode();
    if (text !== undefined) return FLOAT_TEXT.test(text.trim()) ? pyFloat(text.trim()) : text;
  }
  if (value instanceof PyDate || value instanceof PyDateTime || value instanceof PyBytes) {
    throw validationError('default', 'Input should be a valid number (nor is it a valid integer, string, boolean, list or dictionary)', at, 'quote the value to make it a string, e.g. default: "2024-01-01"', value, 'invalid-default');
  }
  return value;
}

const FLOAT_TEXT = /^[-+]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)$/i;

function pyFloat(text: string): number {
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower.endsWith('nan')) return NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

/** A pydantic ValidationError on one field, as Dify reports it when creating the provider. */
function validationError(field: string, message: string, at: PointerPath, hint: string, value: Value | undefined, code = 'invalid-value'): DifyRefusal {
  const expected = EXPECTED[message.split(',')[0]!.replace('Input should be ', '').split(' (')[0]!] ?? 'valid';
  const what = field.includes(' ') ? field : `\`${field}\``;
  return new DifyRefusal(code, `ValidationError: ${field}: ${message}`, at, hint, `Dify requires ${what} to be ${expected}, but it is ${describe(value)}`);
}

const EXPECTED: Record<string, string> = {
  'a valid string': 'a string',
  'a valid boolean': 'a boolean',
  'a valid number': 'a number, string, boolean, list or mapping',
};

function asMapping(container: Value, method: string, at: PointerPath): Mapping {
  if (container instanceof Map) return container;
  throw new DifyRefusal(
    'not-a-mapping',
    `AttributeError: '${pyTypeName(container)}' object has no attribute '${method}'`,
    at,
    'make this a mapping (an object)',
    `Dify expects a mapping here, but it is ${describe(container)}`,
  );
}

function typeError(message: string, at: PointerPath): DifyRefusal {
  return new DifyRefusal('wrong-type', `TypeError: ${message}`, at, 'give this the type OpenAPI expects here');
}

export function describe(value: Value | undefined): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Map) return 'a mapping';
  if (value instanceof PyDate) return `the date ${value.isoformat()} (YAML reads an unquoted date as a datetime.date)`;
  if (value instanceof PyDateTime) return `the datetime ${value.isoformat()} (YAML reads an unquoted timestamp as a datetime.datetime)`;
  if (value instanceof PyBytes) return value.decode() === undefined ? 'binary data that is not UTF-8' : 'binary data';
  if (typeof value === 'bigint') return `the number ${value}`;
  return typeof value === 'string' ? `the string ${quoted(value, 40)}` : `the ${typeof value} ${String(value)}`;
}
