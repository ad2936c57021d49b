import { bundleForBrowser, contentVersion } from './offlineBundle.js';
import type { PageAsset } from './assets.js';

// The console's passkey script (src/pages/passkeyScript), bundled with @simplewebauthn/browser
// by esbuild once per process: it is small, so it is built where it runs rather than shipped.

export const PASSKEY_SCRIPT_PATH = '/assets/console-passkeys.js';

let built: Promise<PageAsset> | undefined;

/** Once per process; a failed build is not kept, so the next request tries again. */
export function passkeyScript(): Promise<PageAsset> {
  built ??= bundleForBrowser('src/pages/passkeyScript/passkeyForms.ts', 'esm')
    .then(({ code }) => ({
      path: `${PASSKEY_SCRIPT_PATH}?v=${contentVersion(code)}`,
      contentType: 'text/javascript',
      body: code,
    }))
    .catch((error: unknown) => {
      built = undefined;
      throw error;
    });
  return built;
}
