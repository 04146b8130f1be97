/** Generates and type-checks the module of every accepted corpus spec; prints the figures. */
import { compileCorpus } from '../test/corpus/compile-corpus.js';

const report = await compileCorpus(Number(process.env.LIMIT ?? Infinity), (line) => console.log(line));
console.log(
  `${report.modules} modules (${report.tools} tools, ${report.megabytes.toFixed(0)} MB) in ${report.batches} tsc programs: ` +
    `generate ${report.generateSeconds.toFixed(0)} s, tsc ${report.compileSeconds.toFixed(0)} s, ${report.errors.length} errors`,
);
for (const e of report.errors.slice(0, 40)) console.log(e);
