// The zh-TW catalog ships its iCAP levels as proposals: a registrar proposes them at start, once,
// nothing is approved until the achievement's issuer says so, and then credentials carry the level.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProposedMappings, seedProposedMappings } from '../src/mappings/proposedMappings.js';
import { request, verify, type AnyJson } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const CATALOG_DIR = path.join(import.meta.dirname, '..', 'credentials');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

async function icapProposals(): Promise<AnyJson[]> {
  const listed = await request('GET', `${app.baseUrl}/mappings?framework=icap`);
  expect(listed.status).toBe(200);
  return (listed.body.mappings ?? listed.body) as AnyJson[];
}

describe('shipped proposed mappings', () => {
  it('are proposed at start by their registrar, every one still proposed', async () => {
    const proposals = await icapProposals();
    expect(proposals).toHaveLength(11);
    expect(new Set(proposals.map((m) => m.registrar))).toEqual(new Set(['tw-icap-review']));
    expect(proposals.every((m) => m.state === 'proposed')).toBe(true);
    const camp = proposals.find((m) => m.achievement === 'tw-ai-youth-camp');
    expect(camp?.level.code).toBe('2');
    expect((await request('GET', `${app.baseUrl}/registrars/tw-icap-review`)).status).toBe(200);
  });

  it('are not proposed again when the service starts again', async () => {
    const { issuers, mappings } = app.services;
    await seedProposedMappings(loadProposedMappings(CATALOG_DIR), issuers, mappings);
    expect(await icapProposals()).toHaveLength(11);
  });

  it("count once the achievement's issuer approves: the next credential carries the iCAP level", async () => {
    const online = (await icapProposals()).find((m) => m.achievement === 'tw-ai-youth-online');
    const approved = await request(
      'POST',
      `${app.baseUrl}/mappings/${String(online?.id)}/approve`,
      { comment: '同意' },
      { key: ADMIN_KEY },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('approved');
    const awarded = await request(
      'POST',
      `${app.baseUrl}/issuers/tw-ai-office/awards`,
      {
        achievement: 'tw-ai-youth-online',
        recipient: { email: 'lin@example.tw' },
        result: [
          { resultDescription: 'https://ai-talent.example.tw/results/online-test', value: '80' },
        ],
        lang: 'zh-TW',
      },
      { key: ADMIN_KEY },
    );
    expect(awarded.status, JSON.stringify(awarded.body)).toBe(201);
    const alignment = awarded.body.credential.credentialSubject.achievement.alignment as AnyJson[];
    expect(alignment.map((a) => a.targetUrl)).toContain(online?.level.id);
    expect((await verify(app.baseUrl, awarded.body.credential)).body.verdict).toBe('verified');
  });
});
