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
