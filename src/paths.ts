/** Path helpers shared by everything that confines a path to a folder or shows one. */
import { isAbsolute, relative, sep } from 'node:path';

/** True when `path` is `root` itself or lies below it (no `..` step, not on another drive). */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A path with `/` separators, as shown in messages and generated files on every machine. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}
