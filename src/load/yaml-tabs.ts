/**
 * Where PyYAML refuses a tab. Its scanner skips only spaces between tokens
 * (`Scanner.scan_to_next_token` and `scan_plain_spaces` in PyYAML's `scanner.py`), so a tab
 * anywhere outside a quoted scalar, a comment or the content of a block scalar ends the token
 * before it and then "cannot start any token": `a:\tb`, `a: b\tc`, a trailing tab, a tab in a
 * flow collection or a blank line holding a tab all make `safe_load` raise, and Dify refuses
 * the document. The `yaml` package (YAML 1.2) reads all of those, so this check runs first.
 */
import { CST, Lexer } from 'yaml';

/** PyYAML's words for the refusal (`ScannerError`, "while scanning for the next token"). */
export const TAB_MESSAGE = "found character '\\t' that cannot start any token";

/**
 * The offset (UTF-16 code units) of the first tab PyYAML refuses in `text`, or undefined when
 * every tab sits inside a quoted scalar, a comment or a block scalar's content.
 */
export function refusedTabOffset(text: string): number | undefined {
  if (!text.includes('\t')) return undefined;
  let offset = 0;
  // After a block scalar header, the next scalar token is the block's content.
  let blockHeader: string | undefined;
  let blockContent = false;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    const start = offset;
    // The lexer's control tokens (document start, scalar start, flow end) are not source text.
    if (type !== 'doc-mode' && type !== 'scalar' && type !== 'flow-error-end') offset += token.length;
    if (type === 'block-scalar-header') {
      blockHeader = token;
      continue;
    }
    if (blockHeader !== undefined && type === 'scalar') {
      blockContent = true;
      continue;
    }
    if (blockContent) {
      const at = refusedTabInBlock(token, blockHeader!);
      blockHeader = undefined;
      blockContent = false;
      if (at !== undefined) return start + at;
      continue;
    }
    if (type === 'newline' && blockHeader !== undefined) continue;
    blockHeader = undefined;
    if (type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'comment') continue;
    const at = token.indexOf('\t');
    if (at >= 0) return start + at;
  }
  return undefined;
}

/**
 * In a block scalar's content a tab is text, except in a line's indentation: PyYAML ends the
 * block at a line whose indentation (spaces only) is shorter than the block's, and the tab
 * then starts no token (`scan_block_scalar_indentation` / `scan_block_scalar_breaks`).
 */
function refusedTabInBlock(content: string, header: string): number | undefined {
  const explicit = /[1-9]/.exec(header);
  let indent = explicit ? Number(explicit[0]) : undefined;
  let lineStart = 0;
  while (lineStart < content.length) {
    const end = content.indexOf('\n', lineStart);
    const line = content.slice(lineStart, end < 0 ? content.length : end);
    const spaces = /^ */.exec(line)![0].length;
    const rest = line.slice(spaces);
    // PyYAML detects the indentation from the leading spaces of the first line that has
    // anything else (a tab included), at least 1.
    if (indent === undefined && rest !== '' && rest !== '\r') indent = Math.max(1, spaces);
    if (rest[0] === '\t' && (indent === undefined || spaces < indent)) return lineStart + spaces;
    if (end < 0) break;
    lineStart = end + 1;
  }
  return undefined;
}
