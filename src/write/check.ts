/**
 * `check`: compares the output folder with what `generate` would write, naming every
 * missing, stale and extra file, each stale one with a short diff.
 */
import { join } from 'node:path';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import { generatedFileNames, outputHolds, writeRefusals, type OutputFile, type OutputLanguage } from './write-output.js';
import { existsSync, lstatSync, readFileSync } from 'node:fs';

export interface CheckReport {
  missing: string[];
  /**
   * `crlf`: the file has CRLF line endings where generate writes LF, and differs in nothing
   * else (`only`) or in more (`also`: `diff` then compares its lines without their CR).
   */
  stale: Array<{ name: string; diff: string; crlf?: 'only' | 'also' }>;
  extra: string[];
  upToDate: string[];
}

/** Compares one output folder (the files of one language) with what generate would write. */
export function checkOutput(outputDir: string, files: readonly OutputFile[], language: OutputLanguage = 'typescript', display = outputDir): CheckReport {
  const onDisk = generatedFileNames(outputDir, language, display);
  const report: CheckReport = { missing: [], stale: [], extra: [], upToDate: [] };
  for (const file of files) {
    const path = join(outputDir, file.name);
    // Compared a chunk at a time; only a stale file is read whole, for its diff.
    if (!existsSync(path)) report.missing.push(file.name);
    // A folder or link in a generated file's place: stale, and `checkDiagnostics` says why
    // generate would refuse it.
    else if (!lstatSync(path).isFile()) report.stale.push({ name: file.name, diff: '' });
    else if (outputHolds(path, file, `${display}/${file.name}`)) report.upToDate.push(file.name);
    else {
      report.stale.push({ name: file.name, ...staleDiff(readFileSync(path, 'utf8'), file.content) });
    }
  }
  const wanted = new Set(files.map((f) => f.name));
  for (const name of onDisk) if (!wanted.has(name)) report.extra.push(name);
  return report;
}

/**
 * How a stale file's `text` differs from the `content` generate writes. A file in CRLF is
 * compared without its CRs: else every line differs, and the diff's first twelve lines show
 * only line endings, hiding the change.
 */
function staleDiff(text: string, content: string): { diff: string; crlf?: 'only' | 'also' } {
  const lf = text.replace(/\r\n/g, '\n');
  if (lf === text) return { diff: shortDiff(text, content) };
  return { diff: shortDiff(lf, content), crlf: lf === content ? 'only' : 'also' };
}

/**
 * One error per missing, stale or extra file of one output folder. A stale file generate
 * would refuse to overwrite (its header is gone) gets generate's refusal, which says what to
 * do, rather than advice to run generate.
 */
export function checkDiagnostics(outputDir: string, outputDisplay: string, report: CheckReport, language: OutputLanguage = 'typescript'): Diagnostic[] {
  const file = (name: string) => ({ file: `${outputDisplay}/${name}` });
  const hint = "run 'dify-toolgen generate' and commit the result";
  const stale = ({ name, diff, crlf }: CheckReport['stale'][number]): Diagnostic[] => {
    const refused = writeRefusals(outputDir, name, language, `${outputDisplay}/${name}`);
    if (refused.length > 0) return refused;
    // Git for Windows converts LF to CRLF on checkout by default (core.autocrlf).
    if (crlf === 'only') {
      return [
        error('output-line-endings', `${quoted(name)} has Windows line endings (CRLF) where generate writes LF`, {
          location: file(name),
          hint: `git's core.autocrlf converted it on checkout: add \`${outputDisplay}/** text eol=lf\` to .gitattributes and check the folder out again, or run 'dify-toolgen generate'`,
        }),
      ];
    }
    const aside = crlf === 'also' ? ' (its CRLF line endings aside)' : '';
    return [error('output-stale', `${quoted(name)} is not what generate would write${aside}:\n${diff}`, { location: file(name), hint })];
  };
  return [
    ...report.missing.map((name) => error('output-missing', `${quoted(name)} is missing`, { location: file(name), hint })),
    ...report.stale.flatMap(stale),
    ...report.extra.map((name) => error('output-extra', `${quoted(name)} is a generated file that generate would no longer write`, { location: file(name), hint })),
  ];
}

/**
 * A short unified-style diff: the first differing region of the two texts with up to three
 * lines of context, cut at `maxLines` lines.
 */
export function shortDiff(before: string, after: string, maxLines = 12): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - 3);
  const out = [`@@ -${from + 1},${endA - from} +${from + 1},${endB - from} @@`];
  for (let i = from; i < start; i++) out.push(`  ${a[i]}`);
  const removed = a.slice(start, endA).map((l) => `- ${l}`);
  const added = b.slice(start, endB).map((l) => `+ ${l}`);
  const body = [...removed, ...added];
  out.push(...body.slice(0, maxLines));
  if (body.length > maxLines) out.push(`  … ${body.length - maxLines} more changed lines`);
  return out.map((l) => `    ${l.length > 160 ? l.slice(0, 160) + '…' : l}`).join('\n');
}
