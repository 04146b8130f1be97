/**
 * Bounds on what a document may cost to read. Defaults pass every spec in the real-world
 * corpus (the largest, GitHub's, is 13 MB, nests 31 levels and has 1.1 M nodes) with a wide
 * margin, and stop hostile input (deep nesting, YAML alias bombs) long before it hurts.
 */
export interface Limits {
  /** Largest spec file, in bytes. */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences. Python itself gives up near 1,000. */
  maxDepth: number;
  /** Most nodes, counting every expansion of a YAML alias as a copy of its target. */
  maxNodes: number;
  /** Most YAML alias uses. */
  maxAliases: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 256,
  maxNodes: 5_000_000,
  maxAliases: 10_000,
});

/** The command-line flag that raises each limit, named in the error that hits it. */
export const LIMIT_FLAGS: Readonly<Record<keyof Limits, string>> = Object.freeze({
  maxBytes: '--max-bytes',
  maxDepth: '--max-depth',
  maxNodes: '--max-nodes',
  maxAliases: '--max-aliases',
});

export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}
