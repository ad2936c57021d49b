// npm run build: the offline verifier's browser bundles into dist/offline (served from there
// while the sources they were built from are unchanged), and their sizes, raw and gzipped.
import { mkdir, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { BUILT_DIR, BUILT_FILES, buildOfflineBundles } from '../src/pages/offlineBundle.js';

const bundles = await buildOfflineBundles();
await mkdir(BUILT_DIR, { recursive: true });
await writeFile(`${BUILT_DIR}${BUILT_FILES.script}`, bundles.script);
await writeFile(`${BUILT_DIR}${BUILT_FILES.worker}`, bundles.worker);
await writeFile(
  `${BUILT_DIR}${BUILT_FILES.inputs}`,
  `${JSON.stringify(bundles.inputs, null, 2)}\n`,
);

for (const [name, code] of [
  [BUILT_FILES.script, bundles.script],
  [BUILT_FILES.worker, bundles.worker],
] as const) {
  const bytes = Buffer.byteLength(code);
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`dist/offline/${name}: ${bytes} bytes, ${gzipped} gzipped`);
}
console.log(`built from ${Object.keys(bundles.inputs).length} files`);
