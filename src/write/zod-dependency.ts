/**
 * Generated modules import `zod` at run time (through `zod/v4-mini`), so the project that
 * holds the output folder must list zod in `dependencies`: in `devDependencies` it is left
 * out by `npm ci --omit=dev` and by bundlers that externalise production dependencies, and
 * the plugin then fails on its first import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { toPosix } from '../paths.js';

/** The package.json nearest to `folder`, looking in it and then in each parent folder. */
export function nearestPackageJson(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A package.json read: its path, text and parsed value; undefined when absent or not a JSON object. */
function readPackageJson(file: string | undefined): { file: string; text: string; pkg: Record<string, unknown> } | undefined {
  if (file === undefined) return undefined;
  try {
    const text = readFileSync(file, 'utf8');
    const pkg = JSON.parse(text) as unknown;
    return typeof pkg === 'object' && pkg !== null ? { file, text, pkg: pkg as Record<string, unknown> } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A warning, located at the package.json of the project holding `outputDir`, when that file
 * lists zod neither in `dependencies` nor in `peerDependencies`, or when there is no
 * package.json in that folder or above it (the plugin then has nowhere to list zod); none
 * when the package.json cannot be read as JSON.
 * `root` is the folder paths are shown relative to (the manifest's).
 */
export function zodDependencyDiagnostics(outputDir: string, root: string): Diagnostic[] {
  const nearest = nearestPackageJson(outputDir);
  if (nearest === undefined) {
    return [
      warning('zod-not-a-dependency', 'the generated modules import zod at run time, but there is no package.json in the output folder or above it to list zod in', {
        hint: "create the plugin's package.json with zod in \"dependencies\" (npm init -y && npm install zod; zod 3.25 or 4)",
      }),
    ];
  }
  const read = readPackageJson(nearest);
  if (read === undefined) return [];
  const { file, text } = read;
  const pkg = read.pkg as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown>; peerDependencies?: Record<string, unknown> };
  // A library that ships generated modules may take zod as a peer: its users' installs keep it.
  if (Object.hasOwn(pkg.dependencies ?? {}, 'zod') || Object.hasOwn(pkg.peerDependencies ?? {}, 'zod')) return [];
  const dev = Object.hasOwn(pkg.devDependencies ?? {}, 'zod');
  const lines = text.split('\n');
  const key = dev ? /"zod"\s*:/ : /"dependencies"\s*:/;
  const lineIndex = lines.findIndex((line) => key.test(line));
  const column = lineIndex >= 0 ? lines[lineIndex]!.search(key) + 1 : 0;
  const folder = toPosix(relative(root, dirname(file))) || '.';
  return [
    warning('zod-not-a-dependency', `the generated modules import zod at run time, but ${dev ? 'zod is only in "devDependencies" of' : 'zod is not in "dependencies" of'} this package.json`, {
      location: { file: toPosix(relative(root, file)) || 'package.json', ...(lineIndex >= 0 ? { line: lineIndex + 1, column } : {}) },
      ...(lineIndex >= 0 ? { excerpt: lines[lineIndex]!.replace(/\r$/, '') } : {}),
      hint: `run 'npm install ${dev ? '--save-prod ' : ''}zod' in ${folder === '.' ? 'the project folder' : folder} (zod 3.25 or 4) so that a production install keeps it`,
    }),
  ];
}

/**
 * The declarations shape's `.js` files are ES modules; node reads a `.js` file as one only
 * when the nearest package.json says `"type": "module"` (Node's module resolution: "Determining
 * module system"). A warning, located at that package.json's `type` (or its first line), when
 * it does not; none without a package.json (node's default is CommonJS, but the zod warning
 * already asks for one) or when it cannot be read.
 */
export function moduleTypeDiagnostics(outputDir: string, root: string): Diagnostic[] {
  const read = readPackageJson(nearestPackageJson(outputDir));
  if (read === undefined || read.pkg['type'] === 'module') return [];
  const { file, text, pkg } = read;
  const lines = text.split('\n');
  const lineIndex = Math.max(0, lines.findIndex((line) => /"type"\s*:/.test(line)));
  const column = Math.max(1, lines[lineIndex]!.search(/"type"\s*:/) + 1);
  return [
    warning('declarations-not-esm', `the declarations shape writes ES modules (.js), but node reads .js files under this package.json as CommonJS (${pkg.type === undefined ? 'it has no "type"' : `"type": ${JSON.stringify(pkg.type)}`})`, {
      location: { file: toPosix(relative(root, file)) || 'package.json', line: lineIndex + 1, column },
      excerpt: lines[lineIndex]!.replace(/\r$/, ''),
      hint: 'set "type": "module" in this package.json, or emit source (.ts modules, which your TypeScript build compiles as it compiles the rest)',
    }),
  ];
}
