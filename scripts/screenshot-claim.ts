// Draws the README's pictures of a learner's claim: the private claim page with both wallets' QR
// codes, as a phone shows it. Runs the real service on a temporary data
// directory with Debian's Chromium; `npm run screenshots` writes docs/screenshots/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/browser/chromium.js';
import { awardModule } from '../test/helpers/catalogAwards.js';
import { request } from '../test/helpers/http.js';
import { ADMIN_KEY, startTestApp } from '../test/helpers/testApp.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const app = await startTestApp({ background: false });
const browser = await launchChromium();
try {
  const awarded = await awardModule(app.baseUrl, 'it-passport', 'aiko@example.org');
  const uuid = String(awarded.body.credential.id).replace('urn:uuid:', '');
  const offer = await request('POST', `${app.baseUrl}/credentials/${uuid}/offers`, undefined, {
    key: ADMIN_KEY,
  });
  const claimPage = String(offer.body.claimPage);
  const page = await browser.newPage({ viewport: { width: 390, height: 1400 } });
  await page.goto(claimPage);
  await page.screenshot({ path: path.join(OUT, 'claim-page-phone.png'), fullPage: true });
  console.log(`wrote ${OUT}claim-page-phone.png`);
} finally {
  await browser.close();
  await app.close();
}
