/**
 * The validator builders the generated modules use: zod (its `zod/v4-mini` API, in zod 3.25
 * and 4) behind plain, non-generic function types.
 *
 * Every validator is a real zod schema. Only its static type is simplified: TypeScript does
 * not compute zod's inferred types for thousands of schemas, which made large generated
 * modules several times slower to type-check. The TypeScript types of parameters are the
 * generated interfaces.
 *
 * Each builder checks one part of a JSON Schema exactly as JSON Schema defines it (lengths
 * in Unicode code points, patterns as Unicode regular expressions, `multipleOf` by
 * division, `uniqueItems` by deep equality, `oneOf` as "exactly one"), and every problem it
 * reports says what was expected and what was received: `expected at most 10, received 12`.
 *
 * Generated modules describe each validator as data, `$validators.define(name, text)` in
 * the module's own `registry()`, instead of a tree of builder calls: a type-checker then
 * reads two strings per validator instead of resolving every call (on GitHub's module, a
 * third of what checking it cost), and no zod schema is built before it is used. `text` is
 * JSON; a validator in it is one of:
 *
 * - `"name"`: the builder `name` called without arguments (`"string"` is `string()`);
 * - `["name", arg1, arg2, …]`: the builder called with these arguments, each read as the
 *   builder's entry in `BUILDERS` says: a validator, a list of validators, a shape (an
 *   object of validators), plain JSON data, or constraints that may hold validators
 *   (`object`'s `additional` and `patterns`, `tuple`'s rest, which may be `null`);
 * - `"#Name"`: a reference to the validator defined as `Name` in the same registry, looked
 *   up when first used (`lazy(() => Tag)`), so order and cycles do not matter. No builder's
 *   name starts with `#`.
 *
 * `["object",{"name":"string","tag":["optional","#Tag"]},{"additional":false}]` is
 * `object({ name: string(), tag: optional(lazy(() => Tag)) }, { additional: false })`.
 */

import type { ParameterSchema } from "./runtime.js";
/** A validator: what `safeParse` a value against (the runtime builds it with zod). */
export interface Validator extends ParameterSchema {}
export interface StringConstraints {
  minLength?: number;
  maxLength?: number;
  /** A Unicode regular expression that must match somewhere in the text. */
  pattern?: string;
  /** One of `date-time`, `date`, `email`, `uuid`, `uri`, `ipv4`, `ipv6`; others are not checked. */
  format?: string;
}
/** A string, with its JSON Schema constraints. */
export declare function string(constraints?: StringConstraints): Validator;
export interface NumberConstraints {
  min?: number;
  max?: number;
  exclusiveMin?: number;
  exclusiveMax?: number;
  multipleOf?: number;
  integer?: boolean;
}
/** A number, with its JSON Schema constraints (`integer`: no fraction). */
export declare function number(constraints?: NumberConstraints): Validator;
/** An integer (a number without fraction), with its JSON Schema constraints; its own builder, as most integers have no other constraint. */
export declare function integer(constraints?: NumberConstraints): Validator;
/** `true` or `false`. */
export declare function boolean(): Validator;
declare function nullValue(): Validator;
/** Any value. */
export declare function unknown(): Validator;
/** No value (the `false` schema, an enum no value of the allowed types is in). */
export declare function never(): Validator;
/** Exactly this scalar. */
export declare function literal(value: string | number | boolean): Validator;
declare function enumValues(values: readonly [string, ...string[]]): Validator;
export { enumValues as enum, nullValue as null };
/** One of these JSON values, compared deeply (`enum`/`const` with objects or arrays). */
export declare function values(allowed: readonly unknown[]): Validator;
/** A property that may be left out. */
export declare function optional(validator: Validator): Validator;
/** `null` besides what `validator` accepts. */
export declare function nullable(validator: Validator): Validator;
/** A property that must be present, with any value (a `required` name no property declares). */
export declare function present(): Validator;
/** Every validator must accept the value (`allOf`, and a schema's parts side by side). */
export declare function allOf(
  validators: readonly [Validator, ...Validator[]],
): Validator;
/** At least one validator must accept the value (`anyOf`, a list of types). */
export declare function union(
  options: readonly [Validator, ...Validator[]],
): Validator;
/** Exactly one validator must accept the value (`oneOf`). */
export declare function oneOf(
  options: readonly [Validator, ...Validator[]],
): Validator;
/** The validator must reject the value (`not`). */
export declare function not(validator: Validator): Validator;
/** Checks values of one JSON type and lets every other value through (keywords of a schema without `type`). */
export declare function ifType(
  type: "object" | "array" | "string" | "number",
  validator: Validator,
): Validator;
export interface ArrayConstraints {
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}
/** An array whose items `items` checks, with its JSON Schema constraints. */
export declare function array(
  items: Validator,
  constraints?: ArrayConstraints,
): Validator;
/** An array whose first items have their own validators; `rest` checks the others (`null`: none allowed). */
export declare function tuple(
  prefix: readonly Validator[],
  rest: Validator | null,
  constraints?: ArrayConstraints,
): Validator;
export interface ObjectConstraints {
  /** Keys that no property declares and no pattern matches: checked by this, or refused (`false`); any value when absent. */
  additional?: Validator | false;
  /** `patternProperties`: every key matching a pattern (Unicode regular expression) is checked by its validator. */
  patterns?: ReadonlyArray<readonly [string, Validator]>;
  minProperties?: number;
  maxProperties?: number;
}
/** An object with these properties (`optional(…)` for the ones it may leave out); other keys as `constraints` say. */
export declare function object(
  shape: Record<string, Validator>,
  constraints?: ObjectConstraints,
): Validator;
/** An object with exactly these properties: the parameters of a tool. */
export declare function strictObject(
  shape: Record<string, Validator>,
): Validator;
/** An object whose values `values` checks (`additionalProperties` alone). */
export declare function record(values: Validator): Validator;
/** A reference to a named validator, resolved when first used (so order and cycles do not matter). */
export declare function lazy(getter: () => Validator): Validator;
/** A file reference (see `DifyFile`). */
export declare function file(): Validator;
/** The validator a reference (`"#Name"`) names, looked up when first used. */
type Resolve = (name: string) => Validator;
/**
 * The validator `text` describes (its JSON encoding, see the top of this file), built on
 * first use and kept; `refs` resolves its references (`"#Name"`), also on first use, so a
 * validator may refer to itself or to one declared after it.
 */
export declare function fromText(text: string, refs?: Resolve): Validator;
/**
 * The validators of one generated module by name: each is defined in it with its name and
 * text, and a reference `"#Name"` in a text resolves among them when first used (so
 * validators may refer to themselves or to ones defined after them, without a function per
 * reference). Every module makes its own (`const $validators = v.registry();`), so a name
 * never reaches another module's validators.
 */
export interface Registry {
  /** `name`'s validator, described by `text` (see `fromText`); throws if `name` is already defined. */
  define(name: string, text: string): Validator;
}
/** A new, empty registry of validators (see `Registry`). */
export declare function registry(): Registry;
