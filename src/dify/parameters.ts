/**
 * The parameters of one tool (dify-semantics.md §5), in Dify's order: the operation's own
 * `parameters`, then the properties of every request-body media type's schema.
 */
import { childPath, isIntegralFloat, markIntegralFloat, PyBytes, type Key, type Mapping, type PointerPath, type Value } from '../load/value.js';
import type { DefaultValue, DifyParameter, ParameterLocation } from './model.js';
import { difyParameterType } from './parameter-type.js';
import { atKey, pyGet, pyIn, pyIndex, pyItems, pyIter, pydanticBool, pydanticDefault, pydanticStr } from './py.js';
import { difyRef } from './refs.js';

/** State Dify's parser keeps across tools of one document. */
export interface DerivationContext {
  root: Value;
  /**
   * Dify overwrites a request body's `$ref` schema with its target in the document itself;
   * a body shared by several operations (a YAML alias) is seen resolved after the first.
   */
  resolvedBodySchemas: WeakMap<Mapping, Value>;
}

const LOCATIONS: ReadonlySet<string> = new Set(['path', 'query', 'header', 'cookie']);

/**
 * A default as Dify stores it: `container[key]` validated as `ToolParameter.default` (see
 * `pydanticDefault`), then list and mapping defaults are null (the golden data). Marks a
 * whole-valued Python float (`1.0`, or bytes pydantic read as a float).
 */
function storedDefault(container: Value, key: Key, at: PointerPath, fallback?: Value): Pick<DifyParameter, 'default' | 'defaultIsFloat'> {
  const value = container instanceof Map && container.has(key) ? container.get(key)! : fallback;
  if (value === undefined) return { default: null };
  const validated = pydanticDefault(value, at);
  if (Array.isArray(validated) || validated instanceof Map) return { default: null };
  const float = typeof validated === 'number' && Number.isInteger(validated) && (value instanceof PyBytes || isIntegralFloat(container, key));
  return { default: validated as DefaultValue, ...(float ? { defaultIsFloat: true as const } : {}) };
}

/** §5.1: the operation's own parameters, each `$ref` resolved one level. */
export function operationParameters(ctx: DerivationContext, operation: Value, at: PointerPath): DifyParameter[] {
  const out: DifyParameter[] = [];
  if (!pyIn('parameters', operation, at)) return out;
  const listAt = [...at, 'parameters'];
  pyIter(pyIndex(operation, 'parameters', at), listAt).forEach((entry, index) => {
    let parameter: Value = entry;
    let paramAt: PointerPath = childPath(listAt, index);
    if (pyIn('$ref', parameter, paramAt)) {
      const target = difyRef(ctx.root, pyIndex(parameter, '$ref', paramAt), [...paramAt, '$ref']);
      parameter = target.value;
      paramAt = target.path;
    }
    const name = pydanticStr(pyIndex(parameter, 'name', paramAt), 'the parameter name', [...paramAt, 'name'])!;
    const description = pydanticStr(pyGet(parameter, 'description', '', paramAt), 'a parameter description', [...paramAt, 'description'])!;
    // `ToolParameter.required: bool`: an explicit null is refused, a missing key is False.
    const required = pydanticBool(pyGet(parameter, 'required', false, paramAt)!, 'required', [...paramAt, 'required']);
    let schema: Value | undefined;
    let stored: Pick<DifyParameter, 'default' | 'defaultIsFloat'> = { default: null };
    if (pyIn('schema', parameter, paramAt)) {
      schema = pyIndex(parameter, 'schema', paramAt);
      if (pyIn('default', schema, [...paramAt, 'schema'])) stored = storedDefault(schema, 'default', [...paramAt, 'schema', 'default']);
    }
    const where = pyGet(parameter, 'in', null, paramAt);
    const absent = absentValue(schema);
    out.push({
      name,
      type: difyParameterType(parameter, paramAt),
      required,
      ...stored,
      in: typeof where === 'string' && LOCATIONS.has(where) ? (where as ParameterLocation) : 'other',
      absent,
      ...(description ? { description } : {}),
      // OpenAPI 3 puts the type in `schema`; Swagger 2 style puts it on the parameter.
      schema: schema ?? parameter,
      pointer: paramAt,
    });
  });
  return out;
}

/** §5.2: every property of every request-body media type's schema, in document order. */
export function bodyParameters(ctx: DerivationContext, operation: Value, at: PointerPath): DifyParameter[] {
  const out: DifyParameter[] = [];
  if (!pyIn('requestBody', operation, at)) return out;
  const bodyAt = [...at, 'requestBody'];
  const requestBody = pyIndex(operation, 'requestBody', at);
  if (!pyIn('content', requestBody, bodyAt)) return out;
  const contentAt = [...bodyAt, 'content'];
  for (const [mediaType, content] of pyItems(pyIndex(requestBody, 'content', bodyAt), contentAt)) {
    const mediaAt = [...contentAt, mediaType];
    if (!pyIn('schema', content, mediaAt)) continue;
    let schemaAt: PointerPath = [...mediaAt, 'schema'];
    let schema = (content instanceof Map && ctx.resolvedBodySchemas.get(content)) || pyIndex(content, 'schema', mediaAt);
    // Dify merges `allOf` into properties only on the branch that resolves a `$ref` body.
    let mergeAllOf = false;
    if (pyIn('$ref', schema, schemaAt)) {
      const target = difyRef(ctx.root, pyIndex(schema, '$ref', schemaAt), [...schemaAt, '$ref']);
      schema = target.value;
      schemaAt = target.path;
      mergeAllOf = true;
      if (content instanceof Map) ctx.resolvedBodySchemas.set(content, schema);
    }
    const required = pyGet(schema, 'required', [], schemaAt)!;
    const properties = pyGet(schema, 'properties', new Map(), schemaAt)!;
    const propertiesAt = [...schemaAt, 'properties'];
    for (const [key, rawProperty] of pyItems(properties, propertiesAt)) {
      const propertyAt = childPath(propertiesAt, key);
      const property = mergeAllOf ? withAllOf(ctx, rawProperty, propertyAt) : rawProperty;
      const name = atKey(() => pydanticStr(key as Value, 'a property name', propertyAt)!);
      const description = pydanticStr(pyGet(property, 'description', '', propertyAt), 'a property description', [...propertyAt, 'description'])!;
      out.push({
        name,
        type: difyParameterType(property, propertyAt),
        // Dify tests the dict key itself (`name in required`), before pydantic turns bytes into text.
        required: pyIn(key, required, [...schemaAt, 'required']),
        // `property.get("default", None)`: only a mapping has `.get`.
        ...storedDefault(property, 'default', [...propertyAt, 'default'], pyGet(property, 'default', null, propertyAt)),
        in: 'body',
        mediaType: String(mediaType),
        ...(description ? { description } : {}),
        schema: rawProperty,
        pointer: propertyAt,
      });
    }
  }
  return out;
}

/**
 * A property of a `$ref` body schema with its `allOf` items (each resolved one level) merged
 * in, as Dify does:
 * list values are appended, other keys are added only where the property lacks them.
 * The document itself is not changed: a merged copy is returned.
 */
function withAllOf(ctx: DerivationContext, property: Value, at: PointerPath): Value {
  if (!pyIn('allOf', property, at)) return property;
  const merged: Mapping = new Map(property as Mapping);
  for (const key of merged.keys()) if (isIntegralFloat(property, key)) markIntegralFloat(merged, key);
  const allOfAt = [...at, 'allOf'];
  pyIter(pyIndex(property, 'allOf', at), allOfAt).forEach((entry, index) => {
    let item = entry;
    const itemAt = [...allOfAt, index];
    if (pyIn('$ref', item, itemAt)) item = difyRef(ctx.root, pyIndex(item, '$ref', itemAt), [...itemAt, '$ref']).value;
    for (const [key, value] of pyItems(item, itemAt)) {
      const current = merged.get(key as Key);
      if (!merged.has(key)) {
        merged.set(key, Array.isArray(value) ? [...value] : value);
        if (isIntegralFloat(item, key)) markIntegralFloat(merged, key);
      }
      else if (Array.isArray(current) && Array.isArray(value)) merged.set(key, [...current, ...value]);
    }
  });
  return merged;
}

/** What Dify sends for an operation parameter left out: `schema.default` as written, else `""` (ApiTool.get_parameter_value). */
function absentValue(schema: Value | undefined): Value {
  return schema instanceof Map && schema.has('default') ? schema.get('default')! : '';
}

/**
 * The one media type Dify sends a body as: the first key of `requestBody.content`, and
 * whether it has a `schema` (ApiTool.do_http_request, api/core/tools/custom_tool/tool.py).
 */
export function requestBodyMedia(operation: Value): { mediaType: string; hasSchema: boolean } | undefined {
  const requestBody = operation instanceof Map ? operation.get('requestBody') : undefined;
  const content = requestBody instanceof Map ? requestBody.get('content') : undefined;
  if (!(content instanceof Map)) return undefined;
  for (const [mediaType, media] of content) {
    return { mediaType: String(mediaType), hasSchema: media instanceof Map && media.has('schema') };
  }
  return undefined;
}
