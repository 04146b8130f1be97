/**
 * `tsx scripts/differential.ts`: the differential test's counts, with every disagreement.
 * `DIFF_EVERY=7 DIFF_SPECS=150` judges a larger sample of the corpus; `SHOW` disagreements are listed.
 */
import { formatReport, runDifferential } from '../test/differential/differential.js';

const report = await runDifferential({
  ...(process.env.DIFF_EVERY ? { sampleEvery: Number(process.env.DIFF_EVERY) } : {}),
  ...(process.env.DIFF_SPECS ? { maxSpecs: Number(process.env.DIFF_SPECS) } : {}),
});
console.log(formatReport(report, Number(process.env.SHOW ?? 40)));
