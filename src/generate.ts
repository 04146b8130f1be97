/**
 * The pipeline, stage by stage: load the manifest → derive each provider's tools as Dify
 * does → plan them → emit the files of each target (TypeScript, Python) → write (or check)
 * each target's output folder.
 */
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { error, hasErrors, UserError, type Diagnostic } from './diagnostics/diagnostic.js';
import { deriveProvider } from './dify/tools.js';
import { emitFiles } from './emit/files.js';
import { emitPythonPackage } from './emit/python/package.js';
import { builtinTemplates, templatesWithOverrides } from './emit/templates.js';
import { withBoundedHeapGrowth } from './heap-growth.js';
import { RefResolver } from './load/external-refs.js';
import type { Limits } from './load/limits.js';
import { readSpecFile, releaseText } from './load/read-document.js';
import { findManifest, loadManifest, toPosix, type ResolvedManifest } from './manifest/load-manifest.js';
import { placeholderDiagnostics } from './manifest/placeholders.js';
import { apiProviderModel, sourceProviderModel } from './model/provider-model.js';
import type { ProviderModel } from './model/tool-model.js';
import { planProvider, pythonFunctionNameProblems, selectedToolDiagnostics, type ProviderPlan } from './plan/provider-plan.js';
import { planSourceProvider, type SourcePlan } from './plan/source-plan.js';
import { loadSource } from './sources/load-source.js';
import { withoutTurbofanWhenCold } from './turbofan.js';
import { checkDiagnostics, checkOutput, type CheckReport } from './write/check.js';
import { stageOutput, type OutputFile, type OutputLanguage, type StagedOutput, type WriteReport } from './write/write-output.js';
import { moduleTypeDiagnostics, zodDependencyDiagnostics } from './write/zod-dependency.js';

export interface GenerateOptions {
  /** The folder to look for the manifest in, and to resolve `manifest` against. */
  cwd: string;
  /** The manifest file; default: dify-tools.yaml (or .yml, .json) in `cwd`. */
  manifest?: string;
  /** Limits on reading specs; override the manifest's `limits`. */
  limits?: Partial<Limits>;
  /** Follow `$ref`s to files in each spec's folder, as `fileRefs: true` on every api provider (default false). */
  allowFileRefs?: boolean;
  /** Treat warnings as errors: with any, `generate` writes nothing and throws them (default false). */
  strict?: boolean;
  /** Only this output (`--target`); default: every output the manifest asks for. */
  target?: Target;
}

/** The outputs a manifest can ask for. */
export const TARGETS = ['typescript', 'python'] as const;
export type Target = (typeof TARGETS)[number];

/** A provider's plan: an API provider's, or a plugin's or workflow's. */
export type ModulePlan = ProviderPlan | SourcePlan;

/** One target's output folder and the files it should hold. */
export interface TargetOutput {
  target: Target;
  language: OutputLanguage;
  /** Absolute folder, and as shown to users. */
  dir: string;
  display: string;
  files: OutputFile[];
}

export interface GeneratedOutput {
  manifest: ResolvedManifest;
  plans: ModulePlan[];
  /** Every target's folder and files, TypeScript first. */
  outputs: TargetOutput[];
  /** The TypeScript files (none when that output is off). */
  files: OutputFile[];
  /** Warnings (errors are thrown as `UserError`). */
  diagnostics: Diagnostic[];
}

/** Everything `generate` would write, without writing it. */
export function buildOutput(options: GenerateOptions): GeneratedOutput {
  // A first run is short and cold: V8's optimizing compiler only where it repays (src/turbofan.ts);
  // the heap's limit stays within twice what survives a collection, also over many runs (src/heap-growth.ts).
  return withoutTurbofanWhenCold(() => withBoundedHeapGrowth(() => builtOutput(options)));
}

function builtOutput(options: GenerateOptions): GeneratedOutput {
  const manifestFile = findManifest(options.cwd, options.manifest);
  const manifest = loadManifest(manifestFile, toPosix(relative(options.cwd, manifestFile)) || manifestFile);
  const { plans, diagnostics } = planProviders(manifest, options);
  const models = plans.map(providerModel);
  diagnostics.push(...models.flatMap((m) => m.diagnostics));
  // Every location is made: the emitters need the specs' values, not their texts.
  for (const plan of plans) if (plan.kind === 'api') releaseText(plan.refs.main);
  const outputs = targetsOf(manifest, options.target).map((target) => EMITTERS[target]({ manifest, models }));
  return { manifest, plans, outputs, files: outputs.find((o) => o.target === 'typescript')?.files ?? [], diagnostics };
}

/** Derives and plans every provider of the manifest; all problems of all providers at once. */
function planProviders(manifest: ResolvedManifest, options: GenerateOptions): { plans: ModulePlan[]; diagnostics: Diagnostic[] } {
  const limits = { ...manifest.manifest.limits, ...options.limits };
  // The project holding the TypeScript output must list zod (imported at run time) and, for the
  // declarations shape, be ESM; the Python output needs only dify_plugin.
  const project = manifest.typescript
    ? [...zodDependencyDiagnostics(manifest.outputDir, manifest.root), ...(manifest.typescriptEmit === 'declarations' ? moduleTypeDiagnostics(manifest.outputDir, manifest.root) : [])]
    : [];
  const diagnostics: Diagnostic[] = [...placeholderDiagnostics(manifest), ...project];
  const plans: ModulePlan[] = [];
  for (const source of manifest.providers) {
    try {
      let plan: ModulePlan;
      if (source.entry.type === 'api') {
        const document = readSpecFile(source.sourcePath!, limits, source.sourceDisplay);
        const provider = deriveProvider(document);
        // Files beside the spec are read for typing only, and only when asked for.
        const fileRefs = options.allowFileRefs === true || source.entry.fileRefs === true;
        const refs = new RefResolver(document, fileRefs ? { specFile: source.sourcePath!, specDisplay: source.sourceDisplay, limits } : undefined);
        const apiPlan = planProvider(source, provider, refs);
        diagnostics.push(...selectedToolDiagnostics(provider, apiPlan));
        plan = apiPlan;
      } else {
        const provider = loadSource(manifest.root, source, limits);
        diagnostics.push(...provider.diagnostics);
        plan = planSourceProvider(source, provider);
      }
      diagnostics.push(...plan.diagnostics);
      if (manifest.python) diagnostics.push(...pythonFunctionNameProblems(source));
      plans.push(plan);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      diagnostics.push(...e.diagnostics);
    }
  }
  if (hasErrors(diagnostics)) throw new UserError(diagnostics);
  return { plans, diagnostics };
}

/** The targets a run writes: those the manifest asks for, or the one `--target` names. */
function targetsOf(manifest: ResolvedManifest, only: Target | undefined): Target[] {
  const wanted: Target[] = [...(manifest.typescript ? (['typescript'] as const) : []), ...(manifest.python ? (['python'] as const) : [])];
  if (only === undefined) return wanted;
  if (!wanted.includes(only)) {
    const key = only === 'python' ? 'a `python: {output: <folder>}` key' : '`typescript: false` removed';
    throw new UserError(error('target-not-configured', `--target ${only}: the manifest asks for no ${only} output`, { location: { file: manifest.fileDisplay }, hint: `add ${key} to the manifest, or drop --target` }));
  }
  return [only];
}

/** The model every emitter reads: one per plan, whatever the provider kind. */
export function providerModel(plan: ModulePlan): ProviderModel {
  return plan.kind === 'api' ? apiProviderModel(plan) : sourceProviderModel(plan);
}

/** What every target's emitter gets: the manifest and the models (one per plan). */
interface EmitInput {
  manifest: ResolvedManifest;
  models: readonly ProviderModel[];
}

type Emitter = (input: EmitInput) => TargetOutput;

const EMITTERS: Record<Target, Emitter> = {
  typescript({ manifest, models }) {
    const templates = manifest.templates ? templatesWithOverrides(manifest.templates.path, manifest.templates.display) : builtinTemplates();
    const files = emitFiles(manifest, models, templates);
    return { target: 'typescript', language: 'typescript', dir: manifest.outputDir, display: manifest.outputDisplay, files };
  },
  python({ manifest, models }) {
    const files = emitPythonPackage(models, manifest.fileDisplay);
    return { target: 'python', language: 'python', dir: manifest.python!.outputDir, display: manifest.python!.outputDisplay, files };
  },
};

export interface GenerateResult extends GeneratedOutput {
  report: WriteReport;
  seconds: number;
}

/** Generates every output folder from the manifest. */
export function generate(options: GenerateOptions): GenerateResult {
  const started = performance.now();
  const output = buildOutput(options);
  if (options.strict === true && output.diagnostics.length > 0) throw new UserError([...output.diagnostics, strictFailure(output.diagnostics)]);
  const staged: StagedOutput[] = [];
  try {
    for (const o of output.outputs) staged.push(stageOutput(output.manifest.root, o.dir, o.files, o.language));
  } catch (e) {
    staged.forEach((s) => s.discard());
    throw e;
  }
  const reports = staged.map((s) => s.commit());
  return { ...output, report: mergeReports(output.outputs, reports), seconds: (performance.now() - started) / 1000 };
}

/** One report for every folder: file names of any folder but the first carry the folder. */
function mergeReports<R extends { [K in keyof R]: Array<string | { name: string }> }>(outputs: readonly TargetOutput[], reports: readonly R[]): R {
  const merged: Record<string, unknown[]> = {};
  reports.forEach((report, i) => {
    const prefix = i === 0 ? '' : `${outputs[i]!.display}/`;
    for (const [key, items] of Object.entries(report) as Array<[string, Array<string | { name: string }>]>) {
      merged[key] ??= [];
      merged[key].push(...items.map((item) => (typeof item === 'string' ? prefix + item : { ...item, name: prefix + item.name })));
    }
  });
  return merged as R;
}

/** The error that ends a --strict run with warnings, written after them. */
function strictFailure(warnings: readonly Diagnostic[]): Diagnostic {
  return error('strict-warnings', `--strict treats the ${warnings.length === 1 ? 'warning above as an error' : `${warnings.length} warnings above as errors`}: nothing was written`, { hint: 'resolve the warnings, or run without --strict' });
}

export interface CheckResult extends GeneratedOutput {
  report: CheckReport;
  /** One error per missing, stale or extra file. */
  problems: Diagnostic[];
}

/** Compares every output folder with what `generate` would write. */
export function check(options: GenerateOptions): CheckResult {
  const output = buildOutput(options);
  const reports = output.outputs.map((o) => checkOutput(o.dir, o.files, o.language, o.display));
  const problems = reports.flatMap((report, i) => checkDiagnostics(output.outputs[i]!.dir, output.outputs[i]!.display, report, output.outputs[i]!.language));
  return { ...output, report: mergeReports(output.outputs, reports), problems };
}
