/**
 * Python's semantics for the few operations Dify's parser performs on the loaded document
 * (`in`, `[]`, `.get`, `.items()`, iteration, truthiness, pydantic's field checks).
 *
 * Dify refuses a schema exactly when its parser raises. Mirroring each operation, with the
 * exception Python would raise, makes refusals fall out of the same code that derives tools,
 * instead of a list of special cases that drifts from Dify.
 */
import { printable, quoted } from '../diagnostics/printable.js';
import type { Key, Mapping, PointerPath, Value } from '../load/value.js';

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
  ) {
    super(explanation ?? pythonError);
    this.name = 'DifyRefusal';
  }
}

export function pyTypeName(value: Value | undefined): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** Python's `repr` of a key, for error texts. */
export function pyRepr(key: Key): string {
  if (typeof key === 'string') return `'${printable(key, 80).replace(/'/g, "\\'")}'`;
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  return String(key);
}

function pyEquals(a: Value, b: Key): boolean {
  if (a === b) return true;
  // True == 1 and False == 0 in Python.
  if (typeof a === 'boolean' && typeof b === 'number') return Number(a) === b;
  if (typeof a === 'number' && typeof b === 'boolean') return a === Number(b);
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
  throw typeError(`object of type '${pyTypeName(container)}' has no len()`, at);
}

export function pyTruthy(value: Value | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return value.size > 0;
}

/** Raises Python's `TypeError: unhashable type` for values that cannot be set members. */
export function pyHashable(value: Value, at: PointerPath): Key {
  if (Array.isArray(value) || value instanceof Map) throw typeError(`unhashable type: '${pyTypeName(value)}'`, at);
  return value;
}

/** A pydantic `str` field (lax mode accepts only strings). */
export function pydanticStr(value: Value | undefined, field: string, at: PointerPath, optional = false): string | null {
  if (typeof value === 'string') return value;
  if (optional && (value === null || value === undefined)) return null;
  throw new DifyRefusal(
    'not-a-string',
    `ValidationError: ${field}: Input should be a valid string`,
    at,
    `make this a string`,
    `Dify requires ${field} to be a string, but it is ${describe(value)}`,
  );
}

const PYDANTIC_TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const PYDANTIC_FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** A pydantic `bool | None` field in lax mode. */
export function pydanticOptionalBool(value: Value | undefined, field: string, at: PointerPath): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (PYDANTIC_TRUE.has(lower)) return true;
    if (PYDANTIC_FALSE.has(lower)) return false;
  }
  throw new DifyRefusal(
    'not-a-boolean',
    `ValidationError: ${field}: Input should be a valid boolean`,
    at,
    'use true or false',
    `Dify requires ${field} to be a boolean, but it is ${describe(value)}`,
  );
}

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
  return typeof value === 'string' ? `the string ${quoted(value, 40)}` : `the ${typeof value} ${String(value)}`;
}
