/** `tsx scripts/differential.ts`: the differential test's counts, with every disagreement. */
import { formatReport, runDifferential } from '../test/differential/differential.js';

const report = await runDifferential();
console.log(formatReport(report, Number(process.env.SHOW ?? 40)));
