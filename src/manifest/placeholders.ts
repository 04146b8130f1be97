/**
 * Placeholders `dify-toolgen init` leaves in a starter manifest where only Dify knows the
 * value (src/commands/init.ts): the all-zero UUID for api and workflow provider ids,
 * `author/plugin/provider` for a builtin id it could not read from the plugin, and a
 * `# TODO` comment on each value it guessed. Generated code with a placeholder id compiles,
 * but every call fails in Dify, so `generate` and `check` warn at the manifest line
 * (and `--strict` fails).
 */
import { readFileSync } from 'node:fs';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { ResolvedManifest, ResolvedProvider } from './load-manifest.js';

/** The literal placeholder ids init writes. */
export const PLACEHOLDER_IDS: ReadonlySet<string> = new Set(['00000000-0000-0000-0000-000000000000', 'author/plugin/provider']);

/** A trailing YAML comment that still says TODO. */
const TODO_COMMENT = /\s#.*\bTODO\b/;

/** The manifest keys whose values init may leave as placeholders, with what Dify does with a wrong one. */
const PLACEHOLDER_KEYS = {
  id: 'Dify finds no provider with this id, so every call of its tools fails at run time',
  tool: 'Dify finds no workflow tool of this name, so every call fails at run time',
} as const;

/** One warning per placeholder id or TODO-marked value in the manifest, at its line. */
export function placeholderDiagnostics(manifest: ResolvedManifest): Diagnostic[] {
  const lines = readFileSync(manifest.file, 'utf8').split(/\r?\n/);
  return manifest.providers.flatMap((provider) =>
    (Object.keys(PLACEHOLDER_KEYS) as Array<keyof typeof PLACEHOLDER_KEYS>).flatMap((key) => {
      const value = valueOf(provider, key);
      if (value === undefined) return [];
      const location = provider.locate([key]);
      const line = location.line === undefined ? '' : (lines[location.line - 1] ?? '');
      const literal = PLACEHOLDER_IDS.has(value);
      if (!literal && !TODO_COMMENT.test(line)) return [];
      const what = literal ? `is the placeholder ${quoted(value)} that 'dify-toolgen init' writes` : `(${quoted(value)}) is still marked TODO`;
      return [
        warning('manifest-placeholder', `the ${key} of provider ${quoted(provider.name)} ${what}`, {
          location,
          excerpt: line,
          dify: PLACEHOLDER_KEYS[key],
          hint: key === 'id' ? idHint(provider) : 'write the name the workflow was published under in Dify, and remove the TODO comment',
        }),
      ];
    }),
  );
}

function valueOf(provider: ResolvedProvider, key: keyof typeof PLACEHOLDER_KEYS): string | undefined {
  if (key === 'id') return provider.entry.id;
  return provider.entry.type === 'workflow' ? provider.entry.tool : undefined;
}

function idHint(provider: ResolvedProvider): string {
  const where = {
    api: "the API tool provider's id, shown in Dify's Tools page",
    builtin: "<plugin author>/<plugin name>/<provider name>, as in the plugin's manifest.yaml and provider YAML",
    workflow: "the workflow tool provider's id, shown in Dify's Tools page",
  }[provider.entry.type];
  return `write ${where}, and remove the TODO comment`;
}
