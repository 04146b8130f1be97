/**
 * Every official tool plugin of ../shared/fixtures/official-plugins (Dify's own plugins; each
 * runs in Dify, so each must generate), read in place: one manifest naming them all, one run
 * of the pipeline, and the output type-checked in one TypeScript program with strict,
 * noUncheckedIndexedAccess and exactOptionalPropertyTypes.
 *
 * The manifest's paths leave the project folder, which `loadManifest` rightly refuses, so the
 * manifest is validated with its zod schema and its providers resolved here; every later
 * stage is the one `buildOutput` runs (loadSource → planSourceProvider → the model → emitFiles).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { emitFiles } from '../../src/emit/files.js';
import type { ResolvedManifest, ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { manifestSchema } from '../../src/manifest/schema.js';
import { sourceProviderModel } from '../../src/model/provider-model.js';
import { planSourceProvider } from '../../src/plan/source-plan.js';
import { parseGoYaml } from '../../src/sources/go-yaml.js';
import { loadSource } from '../../src/sources/load-source.js';
import { Report } from '../../src/sources/report.js';
import { valueAt } from '../../src/sources/yaml-document.js';
import { typeCheck } from '../generated/compile.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const PLUGINS = '../shared/fixtures/official-plugins';
const OUTPUT = join(REPO, 'node_modules', '.cache', 'dify-toolgen', 'official-plugins');

/** A YAML file of a plugin, as the daemon reads it. */
function yamlAt(path: string): unknown {
  const report = new Report();
  const doc = parseGoYaml(path, readFileSync(path, 'utf8'), report);
  expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return doc?.value;
}

/** The provider id Dify gives the plugin in `dir`: manifest author/name, then the provider's identity.name. */
function providerId(dir: string): string {
  const manifest = yamlAt(join(dir, 'manifest.yaml'));
  const providerFile = valueAt(manifest as never, ['plugins', 'tools', 0]);
  const provider = yamlAt(join(dir, String(providerFile)));
  return [valueAt(manifest as never, ['author']), valueAt(manifest as never, ['name']), valueAt(provider as never, ['identity', 'name'])].join('/');
}

/** One manifest (as YAML text) naming every plugin folder, with the module name its folder gives. */
function officialManifest(): string {
  const folders = readdirSync(join(REPO, PLUGINS), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const entries = folders.map((folder) => `  p_${folder.replace(/[^A-Za-z0-9_]/g, '_')}:\n    type: builtin\n    id: ${providerId(join(REPO, PLUGINS, folder))}\n    plugin: ${PLUGINS}/${folder}\n`);
  return `providers:\n${entries.join('')}`;
}

describe('every official tool plugin generates and type-checks', () => {
  it('one manifest, one run, one strict tsc program', async () => {
    const { parse } = await import('yaml');
    const manifest = manifestSchema.parse(parse(officialManifest()));
    const providers: ResolvedProvider[] = Object.entries(manifest.providers).map(([name, entry]) => ({
      name,
      entry,
      sourcePath: resolve(REPO, (entry as { plugin: string }).plugin),
      sourceDisplay: (entry as { plugin: string }).plugin,
      locate: () => ({ file: 'dify-tools.yaml' }),
    }));
    const resolved: ResolvedManifest = { file: join(REPO, 'dify-tools.yaml'), fileDisplay: 'dify-tools.yaml', root: REPO, outputDir: OUTPUT, outputDisplay: 'generated', typescript: true, typescriptEmit: 'source', providers, manifest };

    const diagnostics: Diagnostic[] = [];
    const plans = providers.flatMap((source) => {
      try {
        const provider = loadSource(REPO, source, {});
        const plan = planSourceProvider(source, provider);
        diagnostics.push(...provider.diagnostics, ...plan.diagnostics);
        return [plan];
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        diagnostics.push(...e.diagnostics);
        return [];
      }
    });
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location?.file}:${d.location?.line}: [${d.code}] ${d.message}`);
    expect(errors).toEqual([]);
    expect(plans).toHaveLength(providers.length);
    expect(providers.length).toBe(120);

    const files = emitFiles(resolved, plans.map(sourceProviderModel));
    expect(typeCheck(new Map(files.map((f) => [join(OUTPUT, f.name), f.content])))).toEqual([]);
  });
});
