/** Path helpers shared by everything that confines a path to a folder or shows one, and the package's own folder. */
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder (absolute, no trailing separator): the folder of its
 * package.json, templates/ and schema/, where every run-time lookup of the package's own files
 * starts. It is the parent of the folder of the module running this code, which is
 * `dist/dify-toolgen.cjs` (the bundle users run, which inlines this module and stands its own
 * URL for `import.meta.url`: scripts/bundle.mjs keeps it directly in dist/ for this),
 * `dist/paths.js` (tsc's build) or `src/paths.ts` (the tests): all one level below the root.
 */
export const PACKAGE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** True when `path` is `root` itself or lies below it (no `..` step, not on another drive). */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A path with `/` separators, as shown in messages and generated files on every machine. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
