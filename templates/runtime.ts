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
    typeof file.url === "string" ||
    typeof file.remote_url === "string" ||
    typeof file.related_id === "string" ||
    typeof file.upload_file_id === "string" ||
    typeof file.tool_file_id === "string"
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
}

const defaults: Required<InvokeOptions> = { validate: true };

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
export function describeIssue(issue: ValidationIssue, params: unknown): string {
  const where = issue.path.map(String).join(".") || "(parameters)";
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
 * One tool call: iterate it for the messages, or use a helper to collect them. `Output` is
 * the type of its JSON messages and `Variables` of its variables, where the tool's source
 * declares them (a tool's output_schema, a workflow's outputs); they are not checked.
 */
export class ToolCall<
  Output = JsonObject,
  Variables extends object = Record<string, unknown>,
> implements AsyncIterable<ToolInvokeMessage> {
  private readonly stream: MaybePromise<MessageStream>;

  constructor(stream: MaybePromise<MessageStream>) {
    this.stream = stream;
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

  /** The object of every `json` message. */
  async json(): Promise<Output[]> {
    const out: Output[] = [];
    for await (const message of this) {
      if (message.type === "json") {
        out.push(message.message.json_object as Output);
      }
    }
    return out;
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
>(
  session: DifySession,
  provider: Provider,
  toolName: string,
  schema: ParameterSchema,
  params: object | undefined,
  options?: InvokeOptions,
): ToolCall<Output, Variables> {
  const given = params ?? {};
  if (options?.validate ?? defaults.validate) {
    const result = schema.safeParse(given);
    if (!result.success) {
      throw new ToolParameterError(toolName, result.error?.issues ?? [], given);
    }
  }
  const parameters: ToolParameters = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  );
  return new ToolCall<Output, Variables>(
    session.tool[METHODS[provider.type]](provider.id, toolName, parameters),
  );
}
