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
import { z } from "zod/v4-mini";
import { isDifyFile } from "./runtime.js";
const zod = z;
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
function shown(value) {
  const text = JSON.stringify(value);
  if (text === undefined) return kindOf(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
/** zod's own issues (of `zod.string(messages)`, `zod.looseObject()`, …) with a message instead of "Invalid input". */
function describeRaw(raw) {
  switch (raw.code) {
    case "invalid_type":
      return `expected ${raw.expected ?? "another type"}, received ${raw.input === undefined ? "nothing" : kindOf(raw.input)}`;
    case "unrecognized_keys":
      return `unknown ${(raw.keys ?? []).length === 1 ? "property" : "properties"} ${(raw.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_value":
      return `expected one of ${(raw.values ?? []).map(shown).join(", ")}, received ${shown(raw.input)}`;
    default:
      return `unexpected ${shown(raw.input)}`;
  }
}
const messages = { error: describeRaw };
function issue(message, extra = {}) {
  return { code: "custom", message, path: [], ...extra };
}
/** Adds `rules` to a schema as one zod check; their issues keep their paths. */
function withRules(schema, rules) {
  if (rules.length === 0) return schema;
  return schema.check(
    zod.check((payload) => {
      const found = [];
      for (const rule of rules) rule(payload.value, found);
      for (const i of found)
        payload.issues.push({ input: payload.value, ...i });
    }),
  );
}
/** The issues of `validator` on `value`, under `path`. */
function issuesOf(validator, value, path = []) {
  const result = validator.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    ...i,
    path: [...path, ...i.path],
  }));
}
/** A JSON Schema pattern: a Unicode regular expression, or (for patterns only valid without the `u` flag, common in specs) a plain one. */
function regex(pattern) {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return new RegExp(pattern);
  }
}
function plural(n, word) {
  if (n === 1) return `${n} ${word}`;
  return `${n} ${word.endsWith("y") ? `${word.slice(0, -1)}ie` : word}s`;
}
/** Bounds on a count (characters, items, properties): `expected at most 3 items, received 4`. */
function countRules(measure, noun, min, max) {
  const rules = [];
  const bound = (limit, words, fails, code) => {
    if (limit === undefined) return;
    rules.push((value, issues) => {
      const n = measure(value);
      if (fails(n, limit))
        issues.push(
          issue(`expected ${words} ${plural(limit, noun)}, received ${n}`, {
            code,
          }),
        );
    });
  };
  bound(min, "at least", (n, l) => n < l, "too_small");
  bound(max, "at most", (n, l) => n > l, "too_big");
  return rules;
}
// ---------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------
/** The formats checked (their standard meaning: RFC 3339, RFC 5321, RFC 4122, RFC 3986, dotted quad, RFC 4291). */
const FORMATS = {
  "date-time": ["a date-time (RFC 3339)", isDateTime],
  date: ["a date (RFC 3339 full-date)", isDate],
  email: ["an email address", isEmail],
  uuid: [
    "a UUID",
    (t) =>
      /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(t),
  ],
  uri: ["an absolute URI", isUri],
  ipv4: ["an IPv4 address", isIpv4],
  ipv6: ["an IPv6 address", isIpv6],
};
const DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (month === 2 && !leap ? 28 : DAYS[month])
  );
}
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)$/i;
/** RFC 3339 full-time: an offset is required; a leap second only at 23:59:60 UTC. */
function isTime(text) {
  const m = TIME.exec(text);
  if (!m) return false;
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const sign = m[5] === "-" ? -1 : 1;
  const [offsetHour, offsetMinute] = [Number(m[6] ?? 0), Number(m[7] ?? 0)];
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - offsetMinute * sign;
  const utcHour = hour - offsetHour * sign - (utcMinute < 0 ? 1 : 0);
  return (
    (utcHour === 23 || utcHour === -1) &&
    (utcMinute === 59 || utcMinute === -1) &&
    second < 61
  );
}
/** RFC 3339 date-time: a full-date, `T` (or a space), a full-time. */
function isDateTime(text) {
  const parts = text.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0]) && isTime(parts[1]);
}
/** RFC 5322 dot-atom local part, `@`, and a host name of at least two labels. */
const ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";
const EMAIL = new RegExp(
  `^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+${LABEL}$`,
  "i",
);
function isEmail(text) {
  return EMAIL.test(text);
}
/** RFC 3986 absolute URI: a scheme, then URI characters (percent-escapes well formed), one fragment at most. */
const URI_CHARS = "(?:[a-z0-9\\-._~!$&'()*+,;=:@/?\\[\\]]|%[0-9a-f]{2})*";
const URI = new RegExp(
  `^[a-z][a-z0-9+.-]*:${URI_CHARS}(?:#${URI_CHARS})?$`,
  "i",
);
function isUri(text) {
  return URI.test(text);
}
function isIpv4(text) {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(
    text,
  );
}
function isIpv6(text) {
  let groups = text;
  let needed = 8;
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (!isIpv4(dotted[1])) return false;
    groups = text.slice(0, -dotted[1].length) + "0:0";
  }
  const halves = groups.split("::");
  if (halves.length > 2) return false;
  const parts = (h) => (h === "" ? [] : h.split(":"));
  const [head, tail] = [
    parts(halves[0]),
    halves.length === 2 ? parts(halves[1]) : [],
  ];
  const all = [...head, ...tail];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  if (halves.length === 2) return all.length < needed;
  needed -= all.length;
  return needed === 0;
}
function stringRules(c) {
  const { minLength, maxLength, pattern, format } = c;
  // JSON Schema counts Unicode code points, not UTF-16 units.
  const rules = countRules(
    (t) => [...t].length,
    "character",
    minLength,
    maxLength,
  );
  if (pattern !== undefined) {
    const re = regex(pattern);
    rules.push((t, issues) => {
      if (!re.test(t))
        issues.push(
          issue(`expected text matching /${pattern}/, received ${shown(t)}`, {
            code: "invalid_format",
          }),
        );
    });
  }
  const known = format === undefined ? undefined : FORMATS[format];
  if (known !== undefined) {
    const [what, test] = known;
    rules.push((t, issues) => {
      if (!test(t))
        issues.push(
          issue(`expected ${what}, received ${shown(t)}`, {
            code: "invalid_format",
          }),
        );
    });
  }
  return rules;
}
/** A string, with its JSON Schema constraints. */
export function string(constraints = {}) {
  return withRules(zod.string(messages), stringRules(constraints));
}
function numberRules(c) {
  const rules = [];
  const bound = (limit, fails, words, code) => {
    if (limit === undefined) return;
    rules.push((n, issues) => {
      if (fails(n, limit))
        issues.push(
          issue(`expected ${words} ${limit}, received ${n}`, { code }),
        );
    });
  };
  if (c.integer) {
    rules.push((n, issues) => {
      if (!Number.isInteger(n))
        issues.push(issue(`expected an integer, received ${n}`));
    });
  }
  bound(c.min, (n, l) => n < l, "at least", "too_small");
  bound(c.exclusiveMin, (n, l) => n <= l, "more than", "too_small");
  bound(c.max, (n, l) => n > l, "at most", "too_big");
  bound(c.exclusiveMax, (n, l) => n >= l, "less than", "too_big");
  bound(
    c.multipleOf,
    // As ajv divides: the quotient must print as an integer.
    (n, l) => n / l !== parseInt(String(n / l), 10),
    "a multiple of",
    "not_multiple_of",
  );
  return rules;
}
/** A number, with its JSON Schema constraints (`integer`: no fraction). */
export function number(constraints = {}) {
  return withRules(zod.number(messages), numberRules(constraints));
}
/** An integer (a number without fraction), with its JSON Schema constraints; its own builder, as most integers have no other constraint. */
export function integer(constraints = {}) {
  return number({ ...constraints, integer: true });
}
// ---------------------------------------------------------------------------------------
// Scalars, literals, values
// ---------------------------------------------------------------------------------------
/** `true` or `false`. */
export function boolean() {
  return zod.boolean(messages);
}
function nullValue() {
  return zod.null(messages);
}
/** Any value. */
export function unknown() {
  return zod.unknown();
}
/** No value (the `false` schema, an enum no value of the allowed types is in). */
export function never() {
  return zod.never(messages);
}
/** Exactly this scalar. */
export function literal(value) {
  return zod.literal(value, messages);
}
function enumValues(values) {
  return zod.enum(values, messages);
}
export { enumValues as enum, nullValue as null };
/** Deep equality of JSON values (object key order does not matter). */
function equal(a, b) {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null
  )
    return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
}
/** One of these JSON values, compared deeply (`enum`/`const` with objects or arrays). */
export function values(allowed) {
  return withRules(zod.unknown(), [
    (value, issues) => {
      if (!allowed.some((a) => equal(a, value)))
        issues.push(
          issue(
            `expected one of ${allowed.map(shown).join(", ")}, received ${shown(value)}`,
            { code: "invalid_value", values: [...allowed] },
          ),
        );
    },
  ]);
}
// ---------------------------------------------------------------------------------------
// Wrappers and combinations
// ---------------------------------------------------------------------------------------
/** A property that may be left out. */
export function optional(validator) {
  return zod.optional(validator);
}
/** `null` besides what `validator` accepts. */
export function nullable(validator) {
  return zod.nullable(validator);
}
/** A property that must be present, with any value (a `required` name no property declares). */
export function present() {
  return zod.custom((value) => value !== undefined, {
    error: "missing required property",
  });
}
/** Every validator must accept the value (`allOf`, and a schema's parts side by side). */
export function allOf(validators) {
  return withRules(zod.unknown(), [
    (value, issues) => {
      for (const v of validators) issues.push(...issuesOf(v, value));
    },
  ]);
}
/** Why no alternative accepted a value: the one that got furthest, or what they all expected. */
function noneMatched(failures, value) {
  const shallow = (i) =>
    i.path.length === 0 &&
    (i.code === "invalid_type" || i.code === "invalid_value");
  const deep = failures.filter((f) => !f.every(shallow));
  if (deep.length === 1) return deep[0];
  if (deep.length === 0) {
    const alternatives = failures.flatMap((f) =>
      f.map((i) =>
        i.code === "invalid_value"
          ? (i.values ?? []).map(shown).join(" or ")
          : (i.expected ?? "another type"),
      ),
    );
    const expected = [...new Set(alternatives)].join(" or ");
    return [
      issue(`expected ${expected}, received ${shown(value)}`, {
        code: "invalid_type",
        expected,
      }),
    ];
  }
  return [
    issue(
      `expected one of ${failures.length} alternatives, received ${shown(value)}: ${deep.map((f) => f[0].message).join("; ")}`,
    ),
  ];
}
/** At least one validator must accept the value (`anyOf`, a list of types). */
export function union(options) {
  return withRules(zod.unknown(), [
    (value, issues) => {
      const failures = [];
      for (const v of options) {
        const found = issuesOf(v, value);
        if (found.length === 0) return;
        failures.push(found);
      }
      issues.push(...noneMatched(failures, value));
    },
  ]);
}
/** Exactly one validator must accept the value (`oneOf`). */
export function oneOf(options) {
  return withRules(zod.unknown(), [
    (value, issues) => {
      const failures = [];
      const matched = [];
      options.forEach((v, i) => {
        const found = issuesOf(v, value);
        if (found.length === 0) matched.push(i);
        else failures.push(found);
      });
      if (matched.length === 0) issues.push(...noneMatched(failures, value));
      else if (matched.length > 1)
        issues.push(
          issue(
            `expected exactly one of ${options.length} alternatives (oneOf), received a value that matches ${matched.length}`,
          ),
        );
    },
  ]);
}
/** The validator must reject the value (`not`). */
export function not(validator) {
  return withRules(zod.unknown(), [
    (value, issues) => {
      if (validator.safeParse(value).success)
        issues.push(
          issue(
            `expected a value the schema under "not" rejects, received ${shown(value)}`,
          ),
        );
    },
  ]);
}
const JSON_TYPES = {
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
};
/** Checks values of one JSON type and lets every other value through (keywords of a schema without `type`). */
export function ifType(type, validator) {
  const test = JSON_TYPES[type];
  return withRules(zod.unknown(), [
    (value, issues) => {
      if (test(value)) issues.push(...issuesOf(validator, value));
    },
  ]);
}
function arrayRules(c) {
  const rules = countRules((a) => a.length, "item", c.minItems, c.maxItems);
  if (c.uniqueItems) {
    rules.push((a, issues) => {
      for (let i = 0; i < a.length; i++) {
        const j = a.findIndex((b, k) => k > i && equal(a[i], b));
        if (j >= 0)
          return void issues.push(
            issue(
              `expected unique items, received equal items at ${i} and ${j}`,
            ),
          );
      }
    });
  }
  return rules;
}
/** An array whose items `items` checks, with its JSON Schema constraints. */
export function array(items, constraints = {}) {
  return withRules(zod.array(items, messages), arrayRules(constraints));
}
/** An array whose first items have their own validators; `rest` checks the others (`null`: none allowed). */
export function tuple(prefix, rest, constraints = {}) {
  const items = (a, issues) => {
    a.forEach((item, i) => {
      const v = i < prefix.length ? prefix[i] : rest;
      if (v === null || v === undefined)
        issues.push(
          issue(
            `expected at most ${plural(prefix.length, "item")}, received ${a.length}`,
            { code: "too_big", path: [i] },
          ),
        );
      else issues.push(...issuesOf(v, item, [i]));
    });
  };
  return withRules(zod.array(zod.unknown(), messages), [
    items,
    ...arrayRules(constraints),
  ]);
}
function objectRules(shape, c) {
  const rules = [];
  const patterns = (c.patterns ?? []).map(([p, v]) => [regex(p), v]);
  const { additional, minProperties, maxProperties } = c;
  if (patterns.length > 0 || additional !== undefined) {
    rules.push((o, issues) => {
      const refused = [];
      for (const key of Object.keys(o)) {
        const matching = patterns.filter(([re]) => re.test(key));
        for (const [, v] of matching)
          issues.push(...issuesOf(v, o[key], [key]));
        if (matching.length > 0 || Object.hasOwn(shape, key)) continue;
        if (additional === false) refused.push(key);
        else if (additional !== undefined)
          issues.push(...issuesOf(additional, o[key], [key]));
      }
      if (refused.length > 0)
        issues.push(
          issue(
            `unknown ${refused.length === 1 ? "property" : "properties"} ${refused.map((k) => JSON.stringify(k)).join(", ")}`,
            { code: "unrecognized_keys", keys: refused },
          ),
        );
    });
  }
  rules.push(
    ...countRules(
      (o) => Object.keys(o).length,
      "property",
      minProperties,
      maxProperties,
    ),
  );
  return rules;
}
/** An object with these properties (`optional(…)` for the ones it may leave out); other keys as `constraints` say. */
export function object(shape, constraints = {}) {
  return withRules(
    zod.looseObject(shape, messages),
    objectRules(shape, constraints),
  );
}
/** An object with exactly these properties: the parameters of a tool. */
export function strictObject(shape) {
  return zod.strictObject(shape, messages);
}
/** An object whose values `values` checks (`additionalProperties` alone). */
export function record(values) {
  return zod.record(z.string(), values, messages);
}
/** A reference to a named validator, resolved when first used (so order and cycles do not matter). */
export function lazy(getter) {
  return zod.lazy(getter);
}
/** A file reference (see `DifyFile`). */
export function file() {
  return zod.custom(isDifyFile, {
    error: (i) =>
      `expected a Dify file (an object with a url or a file id), received ${kindOf(i.input)}`,
  });
}
const asData = (value) => value;
const asValidator = (value, refs) => decode(value, refs);
const asValidators = (value, refs) => value.map((item) => decode(item, refs));
/** A shape: property name → validator (`Object.fromEntries` keeps `__proto__` an own key). */
const asShape = (value, refs) =>
  Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, decode(item, refs)]),
  );
/** `tuple`'s rest: a validator, or `null` (no item after the prefix). */
const asRest = (value, refs) => (value === null ? null : decode(value, refs));
/** The entries of `ObjectConstraints` that hold validators; the others are plain data. */
const OBJECT_CONSTRAINTS = {
  additional: (value, refs) => (value === false ? false : decode(value, refs)),
  patterns: (value, refs) =>
    value.map(([pattern, item]) => [pattern, decode(item, refs)]),
};
const asObjectConstraints = (value, refs) =>
  Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      Object.hasOwn(OBJECT_CONSTRAINTS, key)
        ? OBJECT_CONSTRAINTS[key](item, refs)
        : item,
    ]),
  );
/** Every builder an encoding may name, by the name the generated code calls it by. */
const BUILDERS = {
  string: [string, asData],
  number: [number, asData],
  integer: [integer, asData],
  boolean: [boolean],
  null: [nullValue],
  unknown: [unknown],
  never: [never],
  literal: [literal, asData],
  enum: [enumValues, asData],
  values: [values, asData],
  optional: [optional, asValidator],
  nullable: [nullable, asValidator],
  present: [present],
  allOf: [allOf, asValidators],
  union: [union, asValidators],
  oneOf: [oneOf, asValidators],
  not: [not, asValidator],
  ifType: [ifType, asData, asValidator],
  array: [array, asValidator, asData],
  tuple: [tuple, asValidators, asRest, asData],
  object: [object, asShape, asObjectConstraints],
  strictObject: [strictObject, asShape],
  record: [record, asValidator],
  file: [file],
};
/** The validator an encoding describes (see the top of this file); throws on an encoding no builder reads. */
function decode(encoded, refs) {
  if (typeof encoded === "string" && encoded.startsWith("#")) {
    const name = encoded.slice(1);
    return lazy(() => refs(name));
  }
  const [name, ...args] = Array.isArray(encoded) ? encoded : [encoded];
  const entry =
    typeof name === "string" && Object.hasOwn(BUILDERS, name)
      ? BUILDERS[name]
      : undefined;
  if (entry === undefined)
    throw new Error(`fromText: no builder for ${shown(encoded)}`);
  const [build, ...readers] = entry;
  const given = args.map((arg, i) => {
    const read = readers[i];
    if (read === undefined)
      throw new Error(`fromText: too many arguments in ${shown(encoded)}`);
    return read(arg, refs);
  });
  return build(...given);
}
/** A text without references: nothing to resolve. */
const noReferences = (name) => {
  throw new Error(`fromText: no validator named ${JSON.stringify(name)}`);
};
/**
 * The validator `text` describes (its JSON encoding, see the top of this file), built on
 * first use and kept; `refs` resolves its references (`"#Name"`), also on first use, so a
 * validator may refer to itself or to one declared after it.
 */
export function fromText(text, refs = noReferences) {
  return lazy(() => decode(JSON.parse(text), refs));
}
/** A new, empty registry of validators (see `Registry`). */
export function registry() {
  const named = new Map();
  const resolve = (name) => {
    const found = named.get(name);
    if (found === undefined)
      throw new Error(
        `fromText: no validator named ${JSON.stringify(name)} in this module`,
      );
    return found;
  };
  return {
    define(name, text) {
      if (named.has(name))
        throw new Error(
          `registry: a validator named ${JSON.stringify(name)} is already defined`,
        );
      const validator = fromText(text, resolve);
      named.set(name, validator);
      return validator;
    },
  };
}
