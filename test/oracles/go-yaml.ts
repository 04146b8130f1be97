/**
 * The go-yaml oracle for tests: builds test/oracles/go-yaml (gopkg.in/yaml.v3 v3.0.1, the
 * Dify plugin daemon's pin, fixed by go.sum) once into node_modules/.cache, and decodes a
 * whole table of YAML cases in one Go process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = join(import.meta.dirname, 'go-yaml');
const BINARY = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'dify-toolgen', 'go-yaml-oracle');

/** How go-yaml decodes one case: into map[string]any, or into a struct typed like the daemon's ToolParameter. */
export interface OracleCase {
  yaml: string;
  as: 'document' | 'parameter';
}

/** What go-yaml gave: the value (non-finite floats as `{$float}`) or its error message. */
export type OracleResult = { value: unknown } | { error: string };

/** Builds the oracle (go's build cache makes a rebuild instant); throws when Go is missing. */
export function buildGoYamlOracle(): string {
  mkdirSync(join(BINARY, '..'), { recursive: true });
  execFileSync('go', ['build', '-o', BINARY, '.'], { cwd: SOURCE, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, GOFLAGS: '-mod=readonly -buildvcs=false' } });
  return BINARY;
}

/** Decodes every case with go-yaml, in one process. */
export function goYamlDecode(binary: string, cases: readonly OracleCase[]): OracleResult[] {
  const out = execFileSync(binary, { input: JSON.stringify(cases), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString('utf8')) as OracleResult[];
}
