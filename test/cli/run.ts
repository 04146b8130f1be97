/** Runs the CLI in-process in a folder and captures what it prints. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr: stderr.split(cwd).join('<root>') };
}

export const REPO = resolve(import.meta.dirname, '..', '..');

/** Makes `dir` a plugin project: a package.json listing zod, as the generated modules need. */
export function withPackageJson(dir: string): string {
  writeFileSync(join(dir, 'package.json'), '{"name": "plugin", "private": true, "type": "module", "dependencies": {"zod": "^4.0.0"}}\n');
  return dir;
}

/** A fresh project folder (with a package.json listing zod) with the bundled example specs and the given manifest. */
export function project(manifest: string): string {
  const dir = withPackageJson(mkdtempSync(join(tmpdir(), 'dify-toolgen-')));
  cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
  writeFileSync(join(dir, 'dify-tools.yaml'), manifest);
  return dir;
}

export const EXAMPLE_MANIFEST = `output: generated
providers:
  petstore:
    type: api
    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10
    spec: specs/petstore.yaml
  weather:
    type: api
    id: 0d3b7c52-8e4f-4a61-b2c9-5f7e1a9d3c48
    spec: specs/weather.json
`;

/** Waits until `condition()` holds, checking every 50 ms; throws naming `what` after `ms` (a watcher's run that never came). */
export async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
