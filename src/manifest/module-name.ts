/**
 * The one rule for module names: a provider's key in the manifest becomes the file
 * `<output>/<name>.ts` and the binding `index.ts` re-exports it under. `loadManifest` checks
 * it and `init` derives names that pass it, so a starter manifest always validates.
 */
import { quoted } from '../diagnostics/printable.js';
import { SUPPORT_MODULES, supportSource } from '../emit/templates.js';
import { isReserved, toIdentifier } from '../plan/identifiers.js';
import { MODULE_NAME } from './schema.js';

/** What a module name may look like, said to the user. */
export const MODULE_NAME_RULE = 'a letter, then letters, digits or _ (at most 64 characters)';

/** Files the generator writes itself, lower-cased: no provider may take them, in any case (file systems may ignore case). */
export function supportModuleNames(): Set<string> {
  return new Set(['index', ...SUPPORT_MODULES.map((file) => file.replace(/\.ts$/, '').toLowerCase())]);
}

let runtimeExports: Set<string> | undefined;

/**
 * The names `index.ts` re-exports from the runtime (`export * from "./runtime.js"`), read from
 * the runtime's own source so the list cannot drift. A provider module re-exported under one
 * of them (`export * as configure`) would silently shadow the runtime's export.
 */
export function runtimeExportNames(): Set<string> {
  if (runtimeExports) return runtimeExports;
  const source = supportSource('runtime.ts');
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|interface|type|const|let|var|enum)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of source.matchAll(/^export\s+(?:type\s+)?\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) names.add(name);
    }
  }
  runtimeExports = names;
  return names;
}

/** Why `name` cannot be a module name (one sentence, with what is allowed), or undefined when it can. */
export function moduleNameProblem(name: string): string | undefined {
  if (!MODULE_NAME.test(name)) return `the provider name ${quoted(name)} cannot be a module name: a module name is ${MODULE_NAME_RULE}`;
  if (supportModuleNames().has(name.toLowerCase())) {
    return `the provider name ${quoted(name)} is taken by a file dify-toolgen writes itself (${[...supportModuleNames()].join(', ')}, in any case)`;
  }
  if (isReserved(name)) return `the provider name ${quoted(name)} is a JavaScript or TypeScript reserved word, or a name the generated modules use`;
  if (runtimeExportNames().has(name)) return `the provider name ${quoted(name)} is exported by the runtime, which index.ts re-exports: the provider's namespace would shadow it`;
  return undefined;
}

/**
 * A module name for an input file's stem that passes `moduleNameProblem`: the one sanitiser's
 * camel-case identifier, `p` in front when it does not start with a letter (`2fa` → `p2fa`),
 * cut to 64 characters, and `_` after a taken name (`index` → `index_`).
 */
export function toModuleName(stem: string): string {
  let name = toIdentifier(stem, 'camel').replace(/^_+/, '').replace(/_+$/, '');
  if (!/^[A-Za-z]/.test(name)) name = `p${name}`;
  name = name.slice(0, 63);
  return moduleNameProblem(name) === undefined ? name : `${name}_`;
}
