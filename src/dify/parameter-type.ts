/**
 * Dify's parameter type (dify-semantics.md §5.3), checked on the parameter object itself
 * (for body parameters: the property schema):
 * `format: binary` → file; else `type`, or else `schema.type`: integer/number → number,
 * boolean, string, array → files when its items are binary, else array; anything else → string.
 */
import type { PointerPath, Value } from '../load/value.js';
import type { DifyParameterType } from './model.js';
import { pyGet, pyHashable, pyIn, pyIndex, pyTruthy } from './py.js';

export function difyParameterType(parameter: Value, at: PointerPath): DifyParameterType {
  const p: Value = pyTruthy(parameter) ? parameter : new Map();
  if (pyGet(p, 'format', null, at) === 'binary') return 'file';

  let typ: Value | undefined = null;
  let typeAt: PointerPath = [...at, 'type'];
  if (pyIn('type', p, at)) typ = pyIndex(p, 'type', at);
  else if (pyIn('schema', p, at) && pyIn('type', pyIndex(p, 'schema', at), [...at, 'schema'])) {
    typ = pyIndex(pyIndex(p, 'schema', at), 'type', [...at, 'schema']);
    typeAt = [...at, 'schema', 'type'];
  }
  // Dify tests `typ in {"integer", "number"}`: a list type (OpenAPI 3.1) is unhashable.
  const key = pyHashable(typ, typeAt);
  if (key === 'integer' || key === 'number') return 'number';
  if (key === 'boolean') return 'boolean';
  if (key === 'string') return 'string';
  if (key === 'array') {
    let items = pyGet(p, 'items', null, at);
    if (!pyTruthy(items)) items = pyGet(pyGet(p, 'schema', new Map(), at)!, 'items', null, [...at, 'schema']);
    if (pyTruthy(items) && pyGet(items!, 'format', null, [...at, 'items']) === 'binary') return 'files';
    return 'array';
  }
  return 'string';
}
