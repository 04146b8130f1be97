/**
 * Derives the provider model from a loaded document: the tools Dify creates, in Dify's
 * order, with their names and parameters; or the refusal Dify would give.
 * Rules: dify-semantics.md §2–§5, ground truth: the golden data in test/fixtures/golden.
 */
import { error, UserError, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
// The body media type Dify sends (kept apart from the other imports of ./parameters.js).
import { requestBodyMedia } from './parameters.js';
import { printable, quoted } from '../diagnostics/printable.js';
import type { LoadedDocument } from '../load/read-document.js';
import { PyBytes, type Key, type Mapping, type PointerPath, type Value } from '../load/value.js';
import { HTTP_METHODS, MAX_TOOLS_PER_PROVIDER, UNINVOCABLE_METHODS, type DifyParameter, type DifyProvider, type DifyTool, type HttpMethod } from './model.js';
import { bodyParameters, operationParameters, type DerivationContext } from './parameters.js';
import { DifyRefusal, pyGet, pyIn, pyIndex, pyItems, pyLen, pyTypeName, pydanticStr } from './py.js';
import { fallbackToolName, registeredToolName } from './tool-name.js';

/** Derives the tools of a document, or throws `UserError` with the reason Dify refuses it. */
export function deriveProvider(document: LoadedDocument): DifyProvider {
  try {
    return derive(document);
  } catch (e) {
    if (e instanceof DifyRefusal) throw new UserError(refusalDiagnostic(document, e));
    throw e;
  }
}

function derive(document: LoadedDocument): DifyProvider {
  const root = document.value;
  const info = topLevel(root, 'info', 'an `info` object with `title` and `version`');
  // The parser copies info.description into the provider without a check; see below.
  const rawDescription = pyGet(info, 'description', '', ['info'])!;
  const servers = topLevel(root, 'servers', 'a `servers` entry with the API base URL, e.g. servers: [{url: https://api.example.com}]');
  if (pyLen(servers, ['servers']) === 0) {
    throw new DifyRefusal('no-servers', 'ToolProviderNotFoundError: No server found in the openapi yaml.', ['servers'], 'add a `servers` entry with the API base URL, e.g. servers: [{url: https://api.example.com}]', 'the document has an empty `servers` list');
  }
  const server = pyIndex(pyIndex(servers, 0, ['servers']), 'url', ['servers', 0]);
  const paths = topLevel(root, 'paths', 'a `paths` object with the operations');
  const title = pyGet(info, 'title', null, ['info']);

  // §3: every path in document order, methods in Dify's fixed order.
  const interfaces: Array<{ path: Value; method: HttpMethod; operation: Value; at: PointerPath }> = [];
  for (const [path, pathItem] of pyItems(paths, ['paths'])) {
    for (const method of HTTP_METHODS) {
      if (pyIn(method, pathItem, ['paths', path])) {
        interfaces.push({ path, method, operation: pyIndex(pathItem, method, ['paths', path]), at: ['paths', path, method] });
      }
    }
  }

  const ctx: DerivationContext = { root, resolvedBodySchemas: new WeakMap() };
  const assignedNames = new WeakMap<Mapping, string>();
  const difyWarnings: DifyProvider['difyWarnings'] = {};
  const diagnostics: Diagnostic[] = [];
  const tools: DifyTool[] = [];
  for (const { path, method, operation, at } of interfaces) {
    const parameters = [...operationParameters(ctx, operation, at), ...bodyParameters(ctx, operation, at)];
    const duplicated = duplicatedNames(parameters);
    // Dify keeps one warning per document: the last duplicated name it sees.
    if (duplicated.length > 0) difyWarnings.duplicated_parameter = `Parameter ${duplicated[duplicated.length - 1]} is duplicated.`;

    const [name, fromOperationId] = toolName(operation, path, method, at, assignedNames);
    const summaryKey = pyIn('description', operation, at) ? 'description' : 'summary';
    const summary = pydanticStr(pyGet(operation, summaryKey, null, at), `the operation ${summaryKey}`, [...at, summaryKey], true);
    const url = concat(server, path, at);
    const operationSummary = pyGet(operation, 'summary', null, at);
    const operationDescription = pyGet(operation, 'description', null, at);
    const requestBody = requestBodyMedia(operation);
    tools.push({
      name,
      registeredName: registeredToolName(name),
      fromOperationId,
      method,
      path: path as string,
      url,
      summary,
      ...(typeof operationSummary === 'string' ? { operationSummary } : {}),
      ...(typeof operationDescription === 'string' ? { operationDescription } : {}),
      parameters,
      ...(requestBody ? { requestBody } : {}),
      pointer: at,
    });
    if (duplicated.length > 0) diagnostics.push(duplicatedWarning(document, registeredToolName(name), parameters, duplicated));
  }
  // Creating the provider then stores the bundles as JSON, and builds the controller.
  for (const { operation, at } of interfaces) if (mayBeUnstorable(document, ctx, operation)) storableOperation(ctx, operation, at);
  diagnostics.push(...toolWarnings(document, tools));
  // Creating (and updating) the provider builds its controller with
  // `I18nObject(en_US=db_provider.description)` (api/core/tools/custom_tool/provider.py,
  // ApiToolProviderController.from_db): a description that is not text is refused then.
  const description = pydanticStr(rawDescription, 'info.description (the provider description)', ['info', 'description']);
  return {
    server: tools.length > 0 ? (server as string) : null,
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof description === 'string' && description ? { description } : {}),
    tools,
    difyWarnings,
    diagnostics,
    document,
  };
}

/** `openapi[key]`, with a refusal that says what to add. */
function topLevel(root: Value, key: 'info' | 'servers' | 'paths', what: string): Value {
  try {
    return pyIndex(root, key, []);
  } catch (e) {
    if (e instanceof DifyRefusal && e.code === 'missing-key') {
      throw new DifyRefusal(`no-${key}`, e.pythonError, [], `add ${what}`, `the document has no \`${key}\``);
    }
    if (e instanceof DifyRefusal) {
      throw new DifyRefusal('not-openapi', e.pythonError, [], 'give the OpenAPI document itself: a mapping with openapi, info, servers and paths', 'the document is not a mapping, so it is not an OpenAPI document');
    }
    throw e;
  }
}

/**
 * §4: `operationId` verbatim, else the path_method fallback (which Dify writes back). The
 * name is `ApiToolBundle.operation_id: str | None`: a null `operationId` is accepted (and
 * registered as `default_tool`, see `registeredToolName`), a number or date is refused.
 */
function toolName(operation: Value, path: Value, method: HttpMethod, at: PointerPath, assigned: WeakMap<Mapping, string>): [string | null, boolean] {
  if (operation instanceof Map && assigned.has(operation)) return [assigned.get(operation)!, false];
  if (pyIn('operationId', operation, at)) {
    return [pydanticStr(pyIndex(operation, 'operationId', at), 'operation_id', [...at, 'operationId'], true), true];
  }
  if (typeof path !== 'string') {
    throw new DifyRefusal('not-a-string', `AttributeError: '${pyTypeName(path)}' object has no attribute 'startswith'`, ['paths', path as Key], 'make every path a string', 'a path key is not a string');
  }
  const name = fallbackToolName(path, method);
  // Dify stores the generated name as the operation's operationId.
  if (operation instanceof Map) assigned.set(operation, name);
  return [name, false];
}

/**
 * Dify stores each tool bundle, the operation object included (with its request-body `$ref`s
 * replaced by their targets), through `jsonable_encoder`, i.e. pydantic's
 * `model_dump(mode="json")` (api/core/model_runtime/utils/encoders.py). That fails, and with
 * it creating the provider, on a `!!binary` value that is not UTF-8 text and on a YAML alias
 * that makes the operation contain itself ("Circular reference detected"). Dates, sets and the
 * like are written as text and lists, which is harmless.
 */
function storableOperation(ctx: DerivationContext, operation: Value, at: PointerPath): void {
  // Each container seen: false while it is being walked (open), true once done. One map,
  // so a container costs one lookup and two stores.
  const state = new Map<object, boolean>();
  // The path is kept on one stack and copied only for a refusal.
  const path: Key[] = [...at];
  const refuse = (code: string, pythonError: string, hint: string, explanation: string): never => {
    throw new DifyRefusal(code, pythonError, [...path], hint, explanation);
  };
  const walk = (value: Value): void => {
    if (typeof value !== 'object' || value === null) return;
    if (value instanceof PyBytes && value.decode() === undefined) {
      refuse('binary-not-utf8', "UnicodeDecodeError: 'utf-8' codec can't decode the bytes: invalid utf-8", 'remove the !!binary value from the operation, or give UTF-8 text', 'the operation holds !!binary data that is not UTF-8 text, which Dify cannot store as JSON when it saves the tool');
    }
    if (!(value instanceof Map) && !Array.isArray(value)) return;
    const seen = state.get(value);
    if (seen === true) return;
    if (seen === false) {
      refuse(
        'circular-operation',
        'ValueError: Circular reference detected (id repeated)',
        'replace the YAML alias or request-body `$ref` that points back into its own operation with a copy',
        'the operation contains itself (through a YAML alias, or a request-body `$ref` that Dify resolves in place), which Dify cannot store as JSON when it saves the tool',
      );
    }
    state.set(value, false);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        if (typeof k === 'object') walk(k as Value);
        path.push(k);
        walk(k === 'schema' ? resolvedOr(ctx, value, v) : v);
        path.pop();
      }
    } else {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i]!);
        path.pop();
      }
    }
    state.set(value, true);
  };
  walk(operation);
}

/**
 * Whether storing an operation may fail (`storableOperation`). A document read as JSON holds
 * no `!!binary` data and no alias, and is a tree: an operation can contain itself only
 * through a body schema Dify replaced by its `$ref` target, and an operation's subtree holds
 * no body content but its own (operations never nest: each is a `paths` item's member).
 */
function mayBeUnstorable(document: LoadedDocument, ctx: DerivationContext, operation: Value): boolean {
  if (document.format !== 'json') return true;
  const requestBody = operation instanceof Map ? operation.get('requestBody') : undefined;
  const content = requestBody instanceof Map ? requestBody.get('content') : undefined;
  if (!(content instanceof Map)) return false;
  for (const media of content.values()) if (media instanceof Map && ctx.resolvedBodySchemas.has(media)) return true;
  return false;
}

/** The `$ref` target Dify wrote over `content.schema` when it read the body, else `schema`. */
function resolvedOr(ctx: DerivationContext, content: Mapping, schema: Value): Value {
  const resolved = ctx.resolvedBodySchemas.get(content);
  return resolved !== undefined ? resolved : schema;
}

function concat(server: Value, path: Value, at: PointerPath): string {
  if (typeof server === 'string' && typeof path === 'string') return server + path;
  throw new DifyRefusal(
    'bad-server-url',
    typeof server === 'string' ? `TypeError: can only concatenate str (not "${pyTypeName(path)}") to str` : `TypeError: unsupported operand type(s) for +: '${pyTypeName(server)}' and 'str'`,
    typeof server === 'string' ? at.slice(0, 2) : ['servers', 0, 'url'],
    'make servers[0].url a string URL',
    typeof server === 'string' ? 'a path is not a string' : 'servers[0].url is not a string',
  );
}

function duplicatedNames(parameters: DifyParameter[]): string[] {
  const counts = new Map<string, number>();
  for (const p of parameters) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

/** One warning per tool with duplicated parameter names, saying where the second copy comes from. */
function duplicatedWarning(document: LoadedDocument, tool: string, parameters: DifyParameter[], names: string[]): Diagnostic {
  const second = parameters.filter((p) => p.name === names[0])[1]!;
  const mediaTypes = new Set(parameters.filter((p) => p.in === 'body').map((p) => p.mediaType));
  const why =
    mediaTypes.size > 1
      ? ` (the request body is offered as ${[...mediaTypes].map((m) => quoted(m ?? '')).join(' and ')}, and Dify lists its properties once per media type)`
      : '';
  return warning('duplicated-parameter', `tool ${quoted(tool)} has duplicated parameters: ${names.map((n) => quoted(n)).join(', ')}${why}`, {
    location: document.locate(second.pointer, true),
    dify: `Dify keeps every entry and warns "Parameter ${names[names.length - 1]} is duplicated."; a caller passes one value for each name.`,
    hint: 'the wrapper takes one value per name; rename the parameters in the spec if they mean different things',
  });
}

/** Warnings about the tool list as a whole. */
function toolWarnings(document: LoadedDocument, tools: DifyTool[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (tools.length > MAX_TOOLS_PER_PROVIDER) {
    const location = document.locate(['paths'], true);
    const excerpt = document.excerpt(location);
    out.push(
      warning('too-many-tools', `the document yields ${tools.length} tools, more than the ${MAX_TOOLS_PER_PROVIDER} Dify allows when a provider is created`, {
        location,
        ...(excerpt !== undefined ? { excerpt } : {}),
        dify: `Creating the provider fails with "the number of apis should be less than ${MAX_TOOLS_PER_PROVIDER}"; editing an existing provider saves all ${tools.length} tools.`,
        hint: `cut it into parts Dify accepts with 'dify-toolgen export ${printable(document.file, 200)} --out <folder>', or keep only the operations one plugin needs`,
      }),
    );
  }
  const first = new Map<string, DifyTool>();
  for (const tool of tools) {
    const name = tool.registeredName;
    const earlier = first.get(name);
    if (!earlier) {
      first.set(name, tool);
      if (tool.name !== name) out.push(defaultToolNotice(document, tool));
      if (UNINVOCABLE_METHODS.has(tool.method)) {
        out.push(
          warning('uninvocable-method', `tool ${quoted(name)} uses the method ${tool.method.toUpperCase()}, which Dify cannot invoke`, {
            location: document.locate(tool.pointer, true),
            dify: 'Dify creates the tool, but every call fails with "Invalid http method".',
            hint: 'leave it out of the manifest `tools` list, or remove the operation from the spec',
          }),
        );
      }
      continue;
    }
    out.push(
      warning('duplicate-tool-name', `tool name ${quoted(name)} is used by ${tool.method.toUpperCase()} ${quoted(tool.path)} and by ${earlier.method.toUpperCase()} ${quoted(earlier.path)}`, {
        location: document.locate(tool.pointer, true),
        dify: 'Dify creates both tools under the same name and always invokes the first.',
        hint: 'give the operation a unique operationId',
      }),
    );
  }
  return out;
}

/** An empty or null operationId: Dify registers the tool as `default_tool`. */
function defaultToolNotice(document: LoadedDocument, tool: DifyTool): Diagnostic {
  const what = tool.name === null ? 'null' : 'empty';
  return warning('default-tool-name', `the operationId of ${tool.method.toUpperCase()} ${quoted(tool.path)} is ${what}, so Dify registers the tool as ${quoted(tool.registeredName)}`, {
    location: document.locate([...tool.pointer, 'operationId'], true),
    dify: 'Dify names a tool whose operationId is empty or null "default_tool" when it builds the provider; the wrapper calls that name.',
    hint: 'give the operation a unique, non-empty operationId',
  });
}

/** The diagnostic for a document Dify refuses. */
export function refusalDiagnostic(document: LoadedDocument, refusal: DifyRefusal): Diagnostic {
  const location = document.locate(refusal.at, refusal.atKey);
  return error(refusal.code, refusal.explanation ?? `Dify cannot read the document here (${refusal.pythonError})`, {
    location,
    dify: `Dify refuses this schema: its parser raises ${refusal.pythonError}`,
    hint: refusal.hint,
    ...(document.excerpt(location) !== undefined ? { excerpt: document.excerpt(location)! } : {}),
  });
}
