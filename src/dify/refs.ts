/**
 * Dify's `$ref` lookup (dify-semantics.md §2): split the ref on `/`, drop the first segment,
 * and index the document with each remaining segment as is. No `~0`/`~1`/`%xx` decoding, no
 * files, no URLs: `other.yaml#/Pet` is looked up as the top-level key `Pet`.
 */
import type { PointerPath, Value } from '../load/value.js';
import { quoted } from '../diagnostics/printable.js';
import { DifyRefusal, pyIndex } from './py.js';

export function difyRef(root: Value, ref: Value, at: PointerPath): { value: Value; path: PointerPath } {
  if (typeof ref !== 'string') {
    throw new DifyRefusal('bad-ref', `AttributeError: '${typeof ref}' object has no attribute 'split'`, at, 'make `$ref` a string like #/components/schemas/Name');
  }
  const segments = ref.split('/').slice(1);
  let node = root;
  const path: string[] = [];
  for (const segment of segments) {
    try {
      node = pyIndex(node, segment, path);
    } catch (e) {
      if (!(e instanceof DifyRefusal)) throw e;
      throw new DifyRefusal(
        'unresolvable-ref',
        e.pythonError,
        at,
        'point `$ref` at a component inside this document, with plain segments (Dify decodes no ~1 or %xx and reads no other file)',
        `Dify cannot follow the $ref ${quoted(ref)}: ${e.pythonError}`,
      );
    }
    path.push(segment);
  }
  // Every segment was followed: the path is `segments` (exactly that long; `path` grew room for more).
  return { value: node, path: segments };
}
