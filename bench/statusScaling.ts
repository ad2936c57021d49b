// `npm run bench:status`: only the scaling curve of `npm run bench` (BENCH_SIZES,
// BENCH_SCALING_TIMES), printed, for a quicker look at how costs grow with stored credentials.
import { readSettings } from './measure.js';
import { measureScaling } from './scaling.js';
import { scalingMarkdown } from './markdown.js';

const settings = readSettings(process.env);
const cells = await measureScaling(settings.sizes, settings.scalingTimes, (cell, seedSeconds) =>
  process.stdout.write(`${cell.credentials} credentials seeded in ${seedSeconds.toFixed(0)} s\n`),
);
process.stdout.write(`\n${scalingMarkdown(cells)}\n`);
