import 'reflect-metadata';
import { FULL_SIZE, options, runBench } from './bench.js';

/**
 * `npm run bench [-- --cases N | --smoke] [--only 1,2] [--out DIR]`. Exits 1 when a figure could
 * not be produced; at full size (1,000,000 cases or more) also when a goal is missed, naming it.
 */
async function main(): Promise<void> {
  const opts = options(process.argv.slice(2), process.env);
  const result = await runBench(opts);
  const broken = result.figures.filter((f) => f.note?.startsWith('error:'));
  if (result.countsConsistent === false) {
    console.error('\nthe counts kept by the triggers differ from count(*)');
    process.exit(1);
  }
  if (broken.length) {
    console.error(`\nfigures not produced: ${broken.map((f) => `${f.id} (${f.note})`).join('; ')}`);
    process.exit(1);
  }
  if (opts.cases >= FULL_SIZE && result.missed.length) {
    console.error(`\ngoals missed at ${opts.cases.toLocaleString('en')} cases:`);
    for (const f of result.missed)
      console.error(`  ${f.id} ${f.title}: goal ${f.goal}${f.note ? ` (${f.note})` : ''}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((e: Error) => {
  console.error(`benchmark failed: ${e.stack ?? e.message}`);
  process.exit(1);
});
