/** How loading the bundle went with the code cache. */
export type CacheOutcome = 'used' | 'rejected' | 'absent' | 'off';
/** Loads the CommonJS bundle `file` with V8's code cache (bin/compile-cache.js). */
export declare function loadBundle(
  file: string,
  env?: Record<string, string | undefined>,
): {
  /** The bundle's exports. */
  exports: Record<string, unknown>;
  /** How the cache went: used, refused by V8, not there yet, or off (no folder to use). */
  cache: CacheOutcome;
  /** Writes the cache once the command is done, unless it was used; whether it wrote one. */
  saveCache(): boolean;
};
