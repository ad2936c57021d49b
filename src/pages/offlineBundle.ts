import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

// The offline verifier's two browser bundles, built with esbuild from src/pages/offline: the
// page script (ES module) and the service worker (a classic script, as workers register by
// default). `npm run build` writes them to dist/offline; the service serves those when they
// were built from the sources it runs, and otherwise builds them in memory on first use, so a
// fresh clone starts and tests with one command and never serves a stale bundle.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUILT_DIR = `${ROOT}dist/offline/`;

const ENTRIES = {
  script: { entry: 'src/pages/offline/verifyOffline.ts', format: 'esm', file: 'verify-offline.js' },
  worker: { entry: 'src/pages/offline/serviceWorker.ts', format: 'iife', file: 'verify-sw.js' },
} as const;

/**
 * base64url-universal names its browser file in "browser", but its "exports" wins in esbuild,
 * which would bundle the Node file (it uses Buffer). The multikey libraries read keys with it.
 */
const browserBase64url: Plugin = {
  name: 'base64url-universal-browser',
  setup(builder) {
    const main = createRequire(import.meta.url).resolve('base64url-universal');
    builder.onResolve({ filter: /^base64url-universal$/ }, () => ({
      path: `${dirname(main)}/browser.js`,
    }));
  },
};

export interface OfflineBundles {
  script: string;
  worker: string;
  /** Every file the bundles were built from (ours and the libraries'), with its sha256. */
  inputs: Record<string, string>;
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

/** One browser bundle of our code and the libraries it imports, minified, in memory. */
export async function bundleForBrowser(
  entry: string,
  format: 'esm' | 'iife',
): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    format,
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [browserBase64url],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code: output.text, metafile: result.metafile };
}

const bundle = (which: keyof typeof ENTRIES) =>
  bundleForBrowser(ENTRIES[which].entry, ENTRIES[which].format);

async function inputHashes(paths: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    paths.map(async (path) => [path, sha256(await readFile(`${ROOT}${path}`))] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

export async function buildOfflineBundles(): Promise<OfflineBundles> {
  const [script, worker] = await Promise.all([bundle('script'), bundle('worker')]);
  // Paths in a namespace, as "(disabled):crypto" for a Node built-in a library only mentions,
  // are not files.
  const paths = [
    ...new Set([...Object.keys(script.metafile.inputs), ...Object.keys(worker.metafile.inputs)]),
  ].filter((path) => !/^\(\w+\):/.test(path));
  return { script: script.code, worker: worker.code, inputs: await inputHashes(paths) };
}

export const BUILT_FILES = {
  script: ENTRIES.script.file,
  worker: ENTRIES.worker.file,
  inputs: 'inputs.json',
} as const;

/** dist/offline when every file it was built from is unchanged; undefined otherwise. */
async function readBuilt(): Promise<OfflineBundles | undefined> {
  try {
    const inputs = JSON.parse(
      await readFile(`${BUILT_DIR}${BUILT_FILES.inputs}`, 'utf8'),
    ) as Record<string, string>;
    const current = await inputHashes(Object.keys(inputs));
    if (Object.entries(inputs).some(([path, hash]) => current[path] !== hash)) return undefined;
    return {
      script: await readFile(`${BUILT_DIR}${BUILT_FILES.script}`, 'utf8'),
      worker: await readFile(`${BUILT_DIR}${BUILT_FILES.worker}`, 'utf8'),
      inputs,
    };
  } catch {
    // Not built, or built from files that are gone: build afresh.
    return undefined;
  }
}

let bundles: Promise<OfflineBundles> | undefined;

/** Once per process; a failed build is not kept, so the next request tries again. */
export function offlineBundles(): Promise<OfflineBundles> {
  bundles ??= readBuilt()
    .then((built) => built ?? buildOfflineBundles())
    .catch((error: unknown) => {
      bundles = undefined;
      throw error;
    });
  return bundles;
}

export const contentVersion = (text: string): string => sha256(text).slice(0, 12);
