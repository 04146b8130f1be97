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
export declare function isDifyFile(value: unknown): value is DifyFile;
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
  error?: {
    issues: ReadonlyArray<ValidationIssue>;
  };
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
/** Sets the default options of every call, e.g. `configure({ validate: false })`. */
export declare function configure(options: InvokeOptions): void;
/** One line per issue: where, and what was expected (the validators give every other issue its message). */
export declare function describeIssue(
  issue: ValidationIssue,
  params: unknown,
  root?: string,
): string;
/** Thrown before Dify is called when parameters do not match the tool's schema. */
export declare class ToolParameterError extends Error {
  readonly toolName: string;
  readonly issues: ReadonlyArray<ValidationIssue>;
  constructor(
    toolName: string,
    issues: ReadonlyArray<ValidationIssue>,
    params: unknown,
  );
}
/** The object of a `json` message. */
export type JsonObject = Record<string, unknown> | unknown[];
/**
 * Thrown by `json()` or `body()` when a result does not match the tool's response schema
 * (only with `validateResults`), or when `body()` finds text that is not JSON.
 */
export declare class ToolResultError extends Error {
  readonly toolName: string;
  readonly issues: ReadonlyArray<ValidationIssue>;
  constructor(
    toolName: string,
    detail: string,
    issues?: ReadonlyArray<ValidationIssue>,
  );
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
/**
 * One tool call: iterate it for the messages, or use a helper to collect them. `Output` is
 * the type of its JSON messages, `Variables` of its variables and `Body` of the JSON body
 * an API tool returns as text, where the tool's source declares them (a tool's
 * output_schema, a workflow's outputs, an API spec's success responses); they are checked
 * only with `validateResults`.
 */
export declare class ToolCall<
  Output = JsonObject,
  Variables extends object = Record<string, unknown>,
  Body = unknown,
> implements AsyncIterable<ToolInvokeMessage> {
  private readonly stream;
  private readonly check;
  constructor(stream: MaybePromise<MessageStream>, check?: ResultCheck);
  [Symbol.asyncIterator](): AsyncIterator<ToolInvokeMessage>;
  /** Every message, in order. */
  messages(): Promise<ToolInvokeMessage[]>;
  /** The text of every `text` message, joined. */
  text(): Promise<string>;
  /**
   * The object of every `json` message. An API tool's object body arrives as one `json`
   * message (and again as text); an array or any other body gives none.
   */
  json(): Promise<Output[]>;
  /**
   * An API tool's response body, parsed from the text Dify sends: Dify passes a JSON array
   * or value only as a `text` message (an object also as a `json` message). Throws a
   * `ToolResultError` when the text is not JSON (e.g. Dify's "Empty response from the
   * tool" for an empty body).
   */
  body(): Promise<Body>;
  /** The files of every `file`, `image`, `image_link`, `binary_link` and `blob` message. */
  files(): Promise<ToolInvokeMessage[]>;
  /** The final value of every `variable` message, by name (streamed text joined). */
  variables(): Promise<Partial<Variables>>;
}
/**
 * Calls a Dify tool: checks the parameters (unless turned off), drops keys whose value is
 * `undefined`, and sends the rest under Dify's parameter names.
 */
export declare function invokeTool<
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
): ToolCall<Output, Variables, Body>;
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
/** The encoding of each parameter that needs one, by Dify parameter name. */
export type ParameterEncodings = Readonly<Record<string, ValueEncoding>>;
/** Thrown before Dify is called when a value cannot reach the API as the spec means it. */
export declare class EncodingError extends Error {
  readonly parameter: string;
  constructor(parameter: string, reason: string);
}
/** The parameters with each value encoded by its rule; `undefined` values dropped. */
export declare function encodeParameters(
  given: object,
  encodings: ParameterEncodings | undefined,
): ToolParameters;
/**
 * Calls a Dify tool like `invokeTool`, encoding each value by its rule first (see
 * `ValueEncoding`).
 */
export declare function invokeEncodedTool<
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
): ToolCall<Output, Variables, Body>;
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
  | {
      readonly auth_type: "none";
    }
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
/**
 * What a module's `requests` say (`undefined` for a module without them), its text parsed
 * on first use and kept per module.
 */
export declare function apiRequests(
  module: ProviderModule,
): ApiRequests | undefined;
/** Runs builtin or workflow tools outside Dify (they live in Dify or in plugins). */
export type ToolHandler = (
  provider: string,
  toolName: string,
  parameters: ToolParameters,
) => MaybePromise<MessageStream>;
/** The part of a `fetch` response the local session reads. */
export interface FetchResponse {
  status: number;
  headers: {
    get(name: string): string | null;
    getSetCookie?(): string[];
  };
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
export declare class DifyToolError extends Error {
  readonly errorType: string;
  constructor(message: string, errorType: string);
}
/**
 * A session that runs API tools locally, exactly as Dify would (casts, defaults, path,
 * query, header, cookie and credential rules, body encodings by media type, redirects,
 * response → messages), against the spec's server or `serverUrl`. Errors are thrown as
 * `DifyToolError` with Dify's text. Builtin and workflow tools go to the given handlers.
 */
export declare function createLocalSession(
  options: LocalSessionOptions,
): DifySession;
/** What a mocked tool answers: messages, a JSON object, text, or an error (thrown when the call is consumed). */
export type MockReply<Output = JsonObject> =
  | {
      messages: ReadonlyArray<ToolInvokeMessage>;
    }
  | {
      json: Output;
    }
  | {
      text: string;
    }
  | {
      error: string;
    };
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
export declare class MockSessionError extends Error {
  constructor(message: string);
}
/**
 * A session for tests, in any runner (vitest, node:test): register a reply per wrapper,
 * read the calls each wrapper made with their typed parameters. A call without a registered
 * reply throws `MockSessionError` naming the tool and listing what is registered.
 */
export declare function createMockSession(): MockSession;
export {};
