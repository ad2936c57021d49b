import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus, stateOf } from './helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  failedCheck,
  request,
  statusEntriesOf,
  verify,
  type Issuer,
  type AnyJson,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
/** ngo has suspension turned on; plain issues what OB 3.0 allows, one revocation entry. */
let ngo: Issuer;
let plain: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'ngo', 'NGO', {
    statusPurposes: ['revocation', 'suspension'],
  });
  plain = await createIssuer(app.baseUrl, 'plain');
});
afterAll(async () => app.close());

async function issue(issuer: Issuer = ngo): Promise<AnyJson> {
  const response = await award(app.baseUrl, issuer);
  expect(response.status).toBe(201);
  return response.body.credential;
}

describe('status entries', () => {
  it('gives a credential one revocation entry by default, as OB 3.0 allows, on a list of 131,072', async () => {
    const credential = await issue(plain);
    const entry = credential.credentialStatus as AnyJson;
    expect(Array.isArray(entry)).toBe(false);
    expect(entry).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    const list = await request('GET', String(entry.statusListCredential));
    const bits = await decodeList({ encodedList: list.body.credentialSubject.encodedList });
    expect(bits.length).toBeGreaterThanOrEqual(131_072);
  });

  it('gives a revocation and a suspension entry at one index when the issuer turns suspension on', async () => {
    const credential = await issue();
    const entries = credential.credentialStatus as AnyJson[];
    expect(entries.map((e) => e.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect(entries[0]?.statusListIndex).toBe(entries[1]?.statusListIndex);
    const list = await request('GET', entries[0]?.statusListCredential ?? '');
    const bits = await decodeList({ encodedList: list.body.credentialSubject.encodedList });
    expect(bits.length).toBeGreaterThanOrEqual(131_072);
  });

  it('hands 200 concurrent issuances 200 distinct indexes', async () => {
    const credentials = await Promise.all(Array.from({ length: 200 }, () => issue()));
    const indexes = new Set(credentials.map((c) => statusEntriesOf(c)[0]?.statusListIndex));
    expect(indexes.size).toBe(200);
  });

  it('opens a new list when one is full', async () => {
    const small = await startTestApp({ statusListCapacity: 4 });
    try {
      const issuer = await createIssuer(small.baseUrl, 'tiny');
      const lists = new Set<string>();
      const positions = new Set<string>();
      for (let i = 0; i < 9; i += 1) {
        const entry = statusEntriesOf((await award(small.baseUrl, issuer)).body.credential)[0];
        lists.add(entry?.statusListCredential ?? '');
        positions.add(`${entry?.statusListCredential}#${entry?.statusListIndex}`);
      }
      expect(lists.size).toBe(3);
      expect(positions.size).toBe(9);
    } finally {
      await small.close();
    }
  });
});

describe('revoking and suspending', () => {
  it('a revoked credential fails verification with credential-revoked naming the list and index', async () => {
    const credential = await issue();
    const changed = await changeStatus(
      app.baseUrl,
      credential.id,
      'revoke',
      'exam result withdrawn',
    );
    expect(changed.status).toBe(200);
    expect(changed.body.state).toBe('revoked');
    const report = await verify(app.baseUrl, credential);
    expect(report.status).toBe(422);
    expect(failedCheck(report.body)).toBe('status.revocation');
    const problem = report.body.errors[0];
    expect(problem.type).toMatch(/credential-revoked$/);
    expect(problem.detail).toContain('exam result withdrawn');
    const entry = statusEntriesOf(credential)[0];
    expect(problem.statusListCredential).toBe(entry?.statusListCredential);
    expect(String(problem.statusListIndex)).toBe(entry?.statusListIndex);
    expect(await stateOf(app.baseUrl, credential.id)).toBe('revoked');
  });

  it('revocation is final: reinstating a revoked credential is a 409', async () => {
    const credential = await issue();
    await changeStatus(app.baseUrl, credential.id, 'revoke');
    expect((await changeStatus(app.baseUrl, credential.id, 'reinstate')).status).toBe(409);
    expect((await changeStatus(app.baseUrl, credential.id, 'suspend')).status).toBe(409);
  });

  it('suspend, then reinstate, round trip', async () => {
    const credential = await issue();
    await changeStatus(app.baseUrl, credential.id, 'suspend', 'under review');
    const suspended = await verify(app.baseUrl, credential);
    expect(failedCheck(suspended.body)).toBe('status.suspension');
    expect(suspended.body.errors[0].type).toMatch(/credential-suspended$/);
    expect(await stateOf(app.baseUrl, credential.id)).toBe('suspended');
    await changeStatus(app.baseUrl, credential.id, 'reinstate', 'review passed');
    expect((await verify(app.baseUrl, credential)).body.verified).toBe(true);
    expect(await stateOf(app.baseUrl, credential.id)).toBe('active');
  });

  it('refuses to suspend a credential signed without a suspension entry, and records nothing', async () => {
    const credential = await issue(plain);
    const refused = await changeStatus(app.baseUrl, credential.id, 'suspend', 'under review');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/suspension-not-offered$/);
    expect(await stateOf(app.baseUrl, credential.id)).toBe('active');
    const uuid = String(credential.id).replace('urn:uuid:', '');
    expect(await app.store.listStatusEvents(uuid)).toEqual([]);
    expect((await changeStatus(app.baseUrl, credential.id, 'revoke', 'withdrawn')).status).toBe(
      200,
    );
  });

  it('turns suspension on for new credentials only: earlier ones keep the entry they were signed with', async () => {
    const issuer = await createIssuer(app.baseUrl, 'later');
    const before = await issue(issuer);
    const route = `${app.baseUrl}/issuers/later/status-purposes`;
    const body = { statusPurposes: ['revocation', 'suspension'] };
    expect((await request('PUT', route, body, { key: plain.apiKey })).status).toBe(403);
    const set = await request('PUT', route, body, { key: issuer.apiKey });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ slug: 'later', statusPurposes: ['revocation', 'suspension'] });
    const refused = await request(
      'PUT',
      route,
      { statusPurposes: ['suspension'] },
      {
        key: issuer.apiKey,
      },
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain('statusPurposes');

    const after = await issue(issuer);
    expect(statusEntriesOf(before).map((e) => e.statusPurpose)).toEqual(['revocation']);
    expect(statusEntriesOf(after).map((e) => e.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    expect((await changeStatus(app.baseUrl, after.id, 'suspend')).status).toBe(200);
    expect((await changeStatus(app.baseUrl, before.id, 'suspend')).status).toBe(409);
  });

  it('accepts the W3C VC-API status update shape', async () => {
    const credential = await issue();
    const response = await request(
      'POST',
      `${app.baseUrl}/credentials/status`,
      {
        credentialId: credential.id,
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
        reason: 'issued in error',
      },
      { key: ngo.apiKey },
    );
    expect(response.status).toBe(200);
    expect(response.body.state).toBe('revoked');
  });

  it("lets only the credential's issuer or the admin change its status", async () => {
    const credential = await issue();
    const other = await createIssuer(app.baseUrl, 'other');
    const uuid = String(credential.id).replace('urn:uuid:', '');
    const body = { action: 'revoke', reason: 'x' };
    expect((await request('POST', `${app.baseUrl}/credentials/${uuid}/status`, body)).status).toBe(
      401,
    );
    expect(
      (
        await request('POST', `${app.baseUrl}/credentials/${uuid}/status`, body, {
          key: other.apiKey,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await request('POST', `${app.baseUrl}/credentials/${uuid}/status`, body, {
          key: ngo.apiKey,
        })
      ).status,
    ).toBe(200);
  });

  it('writes every change to an audit log the admin can read', async () => {
    const credential = await issue();
    await changeStatus(app.baseUrl, credential.id, 'suspend', 'complaint received');
    const log = await request('GET', `${app.baseUrl}/audit/status?issuer=ngo&limit=5`, undefined, {
      key: ADMIN_KEY,
    });
    expect(log.status).toBe(200);
    expect(log.body.events[0]).toMatchObject({
      credentialId: String(credential.id).replace('urn:uuid:', ''),
      action: 'suspend',
      reason: 'complaint received',
      actor: 'admin',
    });
    expect(
      (await request('GET', `${app.baseUrl}/audit/status`, undefined, { key: ngo.apiKey })).status,
    ).toBe(403);
  });
});

describe('the published list', () => {
  it('verifies with @digitalbazaar/vc and decodes to the right bits', async () => {
    const revoked = await issue();
    const kept = await issue();
    await changeStatus(app.baseUrl, revoked.id, 'revoke');
    const [entry] = statusEntriesOf(revoked);
    if (!entry) throw new Error('no status entry');
    const list = (await request('GET', entry.statusListCredential)).body;
    const result = await vc.verifyCredential({
      credential: list,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: app.services.documentLoader,
    });
    expect(result.verified).toBe(true);
    expect(list.issuer).toBe(ngo.id);
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
    expect(bits.getStatus(Number(entry.statusListIndex))).toBe(true);
    expect(bits.getStatus(Number(statusEntriesOf(kept)[0]?.statusListIndex))).toBe(false);
  });

  it('carries an ETag, answers 304 while nothing changed, and shows a change in the next fetch', async () => {
    const credential = await issue();
    const url = statusEntriesOf(credential)[1]?.statusListCredential ?? '';
    const first = await fetch(url);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(first.headers.get('cache-control')).toContain('no-cache');
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(304);
    await changeStatus(app.baseUrl, credential.id, 'suspend');
    const after = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const bits = await decodeList({
      encodedList: ((await after.json()) as { credentialSubject: { encodedList: string } })
        .credentialSubject.encodedList,
    });
    expect(bits.getStatus(Number(statusEntriesOf(credential)[1]?.statusListIndex))).toBe(true);
  });

  it('answers 404 for a list that does not exist', async () => {
    expect((await request('GET', `${app.baseUrl}/status/ngo/revocation-99`)).status).toBe(404);
    expect((await request('GET', `${app.baseUrl}/status/ngo/other-1`)).status).toBe(404);
  });
});
