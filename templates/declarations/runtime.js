/**
 * The runtime shared by every generated module: the session a Dify plugin receives, the
 * messages a tool call yields, and helpers to consume a call. It depends on nothing.
 */
/** True for a value that can be passed where Dify expects a file. */
export function isDifyFile(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const file = value;
  return (
    typeof file["url"] === "string" ||
    typeof file["remote_url"] === "string" ||
    typeof file["related_id"] === "string" ||
    typeof file["upload_file_id"] === "string" ||
    typeof file["tool_file_id"] === "string"
  );
}
const defaults = {
  validate: true,
  validateResults: false,
};
/** Sets the default options of every call, e.g. `configure({ validate: false })`. */
export function configure(options) {
  Object.assign(defaults, options);
}
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
function valueAt(root, path) {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = value[key];
  }
  return value;
}
/** One line per issue: where, and what was expected (the validators give every other issue its message). */
export function describeIssue(issue, params, root = "(parameters)") {
  const where = issue.path.map(String).join(".") || root;
  const got = kindOf(valueAt(params, issue.path));
  switch (issue.code) {
    case "invalid_type":
      return `${where}: expected ${issue.expected ?? "another type"}, received ${got}`;
    case "unrecognized_keys":
      return `${where}: unknown parameter ${(issue.keys ?? []).map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_value":
      return `${where}: expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return `${where}: ${got} matches none of the allowed types`;
    default:
      return `${where}: ${issue.message}`;
  }
}
/** Thrown before Dify is called when parameters do not match the tool's schema. */
export class ToolParameterError extends Error {
  toolName;
  issues;
  constructor(toolName, issues, params) {
    const details = issues
      .map((issue) => describeIssue(issue, params))
      .join("; ");
    super(
      `invalid parameters for Dify tool ${JSON.stringify(toolName)}: ${details}`,
    );
    this.name = "ToolParameterError";
    this.toolName = toolName;
    this.issues = issues;
  }
}
/**
 * Thrown by `json()` or `body()` when a result does not match the tool's response schema
 * (only with `validateResults`), or when `body()` finds text that is not JSON.
 */
export class ToolResultError extends Error {
  toolName;
  issues;
  constructor(toolName, detail, issues = []) {
    super(`result of Dify tool ${JSON.stringify(toolName)}: ${detail}`);
    this.name = "ToolResultError";
    this.toolName = toolName;
    this.issues = issues;
  }
}
function checked(check, schema, value) {
  if (check?.validate && schema) {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issues = result.error?.issues ?? [];
      const details = issues
        .map((issue) => describeIssue(issue, value, "(result)"))
        .join("; ");
      throw new ToolResultError(
        check.toolName,
        `does not match the spec's response schema: ${details}`,
        issues,
      );
    }
  }
  return value;
}
/**
 * One tool call: iterate it for the messages, or use a helper to collect them. `Output` is
 * the type of its JSON messages, `Variables` of its variables and `Body` of the JSON body
 * an API tool returns as text, where the tool's source declares them (a tool's
 * output_schema, a workflow's outputs, an API spec's success responses); they are checked
 * only with `validateResults`.
 */
export class ToolCall {
  stream;
  check;
  constructor(stream, check) {
    this.stream = stream;
    this.check = check;
  }
  async *[Symbol.asyncIterator]() {
    const stream = await this.stream;
    if (Symbol.asyncIterator in stream) {
      yield* stream;
    } else {
      yield* stream;
    }
  }
  /** Every message, in order. */
  async messages() {
    const out = [];
    for await (const message of this) {
      out.push(message);
    }
    return out;
  }
  /** The text of every `text` message, joined. */
  async text() {
    let out = "";
    for await (const message of this) {
      if (message.type === "text") {
        out += message.message.text;
      }
    }
    return out;
  }
  /**
   * The object of every `json` message. An API tool's object body arrives as one `json`
   * message (and again as text); an array or any other body gives none.
   */
  async json() {
    const out = [];
    for await (const message of this) {
      if (message.type === "json") {
        out.push(
          checked(this.check, this.check?.json, message.message.json_object),
        );
      }
    }
    return out;
  }
  /**
   * An API tool's response body, parsed from the text Dify sends: Dify passes a JSON array
   * or value only as a `text` message (an object also as a `json` message). Throws a
   * `ToolResultError` when the text is not JSON (e.g. Dify's "Empty response from the
   * tool" for an empty body).
   */
  async body() {
    const text = await this.text();
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ToolResultError(
        this.check?.toolName ?? "",
        `the text is not JSON: ${JSON.stringify(text.slice(0, 100))}`,
      );
    }
    return checked(this.check, this.check?.body, value);
  }
  /** The files of every `file`, `image`, `image_link`, `binary_link` and `blob` message. */
  async files() {
    const kinds = new Set([
      "file",
      "image",
      "image_link",
      "binary_link",
      "blob",
    ]);
    const out = [];
    for await (const message of this) {
      if (kinds.has(message.type)) {
        out.push(message);
      }
    }
    return out;
  }
  /** The final value of every `variable` message, by name (streamed text joined). */
  async variables() {
    const out = {};
    for await (const message of this) {
      if (message.type === "variable") {
        const { variable_name, variable_value, stream } = message.message;
        out[variable_name] =
          stream && typeof out[variable_name] === "string"
            ? out[variable_name] + String(variable_value)
            : variable_value;
      }
    }
    return out;
  }
}
const METHODS = {
  api: "invokeApiTool",
  builtin: "invokeBuiltinTool",
  workflow: "invokeWorkflowTool",
};
/**
 * Calls a Dify tool: checks the parameters (unless turned off), drops keys whose value is
 * `undefined`, and sends the rest under Dify's parameter names.
 */
export function invokeTool(
  session,
  provider,
  toolName,
  schema,
  params,
  options,
  results,
) {
  return invokeEncodedTool(
    session,
    provider,
    toolName,
    schema,
    params,
    options,
    {},
    results,
  );
}
/** A list's items as one text joined by `delimiter` (objects as JSON), in a one-item list. */
function joined(delimiter) {
  return (value) =>
    Array.isArray(value)
      ? [value.map((item) => String(jsonText(item))).join(delimiter)]
      : value;
}
function jsonText(value) {
  return typeof value === "object" && value !== null
    ? JSON.stringify(value)
    : value;
}
/** A string percent-encoded but for letters, digits and `-._~` (`.` and `..` too); numbers stay numbers. */
function pathSegment(value) {
  if (typeof value !== "string") return value;
  const text = value;
  const encoded = encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return encoded === "." || encoded === ".."
    ? encoded.replace(/\./g, "%2E")
    : encoded;
}
const ENCODERS = {
  json: jsonText,
  "json-items": (value) =>
    Array.isArray(value) ? value.map(jsonText) : jsonText(value),
  segment: pathSegment,
  ascii: (value, name) => {
    const text = typeof value === "string" ? value : jsonText(value);
    if (typeof text === "string" && /[^\x00-\x7f]/.test(text)) {
      throw new EncodingError(
        name,
        "a header value must be ASCII (Dify fails on any other character)",
      );
    }
    // Dify's HTTP client (httpx, through h11) refuses a header with these.
    if (typeof text === "string" && /[\r\n\0]/.test(text)) {
      throw new EncodingError(
        name,
        "a header value cannot hold a line break or NUL (Dify's HTTP client refuses it)",
      );
    }
    return text;
  },
  refuse: (_value, name) => {
    throw new EncodingError(
      name,
      "Dify cannot send a value of this parameter from a plugin (see the warning of `generate`)",
    );
  },
  comma: joined(","),
  space: joined(" "),
  pipe: joined("|"),
};
/** Thrown before Dify is called when a value cannot reach the API as the spec means it. */
export class EncodingError extends Error {
  parameter;
  constructor(parameter, reason) {
    super(`parameter ${JSON.stringify(parameter)}: ${reason}`);
    this.name = "EncodingError";
    this.parameter = parameter;
  }
}
/** The parameters with each value encoded by its rule; `undefined` values dropped. */
export function encodeParameters(given, encodings) {
  const out = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const encoding = encodings?.[name];
    // null is sent as null (Dify's casts give it its meaning), unless nothing can be sent.
    out[name] =
      encoding === undefined || (value === null && encoding !== "refuse")
        ? value
        : ENCODERS[encoding](value, name);
  }
  return out;
}
/** Sessions that want the typed parameters of each call (mock sessions). */
const observers = new WeakMap();
/**
 * Calls a Dify tool like `invokeTool`, encoding each value by its rule first (see
 * `ValueEncoding`).
 */
export function invokeEncodedTool(
  session,
  provider,
  toolName,
  schema,
  params,
  options,
  encodings,
  results,
) {
  const given = params ?? {};
  if (options?.validate ?? defaults.validate) {
    const result = schema.safeParse(given);
    if (!result.success) {
      throw new ToolParameterError(toolName, result.error?.issues ?? [], given);
    }
  }
  observers.get(session)?.(provider, toolName, given);
  const validateResults = options?.validateResults ?? defaults.validateResults;
  return new ToolCall(
    session.tool[METHODS[provider.type]](
      provider.id,
      toolName,
      encodeParameters(given, encodings),
    ),
    { toolName, validate: validateResults, ...results },
  );
}
const parsedRequests = new WeakMap();
/**
 * What a module's `requests` say (`undefined` for a module without them), its text parsed
 * on first use and kept per module.
 */
export function apiRequests(module) {
  const { requests } = module;
  if (typeof requests !== "string") return requests;
  let parsed = parsedRequests.get(module);
  if (parsed === undefined) {
    parsed = JSON.parse(requests);
    parsedRequests.set(module, parsed);
  }
  return parsed;
}
/** Web globals of Node 18+ and browsers, typed here so that no DOM or Node types are needed. */
const web = globalThis;
/**
 * An error a tool call fails with: `message` is the text Dify reports, `errorType` the
 * Python exception class Dify raised.
 */
export class DifyToolError extends Error {
  errorType;
  constructor(message, errorType) {
    super(message);
    this.name = "DifyToolError";
    this.errorType = errorType;
  }
}
function fail(message, errorType) {
  throw new DifyToolError(message, errorType);
}
/** A JSON value as Dify receives it from the plugin daemon: whole numbers below 1e21 are ints. */
function fromPlugin(value) {
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21
      ? BigInt(value)
      : value;
  }
  if (Array.isArray(value)) return value.map(fromPlugin);
  if (typeof value === "object" && value !== null) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromPlugin(v);
    return out;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  return null;
}
function isDict(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function pyTypeName(value) {
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "str";
  return Array.isArray(value) ? "list" : "dict";
}
/** Python's `repr` of a float. */
function floatRepr(x) {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (Object.is(x, -0)) return "-0.0";
  const [mantissa = "", exp = "0"] = x.toExponential().split("e");
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    const text = String(x);
    return text.includes(".") ? text : `${text}.0`;
  }
  const digits = String(Math.abs(e)).padStart(2, "0");
  return `${mantissa}e${e < 0 ? "-" : "+"}${digits}`;
}
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
/** Python's `repr` of a str. */
function strRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
      const hex = code.toString(16);
      out +=
        code < 0x100
          ? `\\x${hex.padStart(2, "0")}`
          : code < 0x10000
            ? `\\u${hex.padStart(4, "0")}`
            : `\\U${hex.padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}
/** Python's `repr`. */
function pyRepr(value) {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return floatRepr(value);
  if (typeof value === "string") return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`)
    .join(", ")}}`;
}
/** Python's `str`. */
function pyStr(value) {
  return typeof value === "string" ? value : pyRepr(value);
}
function pyTruthy(value) {
  if (value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value !== 0n;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.length > 0;
  return Array.isArray(value)
    ? value.length > 0
    : Object.keys(value).length > 0;
}
const PY_INT = /^[+-]?\d(?:_?\d)*$/;
const PY_FLOAT =
  /^[+-]?(?:(?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?|nan|inf|infinity)$/i;
/** Python's `int()` of a value. */
function pyInt(value) {
  if (typeof value === "bigint") return value;
  if (typeof value === "boolean") return value ? 1n : 0n;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      fail(
        Number.isNaN(value)
          ? "cannot convert float NaN to integer"
          : "cannot convert float infinity to integer",
        "ValueError",
      );
    return BigInt(Math.trunc(value));
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (!PY_INT.test(text))
      fail(
        `invalid literal for int() with base 10: ${strRepr(value)}`,
        "ValueError",
      );
    return BigInt(text.replace(/_/g, ""));
  }
  return fail(
    `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`,
    "TypeError",
  );
}
/** Python's `float()` of a value. */
function pyFloat(value) {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const text = value.trim();
    if (
      text === "" ||
      text === "." ||
      !PY_FLOAT.test(text) ||
      /^[+-]?\.?[eE]/.test(text)
    ) {
      fail(
        `could not convert string to float: ${strRepr(value)}`,
        "ValueError",
      );
    }
    const lower = text.toLowerCase().replace(/_/g, "");
    if (lower.endsWith("nan")) return NaN;
    if (lower.endsWith("inf") || lower.endsWith("infinity"))
      return lower.startsWith("-") ? -Infinity : Infinity;
    return Number(lower);
  }
  return fail(
    `float() argument must be a string or a real number, not '${pyTypeName(value)}'`,
    "TypeError",
  );
}
/** Python's `json.loads`, or undefined when the text is not JSON. */
function jsonLoads(text) {
  try {
    return fromJsonText(text);
  } catch {
    return undefined;
  }
}
/** JSON text to Python values: numbers with a fraction or exponent are floats, others ints. */
function fromJsonText(text) {
  const ints = new Map();
  let n = 0;
  // Whole-number literals are replaced by placeholders so that they stay exact ints.
  const marked = text.replace(
    /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (token) => {
      if (token.startsWith('"') || /[.eE]/.test(token)) return token;
      const key = `"\ue000int${n++}"`;
      ints.set(key.slice(1, -1), BigInt(token));
      return key;
    },
  );
  const revive = (value) => {
    if (typeof value === "string" && ints.has(value))
      return ints.get(value) ?? null;
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === "object" && value !== null) {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = revive(v);
      return out;
    }
    return value;
  };
  return revive(JSON.parse(marked));
}
/** Python's `json.dumps` with its default separators and `ensure_ascii`. */
function jsonDumps(value) {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return floatRepr(value);
  }
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (Array.isArray(value)) return `[${value.map(jsonDumps).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${jsonDumps(k)}: ${jsonDumps(v)}`)
    .join(", ")}}`;
}
/** Python's `quote_plus` (safe: letters, digits, `_.-~`). */
function quotePlus(text) {
  return encodeURIComponent(text)
    .replace(
      /[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
    )
    .replace(/%20/g, "+");
}
/** Python's `urllib.parse.urlencode(dict)`: every value through `str()`. */
function pythonFormEncode(body) {
  return Object.entries(body)
    .map(([k, v]) => `${quotePlus(k)}=${quotePlus(pyStr(v))}`)
    .join("&");
}
/** httpx's text of a query or form value (`primitive_value_to_str`). */
function httpxText(value) {
  if (value === true) return "true";
  if (value === false) return "false";
  if (value === null) return "";
  return pyStr(value);
}
/** httpx's encoding of a dict of query or form values: lists repeat the key. */
function httpxEncode(entries) {
  const parts = [];
  for (const [key, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${quotePlus(key)}=${quotePlus(httpxText(item))}`);
    }
  }
  return parts.join("&");
}
const CASTS = {
  string: (value) => (value === null ? "" : pyStr(value)),
  number: (value) => {
    if (typeof value === "string") {
      if (value === "") return null;
      return value.includes(".") ? pyFloat(value) : pyInt(value);
    }
    return Array.isArray(value) || isDict(value) ? null : value;
  },
  boolean: (value) => {
    if (typeof value === "string") {
      const lower = value.toLowerCase();
      if (["true", "yes", "y", "1"].includes(lower)) return true;
      if (["false", "no", "n", "0"].includes(lower)) return false;
    }
    return pyTruthy(value);
  },
  array: (value) => {
    if (Array.isArray(value)) return value;
    if (typeof value === "string") {
      const parsed = jsonLoads(value);
      return Array.isArray(parsed) ? parsed : [value];
    }
    return [value];
  },
  file: (value) => {
    if (!Array.isArray(value)) return value;
    if (value.length > 1)
      fail(
        "This parameter only accepts one file but got multiple files while invoking.",
        "ValueError",
      );
    return value.length === 1 ? (value[0] ?? null) : value;
  },
  files: (value) => (Array.isArray(value) ? value : [value]),
};
/** Dify's casts: each supplied key by the type of the last parameter of that name. */
function castParameters(tool, given) {
  const types = new Map();
  for (const p of tool.parameters) types.set(p.name, p.type);
  const out = {};
  for (const [name, value] of Object.entries(given)) {
    const type = types.get(name);
    out[name] = type === undefined ? value : CASTS[type](value);
  }
  return out;
}
/** `_convert_body_property_any_of`: the first option the value converts to. */
function convertAnyOf(value, options, depth) {
  if (depth <= 0) fail("Max recursion depth reached", "Exception");
  for (const option of options) {
    try {
      if ("type" in option) {
        const type = option.type;
        if (type === "integer" || type === "int") return pyInt(value);
        if (type === "number")
          return pyStr(value).includes(".") ? pyFloat(value) : pyInt(value);
        if (type === "string") return pyStr(value);
        if (type === "boolean") {
          const lower = pyStr(value).toLowerCase();
          if (lower === "true" || lower === "1") return true;
          if (lower === "false" || lower === "0") return false;
          continue;
        }
        if (type === "null" && !pyTruthy(value)) return null;
        continue;
      }
      if (Array.isArray(option.anyOf))
        return convertAnyOf(value, option.anyOf, depth - 1);
    } catch (e) {
      if (e instanceof DifyToolError && e.errorType === "ValueError") continue;
      throw e;
    }
  }
  return value;
}
/** `_convert_body_property_type`: a ValueError keeps the value; no type and no anyOf gives null. */
function convertBodyValue(conversion, value) {
  try {
    if ("type" in conversion) {
      const type = conversion.type;
      if (type === "integer" || type === "int") return pyInt(value);
      if (type === "number")
        return pyStr(value).includes(".") ? pyFloat(value) : pyInt(value);
      if (type === "string") return pyStr(value);
      if (type === "boolean") return pyTruthy(value);
      if (type === "null") return null;
      if (type === "object" || type === "array") {
        return typeof value === "string" ? (jsonLoads(value) ?? value) : value;
      }
      return value;
    }
    if (Array.isArray(conversion.anyOf))
      return convertAnyOf(value, conversion.anyOf, 10);
    return null;
  } catch (e) {
    if (e instanceof DifyToolError && e.errorType === "ValueError")
      return value;
    throw e;
  }
}
/** `assembling_request`: the credential header, then required parameters or their defaults. */
function credentialHeaders(credentials, tool, parameters) {
  const headers = [];
  const authType = credentials["auth_type"];
  if (authType === undefined) fail("auth_type is required", "ValueError");
  if (authType === "api_key_header" || authType === "api_key") {
    const name =
      "api_key_header" in credentials
        ? String(credentials["api_key_header"])
        : "Authorization";
    const value = credentials["api_key_value"];
    if (!("api_key_value" in credentials))
      fail("Missing api_key_value", "ToolProviderCredentialValidationError");
    if (typeof value !== "string")
      fail(
        "api_key_value must be a string",
        "ToolProviderCredentialValidationError",
      );
    const prefix = credentials["api_key_header_prefix"];
    const prefixed =
      prefix === "basic" && value
        ? `Basic ${value}`
        : prefix === "bearer" && value
          ? `Bearer ${value}`
          : value;
    headers.push([name, prefixed]);
  }
  for (const p of tool.parameters) {
    if (!p.required || p.name in parameters) continue;
    if (p.default === undefined || p.default === null)
      fail(
        `Missing required parameter ${p.name}`,
        "ToolParameterValidationError",
      );
    parameters[p.name] = fromPlugin(p.default);
  }
  return headers;
}
function setEntry(entries, name, value) {
  const at = entries.findIndex(([key]) => key === name);
  if (at >= 0) entries[at] = [name, value];
  else entries.push([name, value]);
}
/** The API key of `api_key_query` credentials: first in the query, unless empty. */
function credentialQuery(credentials) {
  if (credentials["auth_type"] !== "api_key_query") return [];
  const name =
    "api_key_query_param" in credentials
      ? String(credentials["api_key_query_param"])
      : "key";
  const value = credentials["api_key_value"];
  return value === undefined || value === null || value === ""
    ? []
    : [[name, fromPlugin(value)]];
}
/** The operation's parameters placed as `do_http_request` places them (a later one of a name wins, in place). */
function placeParameters(tool, parameters, request) {
  const pathValues = [];
  for (const p of tool.parameters) {
    if (p.in === undefined || p.in === "body") continue;
    let value;
    if (p.name in parameters) value = parameters[p.name] ?? null;
    else if (p.required)
      fail(
        `Missing required parameter ${p.name}`,
        "ToolParameterValidationError",
      );
    else value = fromPlugin("absent" in p ? p.absent : "");
    if (p.in === "path") setEntry(pathValues, p.name, value);
    else if (p.in === "query" && value !== "")
      setEntry(request.query, p.name, value);
    else if (p.in === "cookie") setEntry(request.cookies, p.name, value);
    else if (p.in === "header") setEntry(request.headers, p.name, pyStr(value));
  }
  return pathValues;
}
/** The body's values: supplied ones converted, else the spec's default; files fail (a plugin cannot pass one). */
function bodyValues(tool, toolName, parameters, headers) {
  // Dify's body starts as {} for every tool: a `Content-Type: application/json` header
  // parameter alone sends "{}".
  const body = {};
  if (tool.body === undefined) return body;
  setEntry(headers, "Content-Type", tool.body.mediaType);
  if (!tool.body.schema) fail("'schema'", "KeyError");
  for (const property of tool.body.properties ?? []) {
    const name = property.name;
    if (name in parameters) {
      const value = parameters[name] ?? null;
      if (property.send === "file" || property.send === "files") {
        // Dify reads `.filename` of each file object; a plugin's JSON value has none.
        const items =
          property.send === "files" && Array.isArray(value) ? value : [value];
        const first = items[0];
        if (first !== undefined)
          fail(
            `'${pyTypeName(first)}' object has no attribute 'filename'`,
            "AttributeError",
          );
      } else if (property.send === "ref") body[name] = value;
      else body[name] = convertBodyValue(property.convert ?? {}, value);
    } else if ((tool.body.required ?? []).includes(name)) {
      fail(
        `Missing required parameter ${name} in operation ${toolName}`,
        "ToolParameterValidationError",
      );
    } else if ("default" in property) body[name] = fromPlugin(property.default);
  }
  return body;
}
/** The body's bytes by the `Content-Type` header: JSON, Python's urlencode, or httpx's form encoding. */
function encodedBody(contentType, body) {
  if (contentType === "application/json") return jsonDumps(body);
  if (contentType === "application/x-www-form-urlencoded") {
    return pythonFormEncode(body) || undefined;
  }
  return Object.keys(body).length > 0
    ? httpxEncode(Object.entries(body))
    : undefined;
}
/** `do_http_request` up to the HTTP call: query, path, headers, cookies and body. */
function buildRequest(server, tool, toolName, credentials, parameters) {
  const headers = credentialHeaders(credentials, tool, parameters);
  const request = { query: credentialQuery(credentials), headers, cookies: [] };
  const pathValues = placeParameters(tool, parameters, request);
  const body = bodyValues(tool, toolName, parameters, headers);
  let url = server + tool.path;
  for (const [name, value] of pathValues) {
    url = url.split(`{${name}}`).join(pyStr(value));
  }
  const contentType = headers.find(([key]) => key === "Content-Type")?.[1];
  const method = tool.method.toLowerCase();
  if (!["get", "head", "post", "put", "delete", "patch"].includes(method))
    fail(`Invalid http method ${tool.method}`, "ValueError");
  return {
    method: method.toUpperCase(),
    url,
    ...request,
    body: encodedBody(contentType, body),
  };
}
/** httpx's URL: fragment and query of the built URL dropped, the path percent-encoded, dot segments resolved. */
function requestUrl(built) {
  const raw = built.url.split("#")[0]?.split("?")[0] ?? "";
  const match = /^(https?):\/\/([^/]*)(.*)$/i.exec(raw);
  if (match === null)
    fail(
      "Request URL is missing an 'http://' or 'https://' protocol.",
      "UnsupportedProtocol",
    );
  const [, scheme = "", authority = "", rawPath = ""] = match;
  const encoded = rawPath.replace(
    /[^A-Za-z0-9\-._~!$&'()*+,;=:@/[\]%]/gu,
    (c) =>
      Array.from(
        new web.TextEncoder().encode(c),
        (b) => "%" + b.toString(16).toUpperCase().padStart(2, "0"),
      ).join(""),
  );
  const segments = [];
  for (const segment of encoded.split("/").slice(1)) {
    if (segment === "..") segments.pop();
    else if (segment !== ".") segments.push(segment);
  }
  const last = encoded.split("/").pop();
  const path =
    segments.length || encoded
      ? "/" + segments.join("/") + (last === "." || last === ".." ? "/" : "")
      : "";
  const query = httpxEncode(built.query);
  return `${scheme.toLowerCase()}://${authority}${path}${query ? "?" + query : ""}`;
}
/** The `cookie` header: the request's cookies (spec order) after the jar's. */
function cookieHeader(jar, cookies) {
  const pairs = new Map(jar ?? []);
  for (const [name, value] of cookies) {
    if (value !== null && typeof value !== "string")
      fail(
        `expected string or bytes-like object, got '${pyTypeName(value)}'`,
        "TypeError",
      );
    pairs.set(name, value === null ? "\u0000" : value);
  }
  if (pairs.size === 0) return undefined;
  return [...pairs]
    .map(([name, value]) => (value === "\u0000" ? name : `${name}=${value}`))
    .join("; ");
}
/** Text decoded with the Content-Type's charset, else UTF-8 (bad bytes → U+FFFD). */
function decodeText(bytes, contentType) {
  const charset = /charset=["']?([^;"'\s]+)/i
    .exec(contentType)?.[1]
    ?.toLowerCase();
  if (
    charset === "iso-8859-1" ||
    charset === "latin-1" ||
    charset === "latin1"
  ) {
    return Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  }
  try {
    return new web.TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new web.TextDecoder("utf-8").decode(bytes);
  }
}
/** `validate_and_parse_response` and `_invoke`: the messages Dify streams for a response. */
function responseMessages(status, headers, bytes, url) {
  const contentType = headers.get("content-type") ?? "";
  const text = decodeText(bytes, contentType);
  if (status >= 400) {
    const proxy =
      `${headers.get("server") ?? ""} ${headers.get("via") ?? ""}`.toLowerCase();
    if ((status === 401 || status === 403) && proxy.includes("squid")) {
      fail(
        `Access to '${url}' was blocked by SSRF protection. The URL may point to a private or local network address. `,
        "ToolSSRFError",
      );
    }
    fail(
      `Request failed with status code ${status} and ${text}`,
      "ToolInvokeError",
    );
  }
  const textMessage = (t) => ({
    type: "text",
    message: { text: t },
    meta: null,
  });
  if (bytes.length === 0)
    return [
      textMessage(
        "Empty response from the tool, please check your parameters and try again.",
      ),
    ];
  if (contentType.toLowerCase().includes("application/json")) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return [textMessage(text)];
    }
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      !Array.isArray(parsed)
    ) {
      return [
        {
          type: "json",
          message: {
            json_object: parsed,
            suppress_output: false,
          },
          meta: null,
        },
        textMessage(text),
      ];
    }
  }
  return [textMessage(text)];
}
const ERRNO = {
  ECONNREFUSED: "[Errno 111] Connection refused",
  ENOTFOUND: "[Errno -2] Name or service not known",
  EAI_AGAIN: "[Errno -3] Temporary failure in name resolution",
  EHOSTUNREACH: "[Errno 113] No route to host",
  ENETUNREACH: "[Errno 101] Network is unreachable",
  ECONNRESET: "[Errno 104] Connection reset by peer",
  ETIMEDOUT: "timed out",
};
/** A failure of the transport as httpx would report it. */
function networkError(e) {
  if (e instanceof DifyToolError) throw e;
  const error = e;
  const code = error.code ?? error.cause?.code;
  const text =
    (code !== undefined ? ERRNO[code] : undefined) ??
    error.cause?.message ??
    String(e);
  throw new DifyToolError(text, "ConnectError");
}
/** Node modules, loaded only when the default transport runs (no Node types needed). */
const importModule = (name) => import(name);
function responseHeaders(raw) {
  const pairs = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    pairs.push([(raw[i] ?? "").toLowerCase(), raw[i + 1] ?? ""]);
  }
  return {
    get: (name) => {
      const values = pairs.filter(([key]) => key === name.toLowerCase());
      return values.length ? values.map(([, v]) => v).join(", ") : null;
    },
    getSetCookie: () =>
      pairs.filter(([key]) => key === "set-cookie").map(([, v]) => v),
  };
}
/** One HTTP exchange through Node's `http`/`https`, headers and bytes as given. */
async function nodeExchange(url, method, headers, body) {
  const [, scheme = "", authority = "", path = ""] =
    /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url) ?? [];
  const http = await importModule(
    scheme.toLowerCase() === "https" ? "node:https" : "node:http",
  );
  const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  const host = (hostPort?.[1] ?? authority).replace(/^\[|\]$/g, "");
  const port =
    hostPort?.[2] || (scheme.toLowerCase() === "https" ? "443" : "80");
  // httpx's order: a body's length after the tool's headers (before the cookie); a POST,
  // PUT or PATCH without one gets `content-length: 0` right after `host`.
  const empty = body === undefined && ["POST", "PUT", "PATCH"].includes(method);
  const flat = [
    ["host", authority],
    ...(empty ? [["content-length", "0"]] : []),
    ["accept", "*/*"],
    ...headers.filter(([name]) => name !== "cookie"),
    ...(body !== undefined ? [["content-length", String(body.length)]] : []),
    ...headers.filter(([name]) => name === "cookie"),
  ].flat();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host, port, method, path: path || "/", headers: flat },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const size = chunks.reduce((n, c) => n + c.length, 0);
          const bytes = new Uint8Array(size);
          let at = 0;
          for (const chunk of chunks) {
            bytes.set(chunk, at);
            at += chunk.length;
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: responseHeaders(response.rawHeaders),
            arrayBuffer: async () => bytes.slice().buffer,
            bytes,
          });
        });
      },
    );
    request.on("error", reject);
    // httpx's read timeout as Dify sets it (API_TOOL_DEFAULT_READ_TIMEOUT, 60 s).
    request.setTimeout(60_000, () =>
      request.destroy(
        Object.assign(new Error("timed out"), { code: "ETIMEDOUT" }),
      ),
    );
    request.end(body);
  });
}
const DECODERS = {
  gzip: "gunzipSync",
  "x-gzip": "gunzipSync",
  deflate: "inflateSync",
  br: "brotliDecompressSync",
};
/** The response with its body decoded, as httpx decodes a `content-encoding`. */
async function decoded(response) {
  const encoding = response.headers
    .get("content-encoding")
    ?.trim()
    .toLowerCase();
  const decoder = encoding !== undefined ? DECODERS[encoding] : undefined;
  if (decoder === undefined || response.bytes.length === 0) return response;
  const zlib = await importModule("node:zlib");
  const bytes = new Uint8Array(zlib[decoder](response.bytes));
  return { ...response, arrayBuffer: async () => bytes.slice().buffer };
}
/** A redirect target resolved against the URL it came from. */
function redirectUrl(from, location) {
  if (/^https?:\/\//i.test(location)) return location;
  const origin = /^https?:\/\/[^/?#]*/i.exec(from)?.[0] ?? "";
  if (location.startsWith("//"))
    return (/^https?:/i.exec(from)?.[0] ?? "http:") + location;
  if (location.startsWith("/")) return origin + location;
  const base = from.slice(0, from.split("?")[0]?.lastIndexOf("/") ?? 0);
  return `${base}/${location}`;
}
/**
 * The default transport: Node's `http`/`https`, so that a request goes out as Dify's httpx
 * sends it (two headers of one name stay apart, a GET may carry a body, a path is not
 * normalised again); redirects are followed as httpx follows them (302/303 → GET without
 * body, 307/308 keep both; Authorization dropped across origins).
 */
const nodeFetch = async (input, init) => {
  let url = input;
  let method = init.method;
  let headers = init.headers;
  let body =
    init.body !== undefined
      ? new web.TextEncoder().encode(init.body)
      : undefined;
  for (let hops = 0; ; hops++) {
    const response = await nodeExchange(url, method, headers, body);
    const location = response.headers.get("location");
    if (
      ![301, 302, 303, 307, 308].includes(response.status) ||
      location === null
    ) {
      return decoded(response);
    }
    // httpx follows at most 20 redirects (max_redirects).
    if (hops >= 20)
      fail("Exceeded maximum allowed redirects.", "TooManyRedirects");
    const next = redirectUrl(url, location);
    const origin = (u) => /^https?:\/\/[^/?#]*/i.exec(u)?.[0]?.toLowerCase();
    if (origin(next) !== origin(url)) {
      headers = headers.filter(
        ([name]) => name.toLowerCase() !== "authorization",
      );
    }
    if (
      (response.status === 303 && method !== "HEAD") ||
      (response.status === 302 && method !== "HEAD") ||
      (response.status === 301 && method === "POST")
    ) {
      method = "GET";
      body = undefined;
    }
    url = next;
  }
};
/** Node's transport where Node's modules exist, else the global `fetch`. */
function defaultFetch() {
  const versions = globalThis.process?.versions;
  return versions?.node !== undefined
    ? nodeFetch
    : (input, init) => web.fetch(input, init);
}
/** Fails as Python's http client does on a header value that is not ASCII. */
function checkHeaderValues(headers) {
  for (const [, value] of headers) {
    const bad = /[^\x00-\x7f]/u.exec(value);
    if (bad === null) continue;
    const code = bad[0].codePointAt(0) ?? 0;
    const hex = code.toString(16);
    const escaped =
      code < 0x100
        ? `\\x${hex.padStart(2, "0")}`
        : code < 0x10000
          ? `\\u${hex.padStart(4, "0")}`
          : `\\U${hex.padStart(8, "0")}`;
    const position = Array.from(value.slice(0, bad.index)).length;
    fail(
      `'ascii' codec can't encode character '${escaped}' in position ${position}: ordinal not in range(128)`,
      "UnicodeEncodeError",
    );
  }
}
/** Keeps the cookies a response sets, per host, as the worker's shared HTTP client does. */
function storeCookies(jar, response) {
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}
/** Sends one API tool call and returns its messages (the cookie jar is per session and host). */
async function sendApiCall(fetcher, jars, call, given) {
  const parameters = castParameters(call.tool, fromPlugin(given));
  const built = buildRequest(
    call.server,
    call.tool,
    call.toolName,
    { ...call.credentials },
    parameters,
  );
  const url = requestUrl(built);
  const host = /^[a-z]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? "";
  const jar = jars.get(host) ?? new Map();
  jars.set(host, jar);
  const cookie = cookieHeader(jar, built.cookies);
  checkHeaderValues(built.headers);
  const headers = [...built.headers, ...(cookie ? [["cookie", cookie]] : [])];
  let response;
  try {
    response = await fetcher(url, {
      method: built.method,
      headers,
      redirect: "follow",
      ...(built.body !== undefined ? { body: built.body } : {}),
    });
  } catch (e) {
    return networkError(e);
  }
  storeCookies(jar, response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return responseMessages(
    response.status,
    response.headers,
    bytes,
    built.url.split("?")[0] ?? built.url,
  );
}
/**
 * A session that runs API tools locally, exactly as Dify would (casts, defaults, path,
 * query, header, cookie and credential rules, body encodings by media type, redirects,
 * response → messages), against the spec's server or `serverUrl`. Errors are thrown as
 * `DifyToolError` with Dify's text. Builtin and workflow tools go to the given handlers.
 */
export function createLocalSession(options) {
  const fetcher = options.fetch ?? defaultFetch();
  const jars = new Map();
  const byId = new Map();
  for (const entry of options.providers) {
    if (!byId.has(entry.module.provider.id))
      byId.set(entry.module.provider.id, entry);
  }
  const elsewhere = (kind, handler) =>
    handler ??
    ((provider, toolName) => {
      throw new DifyToolError(
        `the ${kind} tool ${JSON.stringify(toolName)} of provider ${JSON.stringify(provider)} cannot run outside Dify: pass a \`${kind}\` handler to createLocalSession`,
        "ToolProviderNotFoundError",
      );
    });
  return {
    tool: {
      invokeApiTool: (provider, toolName, parameters) => {
        const entry = byId.get(provider);
        const requests =
          entry === undefined ? undefined : apiRequests(entry.module);
        if (entry === undefined || requests === undefined) {
          const why =
            entry === undefined
              ? "is not among the providers of this local session"
              : "has a module without request data: regenerate it with dify-toolgen";
          return Promise.reject(
            new DifyToolError(
              `api provider ${JSON.stringify(provider)} ${why}`,
              "ToolProviderNotFoundError",
            ),
          );
        }
        const tool = Object.prototype.hasOwnProperty.call(
          requests.tools,
          toolName,
        )
          ? requests.tools[toolName]
          : undefined;
        if (tool === undefined)
          return Promise.reject(
            new DifyToolError(`tool ${toolName} not found`, "ValueError"),
          );
        const call = {
          server: entry.serverUrl ?? requests.server,
          toolName,
          tool,
          credentials: entry.credentials ?? { auth_type: "none" },
        };
        return sendApiCall(fetcher, jars, call, parameters);
      },
      invokeBuiltinTool: elsewhere("builtin", options.builtin),
      invokeWorkflowTool: elsewhere("workflow", options.workflow),
    },
  };
}
/** Thrown by a mock session for a call nobody registered a reply for. */
export class MockSessionError extends Error {
  constructor(message) {
    super(message);
    this.name = "MockSessionError";
  }
}
function toolKey(kind, provider, toolName) {
  return `${kind} tool ${JSON.stringify(toolName)} of provider ${JSON.stringify(provider)}`;
}
/** The Dify tool a wrapper calls, found by calling it once with a probing session. */
function wrapperKey(wrapper) {
  let key;
  const probe = (kind) => (provider, toolName) => {
    key = toolKey(kind, provider, toolName);
    return [];
  };
  const session = {
    tool: {
      invokeApiTool: probe("api"),
      invokeBuiltinTool: probe("builtin"),
      invokeWorkflowTool: probe("workflow"),
    },
  };
  try {
    wrapper(session, {}, { validate: false });
  } catch {
    // A value the wrapper refuses to encode: the key was taken before, or it is not a wrapper.
  }
  if (key === undefined)
    throw new MockSessionError(
      "mock.on() takes a generated wrapper, e.g. mock.on(petstore.addPet)",
    );
  return key;
}
async function* failing(message) {
  throw new DifyToolError(message, "ToolInvokeError");
}
function replyStream(reply) {
  if ("messages" in reply) return reply.messages;
  if ("json" in reply)
    return [
      {
        type: "json",
        message: { json_object: reply.json, suppress_output: false },
        meta: null,
      },
    ];
  if ("text" in reply)
    return [{ type: "text", message: { text: reply.text }, meta: null }];
  return failing(reply.error);
}
/**
 * A session for tests, in any runner (vitest, node:test): register a reply per wrapper,
 * read the calls each wrapper made with their typed parameters. A call without a registered
 * reply throws `MockSessionError` naming the tool and listing what is registered.
 */
export function createMockSession() {
  const replies = new Map();
  const calls = new Map();
  let typed;
  const answer = (kind) => (provider, toolName, parameters) => {
    const key = toolKey(kind, provider, toolName);
    const params = typed ?? parameters;
    typed = undefined;
    const reply = replies.get(key);
    if (reply === undefined) {
      const known = [...replies.keys()];
      throw new MockSessionError(
        `no reply registered for the ${key}; registered: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    calls.set(key, [
      ...(calls.get(key) ?? []),
      { params, toolParameters: parameters },
    ]);
    return replyStream(typeof reply === "function" ? reply(params) : reply);
  };
  const mock = {
    tool: {
      invokeApiTool: answer("api"),
      invokeBuiltinTool: answer("builtin"),
      invokeWorkflowTool: answer("workflow"),
    },
    on: (wrapper) => ({
      reply: (reply) => {
        replies.set(wrapperKey(wrapper), reply);
        return mock;
      },
    }),
    calls: (wrapper) => calls.get(wrapperKey(wrapper)) ?? [],
  };
  observers.set(mock, (_provider, _toolName, params) => {
    typed = params;
  });
  return mock;
}
