// One action for many credentials: a cohort's exam withdrawn. Every id is checked before anything
// changes; each change is audited and its tiers follow, as a single change would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, DX_ISSUERS, setStatusPurposes, stateOf } from './helpers/catalogAwards.js';
import { award, createIssuer, request, type AnyJson, type Issuer } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
let other: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'ngo');
  other = await createIssuer(app.baseUrl, 'other');
  for (const slug of DX_ISSUERS) {
    await setStatusPurposes(app.baseUrl, slug, ['revocation', 'suspension']);
  }
});
afterAll(async () => app.close());

const bulk = (body: AnyJson, key = ngo.apiKey) =>
  request('POST', `${app.baseUrl}/credentials/status/bulk`, body, { key });

async function cohort(issuer: Issuer, size: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < size; i += 1) {
    ids.push(String((await award(app.baseUrl, issuer)).body.credential.id));
  }
  return ids;
}

async function statusEventCount(): Promise<number> {
  const log = await request('GET', `${app.baseUrl}/audit/status?limit=1000`, undefined, {
    key: ADMIN_KEY,
  });
  return (log.body.events as unknown[]).length;
}

describe('bulk status changes', () => {
  it('revokes a cohort with one reason, each change in the audit log', async () => {
    const ids = await cohort(ngo, 5);
    const response = await bulk({ credentialIds: ids, action: 'revoke', reason: 'exam withdrawn' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ changed: 5, refused: 0 });
    for (const id of ids) expect(await stateOf(app.baseUrl, id)).toBe('revoked');
    const log = await request('GET', `${app.baseUrl}/audit/status?issuer=ngo&limit=50`, undefined, {
      key: ADMIN_KEY,
    });
    const logged = (log.body.events as AnyJson[]).filter((e) => e.reason === 'exam withdrawn');
    expect(logged.map((e) => `urn:uuid:${String(e.credentialId)}`).sort()).toEqual([...ids].sort());
    expect(logged.every((e) => e.actor === 'ngo' && e.action === 'revoke')).toBe(true);
  });

  it('reports a credential its state refuses and still changes the others', async () => {
    const ids = await cohort(ngo, 3);
    const revokedFirst = ids[0] ?? '';
    await bulk({ credentialIds: [revokedFirst], action: 'revoke', reason: 'first' });
    const response = await bulk({ credentialIds: ids, action: 'revoke', reason: 'second' });
    expect(response.body).toMatchObject({ changed: 2, refused: 1 });
    const refused = (response.body.results as AnyJson[]).find((r) => r.changed === false);
    expect(refused?.id).toBe(revokedFirst);
    expect(refused?.problem.type).toMatch(/credential-is-revoked$/);
    // ngo issues one revocation entry only: its credentials cannot be suspended.
    const fresh = await cohort(ngo, 2);
    const suspend = await bulk({ credentialIds: fresh, action: 'suspend', reason: 'x' });
    expect(suspend.body).toMatchObject({ changed: 0, refused: 2 });
    expect((suspend.body.results as AnyJson[])[0]?.problem.type).toMatch(/suspension-not-offered$/);
  });

  it("changes nothing when an id is unknown or another issuer's", async () => {
    const ids = await cohort(ngo, 2);
    const foreign = await cohort(other, 1);
    const before = await statusEventCount();
    const unknown = 'urn:uuid:00000000-0000-4000-8000-000000000000';
    const notFound = await bulk({
      credentialIds: [...ids, unknown],
      action: 'revoke',
      reason: 'x',
    });
    expect(notFound.status).toBe(404);
    expect(notFound.body.detail).toContain(unknown);
    const forbidden = await bulk({
      credentialIds: [...ids, ...foreign],
      action: 'revoke',
      reason: 'x',
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.detail).toContain(foreign[0]);
    expect(await statusEventCount()).toBe(before);
    for (const id of ids) expect(await stateOf(app.baseUrl, id)).toBe('active');
    // The admin may change any issuer's credentials.
    const admin = await bulk({ credentialIds: foreign, action: 'revoke', reason: 'x' }, ADMIN_KEY);
    expect(admin.body).toMatchObject({ changed: 1, refused: 0 });
  });

  it('refuses a body without ids, with repeats or with more than 500, naming the field', async () => {
    for (const credentialIds of [
      [],
      ['a', 'a'],
      Array.from({ length: 501 }, () => crypto.randomUUID()),
    ]) {
      const response = await bulk({ credentialIds, action: 'revoke', reason: 'x' });
      expect(response.status).toBe(422);
      expect(JSON.stringify(response.body.errors)).toContain('credentialIds');
    }
  });

  it('cascades to the tiers built on each credential', async () => {
    const exams = ['it-passport', 'g-kentei'];
    const learners = ['bulk-a@example.org', 'bulk-b@example.org'];
    const tiers: string[] = [];
    const modules: string[] = [];
    for (const email of learners) {
      for (const exam of exams) {
        const awarded = await awardModule(app.baseUrl, exam, email);
        modules.push(String(awarded.body.credential.id));
        for (const s of awarded.body.stacked as Array<{ credential: AnyJson }>) {
          tiers.push(String(s.credential.id));
        }
      }
    }
    // it-passport's issuer suspends every it-passport credential of the cohort.
    const itPassports = modules.filter((_, index) => index % 2 === 0);
    const ipaKey = (
      await request('POST', `${app.baseUrl}/issuers/ipa/api-keys`, undefined, { key: ADMIN_KEY })
    ).body.apiKey as string;
    const response = await bulk(
      { credentialIds: itPassports, action: 'suspend', reason: 'review' },
      ipaKey,
    );
    expect(response.body).toMatchObject({ changed: 2, refused: 0 });
    for (const tier of tiers) expect(await stateOf(app.baseUrl, tier)).not.toBe('active');
  });
});
