/**
 * The command line: a thin adapter from arguments to the functions the package exports,
 * callable in-process (`runCli(argv, io)`) so tests need no child processes.
 *
 * Exit codes: 0 success; 1 a problem with the input (a refused spec, a manifest mistake,
 * stale output); 2 a bug in dify-toolgen (with a request to report it).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError, error, type Diagnostic } from './diagnostics/diagnostic.js';
import { diagnosticJson, formatDiagnostic, internalErrorJson, internalErrorText } from './diagnostics/format.js';
import { printable } from './diagnostics/printable.js';
import { listRecord, listSpecs, listTable, safeJson } from './commands/list.js';
import { check, generate, TARGETS, type CheckResult, type GenerateOptions, type GenerateResult, type Target } from './generate.js';
import { init } from './commands/init.js';
import { exportPlan, exportSpec, writeParts } from './commands/export.js';
import { summarizeCounts } from './diagnostics/format.js';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type Limits } from './load/limits.js';
import { closest, editDistance } from './manifest/load-manifest.js';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Stops a long-running command (`generate --watch`); Ctrl-C does the same. */
  signal?: AbortSignal;
}

export const EXIT = { ok: 0, user: 1, bug: 2 } as const;

const LIMIT_OPTIONS = Object.fromEntries(Object.values(LIMIT_FLAGS).map((flag) => [flag.slice(2), { type: 'string' as const }]));

const HELP: Record<string, string> = {
  main: `dify-toolgen: typed Python and TypeScript wrappers for the Dify tools a plugin calls

Usage: dify-toolgen <command> [options]

Commands:
  init              write a starter dify-tools.yaml from the specs, plugins and DSLs found
  generate          write typed wrappers for the providers of dify-tools.yaml
  check             fail when the output folder is not what generate would write
  list <spec>...    the tools Dify creates from OpenAPI specs, with their parameters
  export <spec>     cut a spec into schema files Dify accepts (at most 100 tools each)

Options:
  -v, --version     print the version
  -h, --help        this help

Run 'dify-toolgen <command> --help' for a command's options.`,
  init: `Usage: dify-toolgen init

Writes a starter dify-tools.yaml in the current folder from what the project holds: OpenAPI
documents (api providers), Dify plugin folders and .difypkg files (builtin providers, with
their ids), and exported workflow DSLs (workflow providers). Ids Dify assigns are marked
TODO. Never replaces an existing manifest.

Options:
  -h, --help         this help

Examples:
  dify-toolgen init && dify-toolgen generate`,
  generate: `Usage: dify-toolgen generate [--manifest <file>] [--json] [--strict] [--watch] [--allow-file-refs] [--max-* <n>] [--target <t>]

Reads the provider manifest (dify-tools.yaml, .yml or .json in the current folder, or
--manifest <file>), derives each provider's tools exactly as Dify does, and writes one typed
module per provider, an index and a runtime module into the output folder. Files are written
atomically; a file without the generated header is never overwritten or removed; generated
files of providers that left the manifest are removed. Ends with a one-line summary.

Options:
  --manifest <file>  the manifest to use
  --json             print the summary and diagnostics as one JSON object (not
                     with --watch)
  --strict           treat warnings as errors (exit 1 when there are any)
  --watch            regenerate when the manifest, a spec, a plugin, a DSL or a template
                     changes; a broken input prints its diagnostics and watching goes on;
                     Ctrl-C stops
  --allow-file-refs  follow $refs to files in each spec's folder for typing (as
                     \`fileRefs: true\` on every api provider); never URLs
  --target <t>       write only the typescript or the python output
  --max-bytes <n>, --max-depth <n>, --max-nodes <n>, --max-aliases <n>
                     raise the limits on reading specs (see 'list --help')
  -h, --help         this help

Examples:
  dify-toolgen generate
  dify-toolgen generate --manifest tools/dify-tools.yaml
  dify-toolgen generate --watch`,
  check: `Usage: dify-toolgen check [--manifest <file>] [--json] [--strict] [--allow-file-refs] [--max-* <n>] [--target <t>]

Compares the output folder with what 'generate' would write, for every provider, and exits 1
naming each missing, stale (with a short diff) or extra generated file. Use it in CI to make
sure the committed wrappers match the specs and the manifest.

Options:
  --manifest <file>  the manifest to use
  --json             print the result as one JSON object
  --strict           treat warnings as errors
  --allow-file-refs  follow $refs to files in each spec's folder, as generate does
  --max-bytes <n>, --max-depth <n>, --max-nodes <n>, --max-aliases <n>
                     raise the limits on reading specs (see 'list --help')
  --target <t>       check only the typescript or the python output
  -h, --help         this help

Examples:
  dify-toolgen check
  npx dify-toolgen check || (echo "run dify-toolgen generate" && exit 1)`,
  export: `Usage: dify-toolgen export <spec> --out <folder> [--by tag|path] [--format json|yaml] [--dry-run]
       dify-toolgen export --provider <name> --out <folder> [--manifest <file>]

Dify refuses to create a provider from a spec with more than 100 tools. export writes schema
files Dify accepts, each with at most 100 tools, to paste one by one: the tools grouped by
their operation's first tag (default) or by the path segment after the prefix all paths
share, a group over 100 tools cut into even consecutive parts; or, with --provider, only the
tools an api provider of the manifest selects. Each part keeps the original servers, info
and security, and only the components its operations reach. Each part derives exactly the
tools (names, order, parameters, defaults) the whole spec gives for them.

Options:
  --out <folder>     where to write the parts (<spec>.<nn>-<part>.<json|yaml>); a file
                     export did not write is never overwritten
  --by tag|path      how to group tools (default tag)
  --provider <name>  only the tools of this api provider of the manifest
  --manifest <file>  the manifest to read --provider from
  --format json|yaml the output format (default: the input's)
  --dry-run          print the parts (file, tools, size) and write nothing
  --max-bytes <n>, --max-depth <n>, --max-nodes <n>, --max-aliases <n>
                     raise the limits on reading the spec (see 'list --help')
  -h, --help         this help

Examples:
  dify-toolgen export api.github.com.json --out dify-parts --dry-run
  dify-toolgen export specs/big.yaml --out dify-parts --by path`,
  list: `Usage: dify-toolgen list [--json] [--validate] [--max-* <n>] <spec>...

Prints, for each spec, the tools Dify creates from it: name, method, path and parameters
(Dify's type, required flag, default), and the warnings Dify would give. A spec Dify refuses
is reported with its file, line:column, JSON pointer, and what to change.

Options:
  --json             one JSON object per spec per line (JSON Lines)
  --validate         also check each spec against the OpenAPI schema (warnings: Dify
                     itself never validates); external $refs are not followed
  --max-bytes <n>    largest spec file read, in bytes (default 67108864)
  --max-depth <n>    deepest nesting accepted (default 256)
  --max-nodes <n>    most nodes, counting YAML alias expansions (default 5000000)
  --max-aliases <n>  most YAML alias uses (default 10000)
  -h, --help         this help

Exit status: 0 when Dify accepts every spec, 1 when it refuses any.

Examples:
  dify-toolgen list specs/petstore.yaml
  dify-toolgen list --json specs/*.yaml | jq -r '.tools[].registeredName'`,
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP.main + '\n');
      return command === undefined ? EXIT.user : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${await version()}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case 'list':
        return await runList(rest, io);
      case 'generate':
        return await runGenerate(rest, io);
      case 'init':
        return runInit(rest, io);
      case 'check':
        return runCheck(rest, io);
      case 'export':
        return runExport(rest, io);
      default:
        throw new UserError(error('unknown-command', `unknown command ${JSON.stringify(printable(command, 40))}`, { hint: "run 'dify-toolgen --help' for the commands" }));
    }
  } catch (e) {
    if (e instanceof UserError) {
      if (argv.includes('--json')) io.stdout(safeJson({ ok: false, diagnostics: e.diagnostics.map(diagnosticJson) }) + '\n');
      else io.stderr(e.diagnostics.map(formatDiagnostic).join('\n\n') + '\n');
      return EXIT.user;
    }
    if (argv.includes('--json')) {
      // A JSON reader gets a report too (exit 2 says which kind); stdout may be what failed.
      try {
        io.stdout(safeJson({ ok: false, diagnostics: [internalErrorJson(e)] }) + '\n');
      } catch {
        // The text below still reaches stderr.
      }
    }
    io.stderr(internalErrorText(e, Boolean(process.env.DIFY_TOOLGEN_DEBUG)));
    return EXIT.bug;
  }
}

function parse(args: readonly string[], options: ParseArgsConfig['options'], command: string) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsConfig['options'];
  try {
    return parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(error('bad-arguments', argumentProblem(e as NodeJS.ErrnoException, Object.keys(all)), { hint: usageHint(command) }));
  }
}

/** parseArgs' complaint in one clean sentence, with the nearest known option for an unknown one. */
function argumentProblem(e: NodeJS.ErrnoException, known: readonly string[]): string {
  const option = /'(-[^' ]*)/.exec(e.message)?.[1];
  if (option === undefined) return printable(e.message, 300);
  const shown = JSON.stringify(printable(option, 60));
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const word = option.replace(/^-+/, '').split('=')[0]!;
    const nearest = closest(word, known);
    return `unknown option ${shown}${nearest && editDistance(word, nearest) <= 2 ? ` (did you mean "--${nearest}"?)` : ''}`;
  }
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing/.test(e.message)) return `the option ${shown} needs a value`;
    // `--max-nodes -5`: a value that starts with a dash is read as another option.
    if (/argument is ambiguous/.test(e.message)) return `the option ${shown} needs a value; write one that starts with "-" as ${printable(option, 60)}=<value>`;
    return `the option ${shown} takes no value`;
  }
  return printable(e.message, 300);
}

/** The command's usage line, and where to read more. */
function usageHint(command: string): string {
  const usage = (HELP[command] ?? HELP.main!).split('\n').find((line) => line.startsWith('Usage: '))?.slice('Usage: '.length);
  return `${usage ? `usage: ${usage}; ` : ''}run 'dify-toolgen ${command} --help' for every option`;
}

/** Reads the --max-* flags. */
function limitsFrom(values: Record<string, unknown>): Partial<Limits> {
  const limits: Partial<Limits> = {};
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as Array<[keyof Limits, string]>) {
    const raw = values[flag.slice(2)];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new UserError(error('bad-arguments', `${flag} takes a positive whole number, not ${JSON.stringify(printable(String(raw), 40))}`, { hint: `write a number of ${key === 'maxBytes' ? 'bytes' : key === 'maxDepth' ? 'levels' : key === 'maxNodes' ? 'nodes' : 'aliases'}, e.g. ${flag} ${DEFAULT_LIMITS[key] * 2} (the default is ${DEFAULT_LIMITS[key]})` }));
    }
    limits[key] = n;
  }
  return limits;
}

/**
 * A command module loaded on first use: `list --validate` (swagger-parser) and `generate
 * --watch` (chokidar) need packages every other run would load for nothing (together
 * about 90 ms of CPU and 16 MiB at start-up). A package missing from the install is a
 * user error saying to reinstall, as bin/load-problem.js says for the modules loaded at
 * start. Not found by `import` (ERR_MODULE_NOT_FOUND, the modules tsc writes) or by `require`
 * (MODULE_NOT_FOUND: the bundle, a CommonJS script, requires them; scripts/bundle.mjs).
 */
export async function commandModule<M>(load: () => Promise<M>, dependency: string): Promise<M> {
  try {
    return await load();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    throw new UserError(error('missing-dependency', `dify-toolgen cannot load its dependency '${dependency}' (${code})`, { hint: 'reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again' }));
  }
}

async function runList(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, validate: { type: 'boolean' }, ...LIMIT_OPTIONS }, 'list');
  if (values.help) {
    io.stdout(HELP.list + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UserError(error('bad-arguments', 'list needs at least one spec file', { hint: 'dify-toolgen list specs/petstore.yaml' }));
  const results = listSpecs(positionals, limitsFrom(values), (spec) => resolve(io.cwd, spec));
  if ((values as { validate?: boolean }).validate) {
    for (const result of results) if ('provider' in result) {
      const validateOpenApi = await commandModule(async () => (await import('./commands/validate.js')).loadValidateOpenApi(), '@apidevtools/swagger-parser');
      result.provider.diagnostics.push(...(await validateOpenApi(result.provider.document)));
    }
  }
  if ((values as { json?: boolean }).json) {
    for (const result of results) io.stdout(safeJson(listRecord(result)) + '\n');
  } else {
    io.stdout(results.map(listTable).join('\n\n') + '\n');
  }
  return results.some((r) => 'diagnostics' in r) ? EXIT.user : EXIT.ok;
}

const EXPORT_OPTIONS = {
  out: { type: 'string' },
  by: { type: 'string' },
  provider: { type: 'string' },
  manifest: { type: 'string' },
  format: { type: 'string' },
  'dry-run': { type: 'boolean' },
  ...LIMIT_OPTIONS,
} as const satisfies ParseArgsConfig['options'];

/** A flag that takes one of a few words. */
function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw new UserError(error('bad-arguments', `--${flag} takes ${allowed.join(' or ')}, not ${JSON.stringify(printable(value, 40))}`));
}

function runExport(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(args, EXPORT_OPTIONS, 'export');
  const v = values as { out?: string; by?: string; provider?: string; manifest?: string; format?: string; 'dry-run'?: boolean; help?: boolean } & Record<string, unknown>;
  if (v.help) {
    io.stdout(HELP.export + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UserError(error('bad-arguments', 'export takes one spec file', { hint: 'run export once per spec' }));
  if (v.out === undefined && !v['dry-run']) throw new UserError(error('bad-arguments', 'export needs --out <folder> (or --dry-run)', { hint: 'dify-toolgen export spec.json --out dify-parts' }));
  const by = choice('by', v.by, ['tag', 'path'] as const);
  const format = choice('format', v.format, ['json', 'yaml'] as const);
  const result = exportSpec({
    cwd: io.cwd,
    limits: limitsFrom(v),
    ...(positionals[0] !== undefined ? { spec: positionals[0] } : {}),
    ...(v.provider !== undefined ? { provider: v.provider } : {}),
    ...(v.manifest !== undefined ? { manifest: v.manifest } : {}),
    ...(by ? { by } : {}),
    ...(format ? { format } : {}),
  });
  if (v['dry-run']) {
    io.stdout(exportPlan(result) + '\n');
    return EXIT.ok;
  }
  const files = writeParts(result, resolve(io.cwd, v.out!), v.out!);
  io.stdout(`dify-toolgen: ${result.provider.tools.length} tools of ${result.source} in ${files.length} part${files.length === 1 ? '' : 's'} written to ${v.out}/\n`);
  return EXIT.ok;
}

const PIPELINE_OPTIONS = {
  manifest: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  watch: { type: 'boolean' },
  'allow-file-refs': { type: 'boolean' },
  target: { type: 'string' },
  ...LIMIT_OPTIONS,
} as const satisfies ParseArgsConfig['options'];

function pipelineOptions(args: readonly string[], io: CliIo, command: string): { options: GenerateOptions; json: boolean; strict: boolean; help: boolean; watch: boolean } {
  const { values, positionals } = parse(args, PIPELINE_OPTIONS, command);
  const v = values as { manifest?: string; json?: boolean; strict?: boolean; help?: boolean; watch?: boolean } & Record<string, unknown>;
  if (v.watch && command !== 'generate') throw new UserError(error('bad-arguments', '--watch goes with generate', { hint: 'dify-toolgen generate --watch' }));
  // A watch prints a summary per run for a person; one JSON report needs a run that ends.
  if (v.watch && v.json) throw new UserError(error('bad-arguments', '--json does not go with --watch', { hint: 'drop --json to watch, or run dify-toolgen generate --json once for a JSON report' }));
  if (positionals.length > 0) {
    throw new UserError(error('bad-arguments', `${command} takes no file arguments (got ${JSON.stringify(printable(positionals[0]!, 60))})`, { hint: 'name the manifest with --manifest <file>' }));
  }
  const options: GenerateOptions = { cwd: io.cwd, limits: limitsFrom(v) };
  if (v.manifest !== undefined) options.manifest = v.manifest;
  if (v['allow-file-refs'] === true) options.allowFileRefs = true;
  if (v.strict === true) options.strict = true;
  if (v.target !== undefined) options.target = targetFrom(v.target);
  return { options, json: v.json === true, strict: v.strict === true, help: v.help === true, watch: v.watch === true };
}

/** `--target typescript|python`: only that output. */
function targetFrom(value: unknown): Target {
  if ((TARGETS as readonly unknown[]).includes(value)) return value as Target;
  throw new UserError(error('bad-arguments', `--target takes ${TARGETS.join(' or ')} (got ${JSON.stringify(printable(String(value), 40))})`, { hint: 'dify-toolgen generate --target python' }));
}

/** The output folders of a run, as shown: `generated/` or `generated/ and tools_py/`. */
function foldersOf(result: GenerateResult | CheckResult): string {
  return result.outputs.map((o) => `${o.display}/`).join(' and ') || `${result.manifest.outputDisplay}/`;
}

function toolCount(result: GenerateResult): number {
  return result.plans.reduce((n, p) => n + p.tools.length, 0);
}

function generateSummary(result: GenerateResult): string {
  const tools = toolCount(result);
  const { written, unchanged, removed } = result.report;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  // A run that changed nothing says so plainly, so a fresh clone's `npm run example` reads as done.
  const what =
    written.length === 0 && removed.length === 0
      ? `${files(unchanged.length)} up to date`
      : `${files(written.length)} written (${unchanged.length} unchanged, ${removed.length} removed)`;
  return (
    `dify-toolgen: ${result.plans.length} provider${result.plans.length === 1 ? '' : 's'}, ${tools} tool${tools === 1 ? '' : 's'}, ` +
    `${what} in ${foldersOf(result)}, ` +
    `${summarizeCounts(result.diagnostics)}, ${result.seconds.toFixed(2)} s`
  );
}

function runInit(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(args, {}, 'init');
  if ((values as { help?: boolean }).help) {
    io.stdout(HELP.init + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UserError(error('bad-arguments', 'init takes no arguments', { hint: 'run it in the project folder' }));
  const { found } = init(io.cwd);
  const kinds = (kind: string) => found.filter((f) => f.kind === kind).length;
  // With nothing found there is no id to fill in: the manifest holds a commented example.
  const next = found.length === 0 ? 'no spec, plugin or DSL was found: add your providers (the file shows an example)' : 'fill in the ids marked TODO';
  io.stdout(
    `dify-toolgen: wrote dify-tools.yaml with ${found.length} provider${found.length === 1 ? '' : 's'} ` +
      `(${kinds('api')} api, ${kinds('builtin')} builtin, ${kinds('workflow')} workflow); ${next}, then run 'dify-toolgen generate'\n`,
  );
  return EXIT.ok;
}

function printWarnings(diagnostics: readonly Diagnostic[], io: CliIo): void {
  if (diagnostics.length > 0) io.stderr(diagnostics.map(formatDiagnostic).join('\n\n') + '\n');
}

async function runGenerate(args: readonly string[], io: CliIo): Promise<number> {
  const { options, json, strict, help, watch } = pipelineOptions(args, io, 'generate');
  if (help) {
    io.stdout(HELP.generate + '\n');
    return EXIT.ok;
  }
  if (watch) {
    const watchGenerate = await commandModule(async () => (await import('./commands/watch.js')).loadWatchGenerate(), 'chokidar');
    await watchGenerate(options, io, { summary: generateSummary, ...(io.signal ? { signal: io.signal } : {}) });
    return EXIT.ok;
  }
  const result = generate(options);
  if (json) {
    const { written, unchanged, removed } = result.report;
    io.stdout(safeJson({ providers: result.plans.length, tools: toolCount(result), written, unchanged, removed, output: result.manifest.outputDisplay, outputs: result.outputs.map((o) => ({ target: o.target, folder: o.display })), diagnostics: result.diagnostics.map(diagnosticJson), seconds: Number(result.seconds.toFixed(3)) }) + '\n');
  } else {
    printWarnings(result.diagnostics, io);
    io.stdout(generateSummary(result) + '\n');
  }
  return strict && result.diagnostics.length > 0 ? EXIT.user : EXIT.ok;
}

function runCheck(args: readonly string[], io: CliIo): number {
  const { options, json, strict, help } = pipelineOptions(args, io, 'check');
  if (help) {
    io.stdout(HELP.check + '\n');
    return EXIT.ok;
  }
  const result = check(options);
  const { report } = result;
  const ok = result.problems.length === 0 && !(strict && result.diagnostics.length > 0);
  if (json) {
    io.stdout(
      safeJson({
        ok,
        missing: report.missing,
        stale: report.stale.map((s) => s.name),
        extra: report.extra,
        upToDate: report.upToDate,
        diagnostics: [...result.problems, ...result.diagnostics].map(diagnosticJson),
      }) + '\n',
    );
  } else {
    printWarnings([...result.problems, ...result.diagnostics], io);
    io.stdout(
      ok
        ? `dify-toolgen: ${foldersOf(result)} is up to date (${report.upToDate.length} files)\n`
        : result.problems.length === 0
          ? `dify-toolgen: ${foldersOf(result)} is up to date (${report.upToDate.length} files), but --strict fails on ${summarizeCounts(result.diagnostics)}\n`
          : `dify-toolgen: ${foldersOf(result)} is out of date: ${report.missing.length} missing, ${report.stale.length} stale, ${report.extra.length} extra; run 'dify-toolgen generate'\n`,
    );
  }
  return ok ? EXIT.ok : EXIT.user;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}


