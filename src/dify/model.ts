/**
 * The provider model: Dify's view of an OpenAPI document. Every emitter reads only this,
 * never the raw spec. Rules: dify-semantics.md.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedDocument } from '../load/read-document.js';
import { PyFloat, type PointerPath, type Value } from '../load/value.js';

/** The methods Dify looks for on a path item, in the order it creates tools (§3). */
export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods Dify creates tools for but cannot invoke ("Invalid http method", §3). */
export const UNINVOCABLE_METHODS: ReadonlySet<HttpMethod> = new Set(['options', 'trace']);

/** Dify's parameter types for API tools (§5.3). */
export type DifyParameterType = 'string' | 'number' | 'boolean' | 'array' | 'file' | 'files';

/** A default as `ToolParameter.default` keeps it once lists and mappings are set aside. */
export type DefaultValue = string | number | bigint | boolean | null;

/** A parameter's default as Python holds it, for printers that write what `json.dumps` writes (`1.0`). */
export function pythonDefault<T>(p: { default: T; defaultIsFloat?: true | undefined }): T | PyFloat {
  return p.defaultIsFloat && typeof p.default === 'number' ? new PyFloat(p.default) : p.default;
}

/** Where a parameter's value goes in the HTTP request. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'other';

export interface DifyParameter {
  /** Dify's parameter name: the key of the `parameters` dict a caller passes. */
  name: string;
  type: DifyParameterType;
  /** Dify's `required` flag. */
  required: boolean;
  /**
   * The default Dify stores (null when none, and for list or mapping defaults): what
   * `ToolParameter.default` holds, exact (integers beyond 2^53 as `bigint`, inf and nan kept).
   */
  default: DefaultValue;
  /** The default is a Python float with a whole value (`1.0`), which `default` cannot show. */
  defaultIsFloat?: true;
  in: ParameterLocation;
  /** Body parameters: the media type whose schema they came from. */
  mediaType?: string;
  description?: string;
  /**
   * Operation parameters: what Dify sends when the caller leaves the parameter out and it is
   * not required, `schema.default` as written (lists and mappings too), else `""`
   * (ApiTool.get_parameter_value in api/core/tools/custom_tool/tool.py).
   */
  absent?: Value;
  /** The full JSON schema behind the parameter, for rich typing (not used by Dify itself). */
  schema?: Value;
  /** Where the parameter is defined in the document. */
  pointer: PointerPath;
}

export interface DifyTool {
  /**
   * The exact tool name Dify's parser gives the operation (§4): the bundle's `operation_id`,
   * null when the `operationId` is null. This is what the golden data records.
   */
  name: string | null;
  /** The name Dify registers the tool under and invokes it by (`default_tool` for an empty or null name). */
  registeredName: string;
  /** True when the name is the operation's `operationId`; false for the path_method fallback. */
  fromOperationId: boolean;
  method: HttpMethod;
  path: string;
  /** `servers[0].url` + path, as Dify stores it. */
  url: string;
  /** Dify's summary: the operation's description, else its summary. */
  summary: string | null;
  operationSummary?: string;
  operationDescription?: string;
  parameters: DifyParameter[];
  /**
   * The request body Dify sends: only the first media type under `requestBody.content`
   * (ApiTool.do_http_request breaks after it); `hasSchema` false when it has no `schema`
   * (Dify then fails every call with KeyError 'schema'). Absent without a body.
   */
  requestBody?: { mediaType: string; hasSchema: boolean };
  /** The operation object in the document. */
  pointer: PointerPath;
}

export interface DifyProvider {
  /**
   * `servers[0].url`, as Dify records it: Dify stores the server on each tool, so a
   * document without tools has none (null), which is what the golden data shows.
   */
  server: string | null;
  title?: string;
  description?: string;
  tools: DifyTool[];
  /** The warnings dict Dify fills while parsing (only `duplicated_parameter` today). */
  difyWarnings: { duplicated_parameter?: string };
  /** Warnings about the document, each with its location. */
  diagnostics: Diagnostic[];
  document: LoadedDocument;
}

/**
 * Dify refuses to create a provider with more tools than this ("the number of apis should be
 * less than 100"; exactly 100 is fine), but saves an edited provider with any number
 * (api/services/tools/api_tools_manage_service.py: `create_api_tool_provider` checks,
 * `update_api_tool_provider` does not).
 */
export const MAX_TOOLS_PER_PROVIDER = 100;
