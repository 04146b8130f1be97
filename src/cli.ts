/**
 * The command line: a thin adapter from arguments to the functions the package exports,
 * callable in-process (`runCli(argv, io)`) so tests need no child processes.
 *
 * Exit codes: 0 success; 1 a problem with the input (a refused spec, a manifest mistake,
 * stale output); 2 a bug in dify-toolgen (with a request to report it).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError, error } from './diagnostics/diagnostic.js';
import { diagnosticJson, formatDiagnostic } from './diagnostics/format.js';
import { printable } from './diagnostics/printable.js';
import { listRecord, listSpecs, listTable, safeJson } from './commands/list.js';
import { LIMIT_FLAGS, type Limits } from './load/limits.js';
import { resolve } from 'node:path';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const EXIT = { ok: 0, user: 1, bug: 2 } as const;

const LIMIT_OPTIONS = Object.fromEntries(Object.values(LIMIT_FLAGS).map((flag) => [flag.slice(2), { type: 'string' as const }]));

const HELP: Record<string, string> = {
  main: `dify-toolgen: typed TypeScript wrappers for the Dify tools a plugin calls

Usage: dify-toolgen <command> [options]

Commands:
  list <spec>...    the tools Dify creates from OpenAPI specs, with their parameters

Run 'dify-toolgen <command> --help' for a command's options.`,
  list: `Usage: dify-toolgen list [--json] <spec>...

Prints, for each spec, the tools Dify creates from it: name, method, path and parameters
(Dify's type, required flag, default), and the warnings Dify would give. A spec Dify refuses
is reported with its file, line:column, JSON pointer, and what to change.

Options:
  --json             one JSON object per spec per line (JSON Lines)
  --max-bytes <n>    largest spec file read, in bytes (default 67108864)
  --max-depth <n>    deepest nesting accepted (default 256)
  --max-nodes <n>    most nodes, counting YAML alias expansions (default 5000000)
  --max-aliases <n>  most YAML alias uses (default 10000)
  -h, --help         this help

Exit status: 0 when Dify accepts every spec, 1 when it refuses any.

Examples:
  dify-toolgen list specs/petstore.yaml
  dify-toolgen list --json specs/*.yaml | jq -r '.tools[].name'`,
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
        return runList(rest, io);
      default:
        throw new UserError(error('unknown-command', `unknown command ${JSON.stringify(printable(command, 40))}`, { hint: "run 'dify-toolgen --help' for the commands" }));
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(e.diagnostics.map(formatDiagnostic).join('\n\n') + '\n');
      return EXIT.user;
    }
    io.stderr(
      `dify-toolgen: internal error: ${printable(e instanceof Error ? e.message : String(e), 500)}\n` +
        'This is a bug in dify-toolgen, not in your input. Please report it with the command you ran and, if you can, the spec.\n' +
        (process.env.DIFY_TOOLGEN_DEBUG ? `${(e as Error).stack ?? ''}\n` : 'Set DIFY_TOOLGEN_DEBUG=1 to see the stack trace.\n'),
    );
    return EXIT.bug;
  }
}

function parse(args: readonly string[], options: ParseArgsConfig['options'], command: string) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UserError(error('bad-arguments', printable((e as Error).message, 300), { hint: `run 'dify-toolgen ${command} --help'` }));
  }
}

/** Reads the --max-* flags. */
function limitsFrom(values: Record<string, unknown>): Partial<Limits> {
  const limits: Partial<Limits> = {};
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as Array<[keyof Limits, string]>) {
    const raw = values[flag.slice(2)];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new UserError(error('bad-arguments', `${flag} takes a positive whole number, not ${JSON.stringify(printable(String(raw), 40))}`));
    }
    limits[key] = n;
  }
  return limits;
}

function runList(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, ...LIMIT_OPTIONS }, 'list');
  if (values.help) {
    io.stdout(HELP.list + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UserError(error('bad-arguments', 'list needs at least one spec file', { hint: 'dify-toolgen list specs/petstore.yaml' }));
  const results = listSpecs(positionals, limitsFrom(values), (spec) => resolve(io.cwd, spec));
  if ((values as { json?: boolean }).json) {
    for (const result of results) io.stdout(safeJson(listRecord(result)) + '\n');
  } else {
    io.stdout(results.map(listTable).join('\n\n') + '\n');
  }
  return results.some((r) => 'diagnostics' in r) ? EXIT.user : EXIT.ok;
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}


