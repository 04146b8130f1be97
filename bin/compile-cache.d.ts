/** How loading the bundle went with the code cache. */
export type CacheOutcome = 'used' | 'partial' | 'rejected' | 'absent' | 'off';
/** Loads the CommonJS bundle `file` with V8's code cache (bin/compile-cache.js). */
export declare function loadBundle(
  file: string,
  env?: Record<string, string | undefined>,
): {
  /** The bundle's exports. */
  exports: Record<string, unknown>;
  /** How the cache went: used, a partial one used, refused by V8 (or a bad checksum), not there yet, or off (no folder to use). */
  cache: CacheOutcome;
  /**
   * Writes the cache once the command is done, `complete` if its run was (a `generate` or
   * `check` that succeeded), when none was used, or a partial one and this run is complete;
   * whether it wrote one.
   */
  saveCache(complete: boolean): boolean;
};
