import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule } from './helpers/catalogAwards.js';
import { award, createIssuer, request, sampleAward, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdefghijklmnop';
const HOUR = 3_600_000;

let now = Date.parse('2026-05-01T09:00:00Z');
let app: TestApp;
let issuer: Issuer;

/** Credentials verified so far, by any verdict, as /metrics counts them. */
async function verifications(baseUrl = app.baseUrl): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  return [...text.matchAll(/^credential_verifications_total\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, [, value]) => sum + Number(value),
    0,
  );
}

interface Page {
  verdict: string;
  checked: string;
}

async function pageOf(uuid: string, baseUrl = app.baseUrl): Promise<Page> {
  const response = await fetch(`${baseUrl}/c/${uuid}?lang=en`, {
    headers: { accept: 'text/html' },
  });
  expect(response.status).toBe(200);
  const html = await response.text();
  const checked = /Checked ([^<]+?)\.\s*<\/p>/.exec(html)?.[1];
  const verdict = /\b(Verified|Not verified|Revoked|Suspended|Expired)\b/.exec(html)?.[1];
  if (!checked || !verdict) throw new Error(`no verdict or check time on the page of ${uuid}`);
  return { verdict, checked };
}

const uuidOf = (credential: { id: string }): string => credential.id.replace('urn:uuid:', '');

async function awarded(email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await award(app.baseUrl, issuer, {
    ...sampleAward,
    recipient: { email },
    ...extra,
  });
  expect(response.status).toBe(201);
  return uuidOf(response.body.credential);
}

async function revoke(uuid: string, baseUrl = app.baseUrl): Promise<void> {
  const response = await request(
    'POST',
    `${baseUrl}/credentials/${uuid}/status`,
    { action: 'revoke', reason: 'issued in error' },
    { key: ADMIN_KEY },
  );
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  app = await startTestApp({ clock: () => new Date(now), env: { METRICS_TOKEN } });
  issuer = await createIssuer(app.baseUrl, 'page-checks');
});

afterAll(async () => {
  await app?.close();
});

describe('the public page’s verification', () => {
  it('is made once and shown with its time until the credential is revoked; another credential keeps its own', async () => {
    const first = await awarded('ana@example.org');
    const other = await awarded('bo@example.org');
    const before = await verifications();
    const viewed = await pageOf(first);
    expect(viewed.verdict).toBe('Verified');
    expect(await verifications()).toBe(before + 1);

    now += HOUR;
    const again = await pageOf(first);
    expect(again).toEqual(viewed);
    expect(await verifications()).toBe(before + 1);

    const otherViewed = await pageOf(other);
    expect(otherViewed.verdict).toBe('Verified');
    expect(await verifications()).toBe(before + 2);

    now += HOUR;
    await revoke(first);
    const revoked = await pageOf(first);
    expect(revoked.verdict).toBe('Revoked');
    expect(revoked.checked).not.toBe(viewed.checked);
    expect(await verifications()).toBe(before + 3);

    // The other credential is on the same list; its own status did not change.
    expect(await pageOf(other)).toEqual(otherViewed);
    expect(await verifications()).toBe(before + 3);
  });

  it('is made again once a date it is judged by has passed', async () => {
    const expiring = await awarded('chen@example.org', {
      validUntil: new Date(now + 2 * HOUR).toISOString(),
    });
    expect((await pageOf(expiring)).verdict).toBe('Verified');
    now += HOUR;
    expect((await pageOf(expiring)).verdict).toBe('Verified');
    const before = await verifications();
    now += 2 * HOUR;
    expect((await pageOf(expiring)).verdict).toBe('Expired');
    expect(await verifications()).toBe(before + 1);
  });

  it('of a tier follows its constituents: a constituent revoked, the tier’s page says Revoked', async () => {
    const module = await awardModule(app.baseUrl, 'it-passport', 'dana@example.org');
    expect(module.status).toBe(201);
    const tier = (module.body.stacked ?? [])[0]?.credential as { id: string } | undefined;
    if (!tier) throw new Error('it-passport stacked no tier');
    expect((await pageOf(uuidOf(tier))).verdict).toBe('Verified');
    const before = await verifications();
    expect((await pageOf(uuidOf(tier))).verdict).toBe('Verified');
    expect(await verifications()).toBe(before);
    await revoke(uuidOf(module.body.credential));
    expect((await pageOf(uuidOf(tier))).verdict).toBe('Revoked');
  });

  it('sees a change made through another instance on the same SQLite file', async () => {
    const second = await startTestApp({
      dataDir: app.dataDir,
      env: { PUBLIC_URL: app.baseUrl, METRICS_TOKEN },
      clock: () => new Date(now),
      background: false,
    });
    try {
      await revocationSeenBy(second, await awarded('eli@example.org'));
    } finally {
      await second.stop();
    }
  });

  it('sees a change made through another instance on the same MongoDB', async () => {
    const first = await startTestApp({ store: 'mongo', env: { METRICS_TOKEN } });
    let second: TestApp | undefined;
    try {
      second = await startTestApp({
        store: 'mongo',
        mongoDatabase: first.mongoDatabase,
        env: { PUBLIC_URL: first.baseUrl, METRICS_TOKEN },
        background: false,
      });
      const ngo = await createIssuer(first.baseUrl, 'shared-mongo');
      const response = await award(first.baseUrl, ngo, sampleAward);
      expect(response.status).toBe(201);
      await revocationSeenBy(second, uuidOf(response.body.credential), first.baseUrl);
    } finally {
      await second?.stop();
      await first.close();
    }
  });
});

/** `other` keeps its check of the credential until it is revoked through `revokeAt`. */
async function revocationSeenBy(other: TestApp, uuid: string, revokeAt = app.baseUrl) {
  expect((await pageOf(uuid, other.baseUrl)).verdict).toBe('Verified');
  const before = await verifications(other.baseUrl);
  expect((await pageOf(uuid, other.baseUrl)).verdict).toBe('Verified');
  expect(await verifications(other.baseUrl)).toBe(before);
  await revoke(uuid, revokeAt);
  expect((await pageOf(uuid, other.baseUrl)).verdict).toBe('Revoked');
  expect(await verifications(other.baseUrl)).toBe(before + 1);
}
