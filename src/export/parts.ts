/**
 * Which tools go into which part of an export: Dify refuses a provider with more than
 * `MAX_TOOLS_PER_PROVIDER` tools (dify-semantics.md §2), so a big spec is cut into parts
 * a user can paste one by one. A part is a list of the original derivation's tools; its
 * document is built by `part-document.ts`.
 */
import { MAX_TOOLS_PER_PROVIDER, type DifyTool } from '../dify/model.js';
import type { Value } from '../load/value.js';

/** How tools are grouped before oversized groups are cut: by first tag, or by path prefix. */
export type SplitBy = 'tag' | 'path';

export interface ExportPart {
  /** The group's name as the spec spells it (a tag, a path segment), with `-<n>` when cut. */
  name: string;
  /** A file-name-safe form of the name: `[a-z0-9-]`, never empty. */
  slug: string;
  /** The tools of the part, in the original derivation's order. */
  tools: DifyTool[];
}

/** The group of tools nothing else names (no tag; a path with nothing after the common prefix). */
export const UNGROUPED = { tag: 'untagged', path: 'root' } as const;

/**
 * Groups the tools by `by` in order of first appearance, then cuts every group over the
 * limit into consecutive, evenly sized parts (`repos-1`, `repos-2`, …).
 */
export function planParts(root: Value, tools: readonly DifyTool[], by: SplitBy, limit = MAX_TOOLS_PER_PROVIDER): ExportPart[] {
  const keyOf = GROUP_KEYS[by](root, tools);
  const groups = new Map<string, DifyTool[]>();
  for (const tool of tools) {
    const key = keyOf(tool);
    const group = groups.get(key);
    if (group) group.push(tool);
    else groups.set(key, [tool]);
  }
  return [...groups].flatMap(([name, group]) => cutGroup(name, group, limit));
}

/** One part with the named tools, cut like a group when it is over the limit. */
export function selectionParts(name: string, tools: readonly DifyTool[], limit = MAX_TOOLS_PER_PROVIDER): ExportPart[] {
  return cutGroup(name, [...tools], limit);
}

function cutGroup(name: string, tools: DifyTool[], limit: number): ExportPart[] {
  if (tools.length <= limit) return [{ name, slug: fileSlug(name), tools }];
  const count = Math.ceil(tools.length / limit);
  const size = Math.ceil(tools.length / count);
  const parts: ExportPart[] = [];
  for (let i = 0; i < count; i++) {
    const partName = `${name}-${i + 1}`;
    parts.push({ name: partName, slug: fileSlug(partName), tools: tools.slice(i * size, (i + 1) * size) });
  }
  return parts;
}

/** A file-name-safe slug: lower-case ASCII letters, digits and `-`, at most 40 characters. */
export function fileSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'part';
}

type GroupKey = (root: Value, tools: readonly DifyTool[]) => (tool: DifyTool) => string;

const GROUP_KEYS: Record<SplitBy, GroupKey> = {
  tag: (root) => (tool) => firstTag(operationAt(root, tool)) ?? UNGROUPED.tag,
  path: (_root, tools) => {
    const common = commonSegments(tools.map((t) => pathSegments(t.path)));
    return (tool) => pathSegments(tool.path)[common] ?? UNGROUPED.path;
  },
};

/** The operation object of a tool (its pointer is `paths/<path>/<method>`). */
function operationAt(root: Value, tool: DifyTool): Value {
  const paths = root instanceof Map ? root.get('paths') : undefined;
  const item = paths instanceof Map ? paths.get(tool.path) : undefined;
  return item instanceof Map ? (item.get(tool.method) ?? null) : null;
}

/** An operation's first tag, when its `tags` is a list starting with a string. */
function firstTag(operation: Value): string | undefined {
  const tags = operation instanceof Map ? operation.get('tags') : undefined;
  return Array.isArray(tags) && typeof tags[0] === 'string' && tags[0] !== '' ? tags[0] : undefined;
}

function pathSegments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** How many leading segments every path shares (`/api/v1/…` everywhere, `/api/v1` itself included → 2). */
function commonSegments(all: readonly string[][]): number {
  const first = all[0] ?? [];
  let n = 0;
  while (n < first.length && all.every((s) => s.length <= n || s[n] === first[n]) && all.some((s) => s.length > n + 1)) n++;
  return n;
}
