/**
 * `TypeShape` → a TypeScript type and its validator, one small renderer per shape kind
 * (the table `RENDERERS`). Used where the model's shape is all there is (builtin and
 * workflow parameters, workflow outputs, API parameters typed by Dify's type); a shape
 * read from a JSON Schema is rendered from that schema instead (`schema.ts`), keyword by
 * keyword.
 */
import type { Scalar } from '../../load/value.js';
import type { PropertyShape, ShapeKind, TypeShape } from '../../model/tool-model.js';
import { commentLines } from '../escape.js';
import type { PropertySignature, TypeNode } from './ast.js';
import { jsonArrayText, jsonObjectText, validatorCall, validatorReference, type ValidatorText } from './schema.js';

/** Identifiers of the module's named shapes, by `NamedShape.key`. */
type Names = ReadonlyMap<string, string>;

interface Rendered {
  type: TypeNode;
  zod: ValidatorText;
}

type Renderer<K extends ShapeKind> = (shape: Extract<TypeShape, { kind: K }>, names: Names) => Rendered;

const UNKNOWN: TypeNode = { kind: 'keyword', name: 'unknown' };
const STRING: TypeNode = { kind: 'keyword', name: 'string' };

/** Bounds as an object argument, `{"min":1,"max":5}`, or nothing. */
function bounds(entries: Array<[string, number | undefined]>): string[] {
  const present = entries.filter(([, n]) => n !== undefined && Number.isFinite(n)).map(([key, n]) => [key, JSON.stringify(n)] as const);
  return present.length ? [jsonObjectText(present)] : [];
}

/** A literal's type; values with no literal type (big ints, dates, bytes) are typed by what they travel as. */
function literalType(value: Scalar): TypeNode {
  if (value === null) return { kind: 'keyword', name: 'null' };
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return { kind: 'literal', value };
  return typeof value === 'bigint' || typeof value === 'number' ? { kind: 'keyword', name: 'number' } : STRING;
}

function literalZod(value: Scalar): ValidatorText {
  if (value === null) return validatorCall('null');
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return validatorCall('literal', JSON.stringify(value));
  return typeof value === 'bigint' || typeof value === 'number' ? validatorCall('number') : validatorCall('string');
}

function literal(values: readonly Scalar[]): Rendered {
  const type: TypeNode = values.length === 1 ? literalType(values[0]!) : { kind: 'union', members: values.map(literalType) };
  const strings = values.filter((v): v is string => typeof v === 'string');
  if (strings.length === values.length) return { type, zod: validatorCall('enum', jsonArrayText(strings.map((value) => JSON.stringify(value)))) };
  const zods = values.map(literalZod);
  return { type, zod: zods.length === 1 ? zods[0]! : validatorCall('union', jsonArrayText(zods)) };
}

function member(p: PropertyShape, names: Names): PropertySignature {
  return { key: p.name, optional: !p.required, type: shapeType(p.type, names), ...(p.description ? { doc: commentLines(p.description) } : {}) };
}

/** An object: `Record<string, V>` without declared properties (`never` values when no other key is allowed), else its members. */
function object(shape: Extract<TypeShape, { kind: 'object' }>, names: Names): Rendered {
  const additional = shape.additional === undefined ? undefined : render(shape.additional, names);
  if (shape.properties.length === 0) {
    return {
      type: { kind: 'reference', name: 'Record', args: [STRING, additional?.type ?? { kind: 'keyword', name: 'never' }] },
      zod: additional ? validatorCall('record', additional.zod) : validatorCall('object', '{}', jsonObjectText([['additional', 'false']])),
    };
  }
  const properties = shape.properties.map((p) => {
    const zod = render(p.type, names).zod;
    return [p.name, p.required ? zod : validatorCall('optional', zod)] as const;
  });
  // Other keys are not checked: a shape without `additional` declares none, it does not forbid them.
  return {
    type: { kind: 'object', members: shape.properties.map((p) => member(p, names)), ...(additional ? { index: UNKNOWN } : {}) },
    zod: validatorCall('object', jsonObjectText(properties)),
  };
}

const RENDERERS: { [K in ShapeKind]: Renderer<K> } = {
  any: () => ({ type: UNKNOWN, zod: validatorCall('unknown') }),
  never: () => ({ type: { kind: 'keyword', name: 'never' }, zod: validatorCall('never') }),
  string: (s) => ({ type: STRING, zod: validatorCall('string', ...bounds([['minLength', s.minLength], ['maxLength', s.maxLength]])) }),
  number: (s) => ({ type: { kind: 'keyword', name: 'number' }, zod: validatorCall(s.integer ? 'integer' : 'number', ...bounds([['min', s.minimum], ['max', s.maximum]])) }),
  boolean: () => ({ type: { kind: 'keyword', name: 'boolean' }, zod: validatorCall('boolean') }),
  null: () => ({ type: { kind: 'keyword', name: 'null' }, zod: validatorCall('null') }),
  literal: (s) => literal(s.values),
  array: (s, names) => {
    const items = render(s.items, names);
    return { type: { kind: 'array', element: items.type }, zod: validatorCall('array', items.zod, ...bounds([['maxItems', s.maxItems]])) };
  },
  object,
  union: (s, names) => {
    const members = s.members.map((m) => render(m, names));
    return { type: { kind: 'union', members: members.map((m) => m.type) }, zod: validatorCall('union', jsonArrayText(members.map((m) => m.zod))) };
  },
  allOf: (s, names) => {
    const members = s.members.map((m) => render(m, names));
    return { type: { kind: 'intersection', members: members.map((m) => m.type) }, zod: validatorCall('allOf', jsonArrayText(members.map((m) => m.zod))) };
  },
  ref: (s, names) => {
    const name = names.get(s.key);
    return name === undefined ? RENDERERS.any({ kind: 'any' }, names) : { type: { kind: 'reference', name }, zod: validatorReference(name) };
  },
  file: () => ({ type: { kind: 'reference', name: 'runtime.DifyFile' }, zod: validatorCall('file') }),
  // Dify's UI picks these; the validator checks only that they are objects.
  selector: (s) => ({ type: { kind: 'reference', name: s.of === 'model' ? 'runtime.ModelSelector' : 'runtime.AppSelector' }, zod: validatorCall('record', validatorCall('unknown')) }),
};

function render(shape: TypeShape, names: Names): Rendered {
  return (RENDERERS[shape.kind] as Renderer<ShapeKind>)(shape, names);
}

/** The TypeScript type of a shape. */
export function shapeType(shape: TypeShape, names: Names = new Map()): TypeNode {
  return render(shape, names).type;
}

/** The validator of a shape, as validator data (the builders of templates/validators.ts, the generated validators module). */
export function shapeZod(shape: TypeShape, names: Names = new Map()): ValidatorText {
  return render(shape, names).zod;
}

/** The members of an object shape's properties, for an interface. */
export function shapeMembers(properties: readonly PropertyShape[], names: Names = new Map()): PropertySignature[] {
  return properties.map((p) => member(p, names));
}
