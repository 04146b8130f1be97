/**
 * Dify's tool name for an operation without `operationId` (dify-semantics.md §4): the path
 * without one leading `/`, with every character outside `[a-zA-Z0-9_-]` deleted (`<root>`
 * when nothing is left), then `_` and the method. `/users/{user-id}/items.json` POST →
 * `usersuser-iditemsjson_post`; `/` GET → `<root>_get`.
 */
export const ROOT_PLACEHOLDER = '<root>';

export function fallbackToolName(path: string, method: string): string {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const kept = trimmed.replace(/[^a-zA-Z0-9_-]/g, '');
  return `${kept || ROOT_PLACEHOLDER}_${method}`;
}

/** The name Dify registers a tool under when the operation's `operationId` is empty or null. */
export const DEFAULT_TOOL_NAME = 'default_tool';

/**
 * The name a tool is invoked by: the parser's name, except that an empty or null
 * `operationId` becomes `default_tool`. Dify stores each tool bundle as JSON when the provider
 * is created (api/services/tools/api_tools_manage_service.py, `create_api_tool_provider`),
 * and the provider controller builds each tool from a stored bundle with
 * `name=tool_bundle.operation_id or "default_tool"` (api/core/tools/custom_tool/provider.py,
 * `ApiToolProviderController._parse_tool_bundle`); `get_tool` then finds the first tool of
 * that name.
 */
export function registeredToolName(parserName: string | null): string {
  return parserName || DEFAULT_TOOL_NAME;
}
