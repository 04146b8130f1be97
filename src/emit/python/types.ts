/**
 * `TypeShape` → a Python type expression, one small renderer per shape kind (the table
 * `RENDERERS`). Objects with properties are the module's `TypedDict`s (planned beforehand);
 * bounds become pydantic `Field` constraints inside `Annotated`, so the one `TypeAdapter`
 * per parameters type checks them.
 */
import { PyBytes, PyDate, PyDateTime, type Scalar } from '../../load/value.js';
import type { ShapeKind, TypeShape } from '../../model/tool-model.js';
import { hasLoneSurrogate, pythonString } from './escape.js';
import type { PythonModulePlan } from './module-plan.js';

type Renderer<K extends ShapeKind> = (shape: Extract<TypeShape, { kind: K }>, plan: PythonModulePlan) => string;

/** A finite JSON number as a Python literal (integers of any size without an exponent). */
export function pythonNumber(n: number): string {
  // A safe integer prints all its digits; a larger one would print as `1e+21` or rounded.
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return String(n);
}

/** A pydantic `Field` keyword and the shape's bound it is written from (`positive`: only a bound > 0 checks anything). */
type Constraint<S> = readonly [keyword: string, bound: keyof S, positive?: boolean];

/**
 * `Annotated[base, Field(key=value, …)]` from the finite bounds `shape` sets, in the order
 * of `constraints`; `base` without any.
 */
function constrained<S extends TypeShape>(base: string, shape: S, constraints: ReadonlyArray<Constraint<S>>): string {
  let args = '';
  for (const [keyword, bound, positive] of constraints) {
    const n = shape[bound] as number | undefined;
    if (n === undefined || !Number.isFinite(n) || (positive && !(n > 0))) continue;
    args += `${args === '' ? '' : ', '}${keyword}=${pythonNumber(n)}`;
  }
  return args === '' ? base : `Annotated[${base}, Field(${args})]`;
}

type StringShape = Extract<TypeShape, { kind: 'string' }>;
type NumberShape = Extract<TypeShape, { kind: 'number' }>;
type ArrayShape = Extract<TypeShape, { kind: 'array' }>;

const STRING_CONSTRAINTS: ReadonlyArray<Constraint<StringShape>> = [['min_length', 'minLength'], ['max_length', 'maxLength']];
const NUMBER_CONSTRAINTS: ReadonlyArray<Constraint<NumberShape>> = [
  ['ge', 'minimum'],
  ['gt', 'exclusiveMinimum'],
  ['le', 'maximum'],
  ['lt', 'exclusiveMaximum'],
  // JSON Schema requires multipleOf > 0; another value checks nothing.
  ['multiple_of', 'multipleOf', true],
];
const ARRAY_CONSTRAINTS: ReadonlyArray<Constraint<ArrayShape>> = [['min_length', 'minItems'], ['max_length', 'maxItems']];

/**
 * The type no value has: `Never` to type checkers; to pydantic, which cannot build a
 * validator of `Never`, a type that refuses every value (see `Refused` in runtime.py).
 */
export const NEVER = 'runtime.Refused';

/** A union of rendered members: `Any` absorbs the rest, `NEVER` disappears, duplicates are dropped. */
export function unionOf(members: readonly string[]): string {
  // One pass (a module renders a union for most properties): members are few.
  const distinct: string[] = [];
  let none = false;
  for (const m of members) {
    if (m === 'Any') return 'Any';
    if (m === 'None') none = true;
    else if (m !== NEVER && !distinct.includes(m)) distinct.push(m);
  }
  // `None` last, as Python code usually writes `X | None`.
  if (none) distinct.push('None');
  return distinct.length === 0 ? NEVER : distinct.join(' | ');
}

const INT64 = 2n ** 63n;

/** True for an integer pydantic-core holds in an i64 (it refuses larger int literals). */
function fitsInt64(v: bigint | number): boolean {
  const n = typeof v === 'bigint' ? v : BigInt(v);
  return n >= -INT64 && n < INT64;
}

/** The members of a union of these JSON values: one `Literal[...]`, then `None`, `str`, `float` where a value cannot be a literal. */
function literalParts(values: readonly Scalar[]): string[] {
  const inLiteral: string[] = [];
  const others: string[] = [];
  for (const v of values) {
    if (v === null) others.push('None');
    // pydantic cannot build a Literal validator holding a lone surrogate: such a value is typed str.
    else if (typeof v === 'string') {
      if (hasLoneSurrogate(v)) others.push('str');
      else inLiteral.push(pythonString(v));
    }
    else if (typeof v === 'boolean') inLiteral.push(v ? 'True' : 'False');
    // Beyond 64 bits, pydantic cannot validate an int literal and mypy refuses it: typed `int`.
    else if ((typeof v === 'bigint' || Number.isInteger(v)) && !fitsInt64(v as bigint | number)) others.push('int');
    // Python's int is exact at any size; dates and bytes travel as their JSON text.
    else if (typeof v === 'bigint') inLiteral.push(v.toString());
    else if (v instanceof PyDate || v instanceof PyDateTime) inLiteral.push(pythonString(v.isoformat()));
    else if (v instanceof PyBytes) {
      const text = v.decode();
      if (text === undefined) others.push('str');
      else inLiteral.push(pythonString(text));
    }
    // Literal takes integers only; any other number is typed as float.
    else if (Number.isInteger(v)) inLiteral.push(pythonNumber(v));
    else others.push('float');
  }
  const distinct = [...new Set(inLiteral)];
  return [...(distinct.length > 0 ? [`Literal[${distinct.join(', ')}]`] : []), ...others];
}

/**
 * The members of a union, flattened: nested unions are opened, and every literal member's
 * values go into one `Literal[...]` (`Literal["a", "b"]`, not `Literal["a"] | Literal["b"]`),
 * so no member is written twice (ruff's PYI030, PYI016).
 */
function unionParts(members: readonly TypeShape[], plan: PythonModulePlan): string[] {
  const values: Scalar[] = [];
  const others: string[] = [];
  const visit = (member: TypeShape) => {
    if (member.kind === 'union') member.members.forEach(visit);
    else if (member.kind === 'literal') values.push(...member.values);
    else if (member.kind === 'null') values.push(null);
    else others.push(pythonType(member, plan));
  };
  members.forEach(visit);
  return [...literalParts(values), ...others];
}

const RENDERERS: { [K in ShapeKind]: Renderer<K> } = {
  any: () => 'Any',
  never: () => NEVER,
  string: (s) => constrained('str', s, STRING_CONSTRAINTS),
  number: (s) => constrained(s.integer ? 'int' : 'float', s, NUMBER_CONSTRAINTS),
  boolean: () => 'bool',
  null: () => 'None',
  literal: (s) => unionOf(literalParts(s.values)),
  array: (s, plan) => constrained(`list[${pythonType(s.items, plan)}]`, s, ARRAY_CONSTRAINTS),
  object: (s, plan) => plan.classes.get(s)?.name ?? `dict[str, ${s.additional ? pythonType(s.additional, plan) : 'Any'}]`,
  union: (s, plan) => unionOf(unionParts(s.members, plan)),
  // An allOf that is not a merge of objects cannot be written as one Python type.
  allOf: (s, plan) => plan.classes.get(s)?.name ?? 'Any',
  ref: (s, plan) => plan.refNames.get(s.key) ?? 'Any',
  file: () => 'runtime.DifyFile',
  selector: (s) => (s.of === 'model' ? 'runtime.ModelSelector' : 'runtime.AppSelector'),
};

/** The Python type of a shape in a planned module. */
export function pythonType(shape: TypeShape, plan: PythonModulePlan): string {
  return (RENDERERS[shape.kind] as Renderer<ShapeKind>)(shape, plan);
}
