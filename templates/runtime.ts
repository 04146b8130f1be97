/**
 * The runtime shared by every generated module: the session a Dify plugin receives, the
 * messages a tool call yields, and helpers to consume a call. It depends on nothing.
 */

/** A value that is one thing or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/** The stream of messages a tool call yields, synchronous or asynchronous. */
export type MessageStream =
  Iterable<ToolInvokeMessage> | AsyncIterable<ToolInvokeMessage>;

/** The parameters dict sent to Dify: keys are Dify's parameter names. */
export type ToolParameters = Record<string, unknown>;

/**
 * The part of a Dify plugin session these wrappers use: `session.tool`, whose methods send
 * `{tool_type, provider, tool, tool_parameters}` to Dify and yield the tool's messages.
 */
export interface DifySession {
  tool: {
    invokeApiTool(
      provider: string,
      toolName: string,
      parameters: ToolParameters,
    ): MaybePromise<MessageStream>;
    invokeBuiltinTool(
      provider: string,
      toolName: string,
      parameters: ToolParameters,
    ): MaybePromise<MessageStream>;
    invokeWorkflowTool(
      provider: string,
      toolName: string,
      parameters: ToolParameters,
    ): MaybePromise<MessageStream>;
  };
}

/** Which Dify provider a module calls. */
export interface Provider {
  type: "api" | "builtin" | "workflow";
  id: string;
}

/** A file as Dify passes it between tools (a `file` or `files` parameter, a file message). */
export interface DifyFile {
  dify_model_identity?: "__dify__file__";
  type?: "image" | "document" | "audio" | "video" | "custom";
  transfer_method?: "remote_url" | "local_file" | "tool_file";
  url?: string;
  remote_url?: string;
  related_id?: string;
  upload_file_id?: string;
  tool_file_id?: string;
  filename?: string;
  extension?: string;
  mime_type?: string;
  size?: number;
  [key: string]: unknown;
}

/** True for a value that can be passed where Dify expects a file. */
export function isDifyFile(value: unknown): value is DifyFile {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const file = value as Record<string, unknown>;
  return (
    typeof file["url"] === "string" ||
    typeof file["remote_url"] === "string" ||
    typeof file["related_id"] === "string" ||
    typeof file["upload_file_id"] === "string" ||
    typeof file["tool_file_id"] === "string"
  );
}

/** A model chosen in Dify (a `model-selector` parameter). */
export interface ModelSelector {
  provider: string;
  model: string;
  model_type?: string;
  mode?: string;
  completion_params?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An app chosen in Dify (an `app-selector` parameter). */
export interface AppSelector {
  app_id: string;
  inputs?: Record<string, unknown>;
  files?: unknown[];
  [key: string]: unknown;
}

/** A text, link or image URL message. */
export interface TextMessage {
  text: string;
}

export interface JsonMessage {
  json_object: Record<string, unknown> | unknown[];
  suppress_output?: boolean;
}

/** Binary data, base64-encoded on the wire. */
export interface BlobMessage {
  blob: string;
}

export interface BlobChunkMessage {
  id: string;
  sequence: number;
  total_length: number;
  blob: string;
  end: boolean;
}

export interface VariableMessage {
  variable_name: string;
  variable_value: unknown;
  stream: boolean;
}

export interface LogMessage {
  id: string;
  label: string;
  parent_id?: string | null;
  error?: string | null;
  status: "start" | "error" | "success";
  data: Record<string, unknown>;
  metadata?: Record<string, unknown> | null;
}

export interface RetrieverResourcesMessage {
  retriever_resources: Array<Record<string, unknown>>;
  context: string;
}

type Message<Type extends string, Body> = {
  type: Type;
  message: Body;
  meta?: Record<string, unknown> | null;
};

/** Every message a Dify tool can yield, discriminated by `type`. */
export type ToolInvokeMessage =
  | Message<"text", TextMessage>
  | Message<"link", TextMessage>
  | Message<"image", TextMessage>
  | Message<"image_link", TextMessage>
  | Message<"binary_link", TextMessage>
  | Message<"json", JsonMessage>
  | Message<"blob", BlobMessage>
  | Message<"blob_chunk", BlobChunkMessage>
  | Message<"file", Record<string, unknown> | null>
  | Message<"variable", VariableMessage>
  | Message<"log", LogMessage>
  | Message<"retriever_resources", RetrieverResourcesMessage>;

export type ToolInvokeMessageType = ToolInvokeMessage["type"];

/** One problem found by a validator, as zod reports it. */
export interface ValidationIssue {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  message: string;
  expected?: string;
  keys?: ReadonlyArray<string>;
  values?: ReadonlyArray<unknown>;
}

/** The result of one validation, shaped like zod's `safeParse` result. */
export interface ValidationResult {
  success: boolean;
  error?: { issues: ReadonlyArray<ValidationIssue> };
}

/** Anything with zod's `safeParse`: the generated validators. */
export interface ParameterSchema {
  safeParse(value: unknown): ValidationResult;
}

export interface InvokeOptions {
  /** Check the parameters against the tool's schema before calling Dify (default: true). */
  validate?: boolean;
  /**
   * Check what `json()` and `body()` return against the spec's response schemas, throwing a
   * `ToolResultError` with the path of the first mismatch (default: false: result types are
   * declarations, taken from the spec, not checked).
   */
  validateResults?: boolean;
}

const defaults: Required<InvokeOptions> = {
  validate: true,
  validateResults: false,
};

/** Sets the default options of every call, e.g. `configure({ validate: false })`. */
export function configure(options: InvokeOptions): void {
  Object.assign(defaults, options);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One line per issue: where, and what was expected (the validators give every other issue its message). */
export function describeIssue(
  issue: ValidationIssue,
  params: unknown,
  root = "(parameters)",
): string {
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
  readonly toolName: string;
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor(
    toolName: string,
    issues: ReadonlyArray<ValidationIssue>,
    params: unknown,
  ) {
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

/** The object of a `json` message. */
export type JsonObject = Record<string, unknown> | unknown[];

/**
 * Thrown by `json()` or `body()` when a result does not match the tool's response schema
 * (only with `validateResults`), or when `body()` finds text that is not JSON.
 */
export class ToolResultError extends Error {
  readonly toolName: string;
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor(
    toolName: string,
    detail: string,
    issues: ReadonlyArray<ValidationIssue> = [],
  ) {
    super(`result of Dify tool ${JSON.stringify(toolName)}: ${detail}`);
    this.name = "ToolResultError";
    this.toolName = toolName;
    this.issues = issues;
  }
}

/** The validators of an API tool's results, from its spec's success responses. */
export interface ResultSchemas {
  /** The object bodies (`json()`). */
  json?: ParameterSchema;
  /** Every JSON body (`body()`). */
  body?: ParameterSchema;
}

/** How a `ToolCall` checks its results: the tool it is, its validators, and whether to use them. */
export interface ResultCheck extends ResultSchemas {
  toolName: string;
  validate: boolean;
}

function checked<T>(
  check: ResultCheck | undefined,
  schema: ParameterSchema | undefined,
  value: unknown,
): T {
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
  return value as T;
}

/**
 * One tool call: iterate it for the messages, or use a helper to collect them. `Output` is
 * the type of its JSON messages, `Variables` of its variables and `Body` of the JSON body
 * an API tool returns as text, where the tool's source declares them (a tool's
 * output_schema, a workflow's outputs, an API spec's success responses); they are checked
 * only with `validateResults`.
 */
export class ToolCall<
  Output = JsonObject,
  Variables extends object = Record<string, unknown>,
  Body = unknown,
> implements AsyncIterable<ToolInvokeMessage> {
  private readonly stream: MaybePromise<MessageStream>;
  private readonly check: ResultCheck | undefined;

  constructor(stream: MaybePromise<MessageStream>, check?: ResultCheck) {
    this.stream = stream;
    this.check = check;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ToolInvokeMessage> {
    const stream = await this.stream;
    if (Symbol.asyncIterator in stream) {
      yield* stream as AsyncIterable<ToolInvokeMessage>;
    } else {
      yield* stream as Iterable<ToolInvokeMessage>;
    }
  }

  /** Every message, in order. */
  async messages(): Promise<ToolInvokeMessage[]> {
    const out: ToolInvokeMessage[] = [];
    for await (const message of this) {
      out.push(message);
    }
    return out;
  }

  /** The text of every `text` message, joined. */
  async text(): Promise<string> {
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
  async json(): Promise<Output[]> {
    const out: Output[] = [];
    for await (const message of this) {
      if (message.type === "json") {
        out.push(
          checked<Output>(
            this.check,
            this.check?.json,
            message.message.json_object,
          ),
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
  async body(): Promise<Body> {
    const text = await this.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ToolResultError(
        this.check?.toolName ?? "",
        `the text is not JSON: ${JSON.stringify(text.slice(0, 100))}`,
      );
    }
    return checked<Body>(this.check, this.check?.body, value);
  }

  /** The files of every `file`, `image`, `image_link`, `binary_link` and `blob` message. */
  async files(): Promise<ToolInvokeMessage[]> {
    const kinds = new Set([
      "file",
      "image",
      "image_link",
      "binary_link",
      "blob",
    ]);
    const out: ToolInvokeMessage[] = [];
    for await (const message of this) {
      if (kinds.has(message.type)) {
        out.push(message);
      }
    }
    return out;
  }

  /** The final value of every `variable` message, by name (streamed text joined). */
  async variables(): Promise<Partial<Variables>> {
    const out: Record<string, unknown> = {};
    for await (const message of this) {
      if (message.type === "variable") {
        const { variable_name, variable_value, stream } = message.message;
        out[variable_name] =
          stream && typeof out[variable_name] === "string"
            ? (out[variable_name] as string) + String(variable_value)
            : variable_value;
      }
    }
    return out as Partial<Variables>;
  }
}

const METHODS = {
  api: "invokeApiTool",
  builtin: "invokeBuiltinTool",
  workflow: "invokeWorkflowTool",
} as const;

/**
 * Calls a Dify tool: checks the parameters (unless turned off), drops keys whose value is
 * `undefined`, and sends the rest under Dify's parameter names.
 */
export function invokeTool<
  Output = JsonObject,
  Variables extends object = Record<string, unknown>,
  Body = unknown,
>(
  session: DifySession,
  provider: Provider,
  toolName: string,
  schema: ParameterSchema,
  params: object | undefined,
  options?: InvokeOptions,
  results?: ResultSchemas,
): ToolCall<Output, Variables, Body> {
  return invokeEncodedTool<Output, Variables, Body>(
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

// ---------------------------------------------------------------------------------------
// Value encoding: what a wrapper does to a typed value so that, after Dify's casts, the API
// receives what the spec means. The rules are chosen at generation time (dify-toolgen's
// src/dify/encoding.ts); each wrapper passes the rule of each parameter that needs one.
// ---------------------------------------------------------------------------------------

/**
 * How a wrapper encodes one parameter value before it is sent to Dify:
 * - `json`: objects and arrays as JSON text (Dify casts an object to its Python repr, and
 *   parses JSON text back for an object/array-typed body property);
 * - `json-items`: each object or array item of a list as JSON text;
 * - `segment`: the value's text percent-encoded as one path segment (Dify encodes nothing);
 * - `ascii`: the value's text, refused unless it is ASCII (Dify fails on other headers);
 * - `refuse`: no value can be sent (Dify can only fail or drop it): a given value is refused;
 * - `comma`, `space`, `pipe`: a list's items joined into one text, sent as a one-item list
 *   (a query array the spec serialises with a delimiter; Dify would repeat the key).
 */
export type ValueEncoding =
  | "json"
  | "json-items"
  | "segment"
  | "ascii"
  | "refuse"
  | "comma"
  | "space"
  | "pipe";

/** A list's items as one text joined by `delimiter` (objects as JSON), in a one-item list. */
function joined(delimiter: string): (value: unknown) => unknown {
  return (value) =>
    Array.isArray(value)
      ? [value.map((item) => String(jsonText(item))).join(delimiter)]
      : value;
}

/** The encoding of each parameter that needs one, by Dify parameter name. */
export type ParameterEncodings = Readonly<Record<string, ValueEncoding>>;

function jsonText(value: unknown): unknown {
  return typeof value === "object" && value !== null
    ? JSON.stringify(value)
    : value;
}

/** A string percent-encoded but for letters, digits and `-._~` (`.` and `..` too); numbers stay numbers. */
function pathSegment(value: unknown): unknown {
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

const ENCODERS: Record<
  ValueEncoding,
  (value: unknown, name: string) => unknown
> = {
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
  readonly parameter: string;

  constructor(parameter: string, reason: string) {
    super(`parameter ${JSON.stringify(parameter)}: ${reason}`);
    this.name = "EncodingError";
    this.parameter = parameter;
  }
}

/** The parameters with each value encoded by its rule; `undefined` values dropped. */
export function encodeParameters(
  given: object,
  encodings: ParameterEncodings | undefined,
): ToolParameters {
  const out: ToolParameters = {};
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
const observers = new WeakMap<
  DifySession,
  (provider: Provider, toolName: string, params: object) => void
>();

/**
 * Calls a Dify tool like `invokeTool`, encoding each value by its rule first (see
 * `ValueEncoding`).
 */
export function invokeEncodedTool<
  Output = JsonObject,
  Variables extends object = Record<string, unknown>,
  Body = unknown,
>(
  session: DifySession,
  provider: Provider,
  toolName: string,
  schema: ParameterSchema,
  params: object | undefined,
  options: InvokeOptions | undefined,
  encodings: ParameterEncodings,
  results?: ResultSchemas,
): ToolCall<Output, Variables, Body> {
  const given = params ?? {};
  if (options?.validate ?? defaults.validate) {
    const result = schema.safeParse(given);
    if (!result.success) {
      throw new ToolParameterError(toolName, result.error?.issues ?? [], given);
    }
  }
  observers.get(session)?.(provider, toolName, given);
  const validateResults = options?.validateResults ?? defaults.validateResults;
  return new ToolCall<Output, Variables, Body>(
    session.tool[METHODS[provider.type]](
      provider.id,
      toolName,
      encodeParameters(given, encodings),
    ),
    { toolName, validate: validateResults, ...results },
  );
}

// ---------------------------------------------------------------------------------------
// The local session: runs API tools as Dify's ApiTool does (langgenius/dify,
// api/core/tools/custom_tool/tool.py: ApiTool.assembling_request, do_http_request,
// _convert_body_property_type, validate_and_parse_response, _invoke), after Dify's casts of
// tool parameters (api/core/tools/entities/tool_entities.py: ToolParameter type casts).
// Values are modelled as Python sees them: `bigint` is an int, `number` a float.
// ---------------------------------------------------------------------------------------

/** Dify's parameter types of API tools. */
export type ApiParameterType =
  "string" | "number" | "boolean" | "array" | "file" | "files";

/** One Dify parameter of an API tool, as the local session needs it. */
export interface ApiParameter {
  name: string;
  /** Dify's type: the cast applied to a supplied value. */
  type: ApiParameterType;
  /** True for a required parameter (left out otherwise). */
  required?: boolean;
  /** The default Dify stores (filled in, uncast, for a missing required parameter). */
  default?: unknown;
  /** Operation parameters: where the value goes (`path`, `query`, `header`, `cookie`, …). */
  in?: string;
  /** Operation parameters: the value sent when not supplied (`schema.default`; left out: `""`). */
  absent?: unknown;
}

/** A body property's conversion schema: its `type` and `anyOf`, as written. */
export interface ApiConversion {
  type?: unknown;
  anyOf?: ReadonlyArray<ApiConversion>;
}

/** One property of the request body's first media type. */
export interface ApiBodyProperty {
  name: string;
  /** `file`/`files`: a `format: binary` property (multipart); `ref`: a `$ref` (sent unconverted); left out: `convert`. */
  send?: "convert" | "ref" | "file" | "files";
  convert?: ApiConversion;
  /** The spec's `default`, as written (present only when the spec has one). */
  default?: unknown;
}

/** The request body: the first media type under `requestBody.content`. */
export interface ApiRequestBody {
  mediaType: string;
  /** False when the media type has no `schema` (Dify fails the call). */
  schema: boolean;
  required?: ReadonlyArray<string>;
  properties?: ReadonlyArray<ApiBodyProperty>;
}

/** What the local session needs to send one API tool's request. */
export interface ApiToolRequest {
  method: string;
  /** The path as written in the spec, with `{name}` placeholders. */
  path: string;
  /** Dify's parameters, in Dify's order (operation parameters, then body properties). */
  parameters: ReadonlyArray<ApiParameter>;
  body?: ApiRequestBody;
}

/** Per generated API module: `servers[0].url` and each Dify tool's request, by tool name. */
export interface ApiRequests {
  server: string;
  tools: Readonly<Record<string, ApiToolRequest>>;
}

/**
 * Dify's saved credentials of an API provider: none, an API key in a header (`Authorization`
 * by default; `bearer`/`basic` put `Bearer `/`Basic ` in front; `custom` or none: the bare
 * key), or an API key in the query (`key` by default). `api_key` is Dify's legacy name of
 * `api_key_header`.
 */
export type ApiCredentials =
  | { readonly auth_type: "none" }
  | {
      readonly auth_type: "api_key_header" | "api_key";
      readonly api_key_header?: string;
      readonly api_key_value: string;
      readonly api_key_header_prefix?: "basic" | "bearer" | "custom";
    }
  | {
      readonly auth_type: "api_key_query";
      readonly api_key_query_param?: string;
      readonly api_key_value: string;
    };

/** Credentials as the session reads them: any saved shape, checked as Dify checks it. */
type SavedCredentials = Readonly<Record<string, unknown>>;

/**
 * `ApiRequests` as JSON text: how a generated API module holds its `requests` (a string
 * costs its users' type-checker nothing to check, and a bundle that never reads it drops
 * it). Read by `apiRequests`.
 */
export type ApiRequestsText = string;

/** A generated provider module, as `import * as petstore from "./generated/petstore.js"`. */
export interface ProviderModule {
  provider: Provider;
  requests?: ApiRequests | ApiRequestsText;
}

const parsedRequests = new WeakMap<ProviderModule, ApiRequests>();

/**
 * What a module's `requests` say (`undefined` for a module without them), its text parsed
 * on first use and kept per module.
 */
export function apiRequests(module: ProviderModule): ApiRequests | undefined {
  const { requests } = module;
  if (typeof requests !== "string") return requests;
  let parsed = parsedRequests.get(module);
  if (parsed === undefined) {
    parsed = JSON.parse(requests) as ApiRequests;
    parsedRequests.set(module, parsed);
  }
  return parsed;
}

/** Runs builtin or workflow tools outside Dify (they live in Dify or in plugins). */
export type ToolHandler = (
  provider: string,
  toolName: string,
  parameters: ToolParameters,
) => MaybePromise<MessageStream>;

/** The part of a `fetch` response the local session reads. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null; getSetCookie?(): string[] };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of `fetch`'s options the local session sets. */
export interface FetchInit {
  method: string;
  headers: Array<[string, string]>;
  redirect: "follow";
  body?: string;
}

/** The `fetch` the local session sends with (Node's by default). */
export type FetchFunction = (
  input: string,
  init: FetchInit,
) => Promise<FetchResponse>;

/** Web globals of Node 18+ and browsers, typed here so that no DOM or Node types are needed. */
const web = globalThis as unknown as {
  fetch: FetchFunction;
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label?: string) => { decode(bytes: Uint8Array): string };
};

export interface LocalSessionOptions {
  providers: ReadonlyArray<{
    module: ProviderModule;
    /** Dify's credential shape (default `{auth_type: "none"}`). */
    credentials?: ApiCredentials;
    /** Replaces `servers[0].url` (staging, tests). */
    serverUrl?: string;
  }>;
  /**
   * Sends the HTTP requests (default: Node's `http`/`https`, which sends exactly what Dify's
   * client sends; elsewhere the global `fetch`). A `fetch` joins two headers of one name
   * and refuses a body on GET.
   */
  fetch?: FetchFunction;
  builtin?: ToolHandler;
  workflow?: ToolHandler;
}

/**
 * An error a tool call fails with: `message` is the text Dify reports, `errorType` the
 * Python exception class Dify raised.
 */
export class DifyToolError extends Error {
  readonly errorType: string;

  constructor(message: string, errorType: string) {
    super(message);
    this.name = "DifyToolError";
    this.errorType = errorType;
  }
}

type Py = null | boolean | bigint | number | string | Py[] | PyDict;
interface PyDict {
  [key: string]: Py;
}

function fail(message: string, errorType: string): never {
  throw new DifyToolError(message, errorType);
}

/** A JSON value as Dify receives it from the plugin daemon: whole numbers below 1e21 are ints. */
function fromPlugin(value: unknown): Py {
  if (typeof value === "number") {
    return Number.isInteger(value) && Math.abs(value) < 1e21
      ? BigInt(value)
      : value;
  }
  if (Array.isArray(value)) return value.map(fromPlugin);
  if (typeof value === "object" && value !== null) {
    const out: PyDict = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromPlugin(v);
    return out;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  return null;
}

function isDict(value: Py | undefined): value is PyDict {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pyTypeName(value: Py): string {
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "str";
  return Array.isArray(value) ? "list" : "dict";
}

/** Python's `repr` of a float. */
function floatRepr(x: number): string {
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
function strRepr(text: string): string {
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
function pyRepr(value: Py): string {
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
function pyStr(value: Py): string {
  return typeof value === "string" ? value : pyRepr(value);
}

function pyTruthy(value: Py): boolean {
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
function pyInt(value: Py): bigint {
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
function pyFloat(value: Py): number {
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
function jsonLoads(text: string): Py | undefined {
  try {
    return fromJsonText(text);
  } catch {
    return undefined;
  }
}

/** JSON text to Python values: numbers with a fraction or exponent are floats, others ints. */
function fromJsonText(text: string): Py {
  const ints = new Map<string, bigint>();
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
  const revive = (value: unknown): Py => {
    if (typeof value === "string" && ints.has(value))
      return ints.get(value) ?? null;
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value === "object" && value !== null) {
      const out: PyDict = {};
      for (const [k, v] of Object.entries(value)) out[k] = revive(v);
      return out;
    }
    return value as Py;
  };
  return revive(JSON.parse(marked));
}

/** Python's `json.dumps` with its default separators and `ensure_ascii`. */
function jsonDumps(value: Py): string {
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
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(
      /[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
    )
    .replace(/%20/g, "+");
}

/** Python's `urllib.parse.urlencode(dict)`: every value through `str()`. */
function pythonFormEncode(body: PyDict): string {
  return Object.entries(body)
    .map(([k, v]) => `${quotePlus(k)}=${quotePlus(pyStr(v))}`)
    .join("&");
}

/** httpx's text of a query or form value (`primitive_value_to_str`). */
function httpxText(value: Py): string {
  if (value === true) return "true";
  if (value === false) return "false";
  if (value === null) return "";
  return pyStr(value);
}

/** httpx's encoding of a dict of query or form values: lists repeat the key. */
function httpxEncode(entries: ReadonlyArray<[string, Py]>): string {
  const parts: string[] = [];
  for (const [key, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${quotePlus(key)}=${quotePlus(httpxText(item))}`);
    }
  }
  return parts.join("&");
}

const CASTS: Record<ApiParameterType, (value: Py) => Py> = {
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
function castParameters(tool: ApiToolRequest, given: PyDict): PyDict {
  const types = new Map<string, ApiParameterType>();
  for (const p of tool.parameters) types.set(p.name, p.type);
  const out: PyDict = {};
  for (const [name, value] of Object.entries(given)) {
    const type = types.get(name);
    out[name] = type === undefined ? value : CASTS[type](value);
  }
  return out;
}

/** `_convert_body_property_any_of`: the first option the value converts to. */
function convertAnyOf(
  value: Py,
  options: ReadonlyArray<ApiConversion>,
  depth: number,
): Py {
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
function convertBodyValue(conversion: ApiConversion, value: Py): Py {
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

interface BuiltRequest {
  method: string;
  url: string;
  query: Array<[string, Py]>;
  headers: Array<[string, string]>;
  cookies: Array<[string, Py]>;
  body: string | undefined;
}

/** `assembling_request`: the credential header, then required parameters or their defaults. */
function credentialHeaders(
  credentials: SavedCredentials,
  tool: ApiToolRequest,
  parameters: PyDict,
): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
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

function setEntry<T>(
  entries: Array<[string, T]>,
  name: string,
  value: T,
): void {
  const at = entries.findIndex(([key]) => key === name);
  if (at >= 0) entries[at] = [name, value];
  else entries.push([name, value]);
}

/** The API key of `api_key_query` credentials: first in the query, unless empty. */
function credentialQuery(credentials: SavedCredentials): Array<[string, Py]> {
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
function placeParameters(
  tool: ApiToolRequest,
  parameters: PyDict,
  request: Pick<BuiltRequest, "query" | "headers" | "cookies">,
): Array<[string, Py]> {
  const pathValues: Array<[string, Py]> = [];
  for (const p of tool.parameters) {
    if (p.in === undefined || p.in === "body") continue;
    let value: Py;
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
function bodyValues(
  tool: ApiToolRequest,
  toolName: string,
  parameters: PyDict,
  headers: Array<[string, string]>,
): PyDict {
  // Dify's body starts as {} for every tool: a `Content-Type: application/json` header
  // parameter alone sends "{}".
  const body: PyDict = {};
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
function encodedBody(
  contentType: string | undefined,
  body: PyDict,
): string | undefined {
  if (contentType === "application/json") return jsonDumps(body);
  if (contentType === "application/x-www-form-urlencoded") {
    return pythonFormEncode(body) || undefined;
  }
  return Object.keys(body).length > 0
    ? httpxEncode(Object.entries(body))
    : undefined;
}

/** `do_http_request` up to the HTTP call: query, path, headers, cookies and body. */
function buildRequest(
  server: string,
  tool: ApiToolRequest,
  toolName: string,
  credentials: SavedCredentials,
  parameters: PyDict,
): BuiltRequest {
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
function requestUrl(built: BuiltRequest): string {
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
  const segments: string[] = [];
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
function cookieHeader(
  jar: Map<string, string> | undefined,
  cookies: ReadonlyArray<[string, Py]>,
): string | undefined {
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
function decodeText(bytes: Uint8Array, contentType: string): string {
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
function responseMessages(
  status: number,
  headers: FetchResponse["headers"],
  bytes: Uint8Array,
  url: string,
): ToolInvokeMessage[] {
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
  const textMessage = (t: string): ToolInvokeMessage => ({
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
    let parsed: unknown;
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
            json_object: parsed as Record<string, unknown>,
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

const ERRNO: Record<string, string> = {
  ECONNREFUSED: "[Errno 111] Connection refused",
  ENOTFOUND: "[Errno -2] Name or service not known",
  EAI_AGAIN: "[Errno -3] Temporary failure in name resolution",
  EHOSTUNREACH: "[Errno 113] No route to host",
  ENETUNREACH: "[Errno 101] Network is unreachable",
  ECONNRESET: "[Errno 104] Connection reset by peer",
  ETIMEDOUT: "timed out",
};

/** A failure of the transport as httpx would report it. */
function networkError(e: unknown): never {
  if (e instanceof DifyToolError) throw e;
  const error = e as {
    code?: string;
    cause?: { code?: string; message?: string };
  };
  const code = error.code ?? error.cause?.code;
  const text =
    (code !== undefined ? ERRNO[code] : undefined) ??
    error.cause?.message ??
    String(e);
  throw new DifyToolError(text, "ConnectError");
}

/** The parts of Node's `http`/`https` modules the default transport uses. */
interface NodeHttp {
  request(
    options: {
      host: string;
      port: string;
      method: string;
      path: string;
      headers: string[];
    },
    callback: (response: NodeResponse) => void,
  ): {
    on(event: "error", listener: (error: Error) => void): void;
    setTimeout(ms: number, listener: () => void): void;
    destroy(error: Error): void;
    end(body?: Uint8Array): void;
  };
}

interface NodeResponse {
  statusCode?: number;
  rawHeaders: string[];
  on(event: "data", listener: (chunk: Uint8Array) => void): void;
  on(event: "end", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
}

/** Node modules, loaded only when the default transport runs (no Node types needed). */
const importModule = (name: string): Promise<unknown> => import(name);

function responseHeaders(raw: ReadonlyArray<string>): FetchResponse["headers"] {
  const pairs: Array<[string, string]> = [];
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
async function nodeExchange(
  url: string,
  method: string,
  headers: ReadonlyArray<[string, string]>,
  body: Uint8Array | undefined,
): Promise<FetchResponse & { bytes: Uint8Array }> {
  const [, scheme = "", authority = "", path = ""] =
    /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url) ?? [];
  const http = (await importModule(
    scheme.toLowerCase() === "https" ? "node:https" : "node:http",
  )) as NodeHttp;
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
        const chunks: Uint8Array[] = [];
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

/** The parts of Node's `zlib` used to undo a `content-encoding`. */
interface NodeZlib {
  gunzipSync(bytes: Uint8Array): Uint8Array;
  inflateSync(bytes: Uint8Array): Uint8Array;
  brotliDecompressSync(bytes: Uint8Array): Uint8Array;
}

const DECODERS: Record<string, keyof NodeZlib> = {
  gzip: "gunzipSync",
  "x-gzip": "gunzipSync",
  deflate: "inflateSync",
  br: "brotliDecompressSync",
};

/** The response with its body decoded, as httpx decodes a `content-encoding`. */
async function decoded(
  response: FetchResponse & { bytes: Uint8Array },
): Promise<FetchResponse> {
  const encoding = response.headers
    .get("content-encoding")
    ?.trim()
    .toLowerCase();
  const decoder = encoding !== undefined ? DECODERS[encoding] : undefined;
  if (decoder === undefined || response.bytes.length === 0) return response;
  const zlib = (await importModule("node:zlib")) as NodeZlib;
  const bytes = new Uint8Array(zlib[decoder](response.bytes));
  return { ...response, arrayBuffer: async () => bytes.slice().buffer };
}

/** A redirect target resolved against the URL it came from. */
function redirectUrl(from: string, location: string): string {
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
const nodeFetch: FetchFunction = async (input, init) => {
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
    const origin = (u: string) =>
      /^https?:\/\/[^/?#]*/i.exec(u)?.[0]?.toLowerCase();
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
function defaultFetch(): FetchFunction {
  const versions = (
    globalThis as { process?: { versions?: { node?: string } } }
  ).process?.versions;
  return versions?.node !== undefined
    ? nodeFetch
    : (input, init) => web.fetch(input, init);
}

/** Fails as Python's http client does on a header value that is not ASCII. */
function checkHeaderValues(headers: ReadonlyArray<[string, string]>): void {
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
function storeCookies(jar: Map<string, string>, response: FetchResponse): void {
  for (const line of response.headers.getSetCookie?.() ?? []) {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

/** One API tool call as the local session sends it. */
interface ApiCall {
  server: string;
  toolName: string;
  tool: ApiToolRequest;
  credentials: SavedCredentials;
}

/** Sends one API tool call and returns its messages (the cookie jar is per session and host). */
async function sendApiCall(
  fetcher: FetchFunction,
  jars: Map<string, Map<string, string>>,
  call: ApiCall,
  given: ToolParameters,
): Promise<ToolInvokeMessage[]> {
  const parameters = castParameters(call.tool, fromPlugin(given) as PyDict);
  const built = buildRequest(
    call.server,
    call.tool,
    call.toolName,
    { ...call.credentials },
    parameters,
  );
  const url = requestUrl(built);
  const host = /^[a-z]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? "";
  const jar = jars.get(host) ?? new Map<string, string>();
  jars.set(host, jar);
  const cookie = cookieHeader(jar, built.cookies);
  checkHeaderValues(built.headers);
  const headers = [
    ...built.headers,
    ...(cookie ? [["cookie", cookie] as [string, string]] : []),
  ];
  let response: FetchResponse;
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
export function createLocalSession(options: LocalSessionOptions): DifySession {
  const fetcher: FetchFunction = options.fetch ?? defaultFetch();
  const jars = new Map<string, Map<string, string>>();
  const byId = new Map<string, LocalSessionOptions["providers"][number]>();
  for (const entry of options.providers) {
    if (!byId.has(entry.module.provider.id))
      byId.set(entry.module.provider.id, entry);
  }
  const elsewhere = (
    kind: "builtin" | "workflow",
    handler: ToolHandler | undefined,
  ): ToolHandler =>
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
        const call: ApiCall = {
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

// ---------------------------------------------------------------------------------------
// The mock session: replies registered per wrapper, calls recorded with typed parameters.
// ---------------------------------------------------------------------------------------

/** What a mocked tool answers: messages, a JSON object, text, or an error (thrown when the call is consumed). */
export type MockReply<Output = JsonObject> =
  | { messages: ReadonlyArray<ToolInvokeMessage> }
  | { json: Output }
  | { text: string }
  | { error: string };

/** Any generated wrapper: `(session, params, options) => ToolCall<Output>`. */
export type Wrapper<Params, Output = any> = (
  session: DifySession,
  params: Params,
  options?: InvokeOptions,
) => ToolCall<Output, any>;

/** One call a mock session received: the typed parameters and the `tool_parameters` sent. */
export interface MockCall<Params> {
  params: Params;
  toolParameters: ToolParameters;
}

/** A session for tests: `mock.on(petstore.addPet).reply({ json: {...} })`, then `mock.calls(petstore.addPet)`. */
export interface MockSession extends DifySession {
  /**
   * Registers the reply of every call to this wrapper (a function gets the typed
   * parameters); a `json` reply has the tool's declared output type.
   */
  on<Params, Output>(
    wrapper: Wrapper<Params, Output>,
  ): {
    reply(
      reply:
        | MockReply<Output>
        | ((params: NonNullable<Params>) => MockReply<Output>),
    ): MockSession;
  };
  /** The calls made to this wrapper, in order. */
  calls<Params>(wrapper: Wrapper<Params>): Array<MockCall<NonNullable<Params>>>;
}

/** Thrown by a mock session for a call nobody registered a reply for. */
export class MockSessionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MockSessionError";
  }
}

type ToolKind = Provider["type"];

function toolKey(kind: ToolKind, provider: string, toolName: string): string {
  return `${kind} tool ${JSON.stringify(toolName)} of provider ${JSON.stringify(provider)}`;
}

/** The Dify tool a wrapper calls, found by calling it once with a probing session. */
function wrapperKey(wrapper: Wrapper<never>): string {
  let key: string | undefined;
  const probe =
    (kind: ToolKind) =>
    (provider: string, toolName: string): MessageStream => {
      key = toolKey(kind, provider, toolName);
      return [];
    };
  const session: DifySession = {
    tool: {
      invokeApiTool: probe("api"),
      invokeBuiltinTool: probe("builtin"),
      invokeWorkflowTool: probe("workflow"),
    },
  };
  try {
    wrapper(session, {} as never, { validate: false });
  } catch {
    // A value the wrapper refuses to encode: the key was taken before, or it is not a wrapper.
  }
  if (key === undefined)
    throw new MockSessionError(
      "mock.on() takes a generated wrapper, e.g. mock.on(petstore.addPet)",
    );
  return key;
}

async function* failing(message: string): AsyncGenerator<ToolInvokeMessage> {
  throw new DifyToolError(message, "ToolInvokeError");
}

function replyStream(reply: MockReply): MessageStream {
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
export function createMockSession(): MockSession {
  const replies = new Map<string, MockReply | ((params: never) => MockReply)>();
  const calls = new Map<string, Array<MockCall<unknown>>>();
  let typed: object | undefined;
  const answer =
    (kind: ToolKind) =>
    (
      provider: string,
      toolName: string,
      parameters: ToolParameters,
    ): MessageStream => {
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
      return replyStream(
        typeof reply === "function" ? reply(params as never) : reply,
      );
    };
  const mock: MockSession = {
    tool: {
      invokeApiTool: answer("api"),
      invokeBuiltinTool: answer("builtin"),
      invokeWorkflowTool: answer("workflow"),
    },
    on: (wrapper) => ({
      reply: (reply) => {
        replies.set(wrapperKey(wrapper as Wrapper<never>), reply as MockReply);
        return mock;
      },
    }),
    calls: <Params>(wrapper: Wrapper<Params>) =>
      (calls.get(wrapperKey(wrapper as Wrapper<never>)) ?? []) as Array<
        MockCall<NonNullable<Params>>
      >,
  };
  observers.set(mock, (_provider, _toolName, params) => {
    typed = params;
  });
  return mock;
}
