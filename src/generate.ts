/**
 * The pipeline, stage by stage: load the manifest → derive each provider's tools as Dify
 * does → plan identifiers → emit files → write (or check) the output folder.
 */
import { performance } from 'node:perf_hooks';
import { error, hasErrors, UserError, type Diagnostic } from './diagnostics/diagnostic.js';
import { deriveProvider } from './dify/tools.js';
import { emitFiles } from './emit/files.js';
import { builtinTemplates, templatesWithOverrides } from './emit/templates.js';
import { RefResolver } from './load/external-refs.js';
import type { Limits } from './load/limits.js';
import { readSpecFile } from './load/read-document.js';
import { findManifest, loadManifest, toPosix, type ResolvedManifest } from './manifest/load-manifest.js';
import { placeholderDiagnostics } from './manifest/placeholders.js';
import { relative } from 'node:path';
import { planProvider, selectedToolDiagnostics } from './plan/provider-plan.js';
import { planSourceProvider } from './plan/source-plan.js';
import type { ModulePlan } from './emit/files.js';
import { loadSource } from './sources/load-source.js';
import { checkDiagnostics, checkOutput, type CheckReport } from './write/check.js';
import { writeOutput, type OutputFile, type WriteReport } from './write/write-output.js';
import { zodDependencyDiagnostics } from './write/zod-dependency.js';

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
}

export interface GeneratedOutput {
  manifest: ResolvedManifest;
  plans: ModulePlan[];
  files: OutputFile[];
  /** Warnings (errors are thrown as `UserError`). */
  diagnostics: Diagnostic[];
}

/** Everything `generate` would write, without writing it. */
export function buildOutput(options: GenerateOptions): GeneratedOutput {
  const manifestFile = findManifest(options.cwd, options.manifest);
  const manifest = loadManifest(manifestFile, toPosix(relative(options.cwd, manifestFile)) || manifestFile);
  const limits = { ...manifest.manifest.limits, ...options.limits };
  const diagnostics: Diagnostic[] = [...placeholderDiagnostics(manifest), ...zodDependencyDiagnostics(manifest.outputDir, manifest.root)];
  const plans: ModulePlan[] = [];
  for (const source of manifest.providers) {
    try {
      let plan: ModulePlan;
      if (source.entry.type === 'api') {
        const document = readSpecFile(source.sourcePath!, limits, source.sourceDisplay);
        const provider = deriveProvider(document);
        diagnostics.push(...selectedToolDiagnostics(provider, source.entry.tools));
        // Files beside the spec are read for typing only, and only when asked for.
        const fileRefs = options.allowFileRefs === true || source.entry.fileRefs === true;
        const refs = new RefResolver(document, fileRefs ? { specFile: source.sourcePath!, specDisplay: source.sourceDisplay, limits } : undefined);
        plan = planProvider(source, provider, refs);
      } else {
        const provider = loadSource(manifest.root, source, limits);
        diagnostics.push(...provider.diagnostics);
        plan = planSourceProvider(source, provider);
      }
      diagnostics.push(...plan.diagnostics);
      plans.push(plan);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      diagnostics.push(...e.diagnostics);
    }
  }
  if (hasErrors(diagnostics)) throw new UserError(diagnostics);
  const templates = manifest.templates ? templatesWithOverrides(manifest.templates.path, manifest.templates.display) : builtinTemplates();
  const files = emitFiles(manifest, plans, diagnostics, templates);
  return { manifest, plans, files, diagnostics };
}

export interface GenerateResult extends GeneratedOutput {
  report: WriteReport;
  seconds: number;
}

/** Generates the output folder from the manifest. */
export function generate(options: GenerateOptions): GenerateResult {
  const started = performance.now();
  const output = buildOutput(options);
  if (options.strict === true && output.diagnostics.length > 0) throw new UserError([...output.diagnostics, strictFailure(output.diagnostics)]);
  const report = writeOutput(output.manifest.root, output.manifest.outputDir, output.files);
  return { ...output, report, seconds: (performance.now() - started) / 1000 };
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

/** Compares the output folder with what `generate` would write. */
export function check(options: GenerateOptions): CheckResult {
  const output = buildOutput(options);
  const report = checkOutput(output.manifest.outputDir, output.files);
  return { ...output, report, problems: checkDiagnostics(output.manifest.outputDisplay, report) };
}
