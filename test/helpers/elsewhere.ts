import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { maxAgeOf, type RemoteJson } from '../../src/net/fetchWithPolicy.js';
import type { FetchRemoteJson } from '../../src/net/remoteDocuments.js';

/**
 * The tests' stand-in for the network: documents of a second test app that plays an issuer
 * elsewhere (its PUBLIC_URL, e.g. https://exams.example) are answered from its loopback port;
 * any other URL is unreachable.
 */
export function fetchFromElsewhere(publicUrl: string, baseUrl: () => string): FetchRemoteJson {
  return async (url: string): Promise<RemoteJson> => {
    if (!url.startsWith(`${publicUrl}/`)) throw new Error(`${url} is not reachable in this test`);
    const response = await fetch(url.replace(publicUrl, baseUrl()));
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return { body: await response.json(), maxAge: maxAgeOf(response.headers.get('cache-control')) };
  };
}

/**
 * A CATALOG_DIR with the DX Passport catalog (and `extra` catalog files), whose trust list counts
 * the given DID's credentials for `achievementId` as IT Passport.
 */
export function catalogDirTrusting(
  trusted: { did: string; name: string; achievementId: string },
  extra: { copy?: string[]; write?: Record<string, unknown> } = {},
): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'catalog-'));
  for (const file of ['credentials/dx-passport.json', ...(extra.copy ?? [])])
    copyFileSync(file, path.join(dir, path.basename(file)));
  for (const [name, contents] of Object.entries(extra.write ?? {}))
    writeFileSync(path.join(dir, name), JSON.stringify(contents));
  writeFileSync(
    path.join(dir, 'trust.json'),
    JSON.stringify({
      trusted: [
        {
          did: trusted.did,
          name: trusted.name,
          achievements: [{ key: 'it-passport', achievementIds: [trusted.achievementId] }],
        },
      ],
    }),
  );
  return dir;
}
