/**
 * What `npm run bench` and `npm run corpus:generate` share: the generators and targets a run
 * measures, the temporary manifest of one run, the size of an output folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Tool = 'dify-toolgen' | 'openapi-typescript' | 'orval';
/** `declarations`: the TypeScript target in its declarations shape (`typescript: {emit: declarations}`). */
export type Target = 'typescript' | 'declarations' | 'python' | 'both';

/** The manifest of a bench run: one api provider `bench`, the outputs `target` asks for. */
export function benchManifest(specFile: string, target: Target): string {
  const lines = ['output: ts'];
  if (target === 'python') lines.push('typescript: false');
  if (target === 'declarations') lines.push('typescript: {emit: declarations}');
  if (target === 'python' || target === 'both') lines.push('python:', '  output: py');
  lines.push('providers:', '  bench:', '    type: api', '    id: 00000000-0000-4000-8000-000000000000', `    spec: ${JSON.stringify(specFile)}`);
  return lines.join('\n') + '\n';
}

/** Total size in bytes of the files under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? folderBytes(path) : stat.size;
  }
  return total;
}
