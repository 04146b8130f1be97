/**
 * The validator builders the generated modules use: zod (its `zod/v4-mini` API, in zod 3.25
 * and 4) behind plain, non-generic function types.
 *
 * Every validator is a real zod schema. Only its static type is simplified: TypeScript does
 * not compute zod's inferred types for thousands of schemas, which made large generated
 * modules several times slower to type-check. The TypeScript types of parameters are the
 * generated interfaces.
 */
import { z } from "zod/v4-mini";
import { isDifyFile } from "./runtime.js";

/** A zod schema of a parameter or of a named type. */
export type Validator = z.ZodMiniType;

export function string(constraints: { maxLength?: number } = {}): Validator {
  const schema = z.string();
  return constraints.maxLength === undefined
    ? schema
    : schema.check(z.maxLength(constraints.maxLength));
}

export function number(
  constraints: { min?: number; max?: number } = {},
): Validator {
  const checks = [
    ...(constraints.min === undefined ? [] : [z.gte(constraints.min)]),
    ...(constraints.max === undefined ? [] : [z.lte(constraints.max)]),
  ];
  return checks.length === 0 ? z.number() : z.number().check(...checks);
}

export function boolean(): Validator {
  return z.boolean();
}

function nullValue(): Validator {
  return z.null();
}

export function unknown(): Validator {
  return z.unknown();
}

export function never(): Validator {
  return z.never();
}

export function literal(value: string | number | boolean): Validator {
  return z.literal(value);
}

function enumValues(values: readonly [string, ...string[]]): Validator {
  return z.enum(values);
}

export { enumValues as enum, nullValue as null };

export function optional(validator: Validator): Validator {
  return z.optional(validator);
}

export function nullable(validator: Validator): Validator {
  return z.nullable(validator);
}

export function array(
  items: Validator,
  constraints: { maxLength?: number } = {},
): Validator {
  const schema = z.array(items);
  return constraints.maxLength === undefined
    ? schema
    : schema.check(z.maxLength(constraints.maxLength));
}

export function union(
  options: readonly [Validator, ...Validator[]],
): Validator {
  return z.union(options);
}

export function intersection(left: Validator, right: Validator): Validator {
  return z.intersection(left, right);
}

/** An object that may have more properties than these. */
export function object(shape: Record<string, Validator>): Validator {
  return z.object(shape);
}

/** An object with exactly these properties: the parameters of a tool. */
export function strictObject(shape: Record<string, Validator>): Validator {
  return z.strictObject(shape);
}

export function record(values: Validator): Validator {
  return z.record(z.string(), values);
}

/** A reference to a named validator, resolved when first used (so order and cycles do not matter). */
export function lazy(getter: () => Validator): Validator {
  return z.lazy(getter);
}

/** A file reference (see `DifyFile`). */
export function file(): Validator {
  return z.custom(isDifyFile);
}
