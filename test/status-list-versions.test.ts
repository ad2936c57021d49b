// A status list is served from its stored snapshot and the changes since, signed once per version:
// every change shows in the next fetch under a new ETag, an unchanged list is a 304, instances
// sharing a store agree, and verification reads our own lists without an HTTP request.
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from './helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  failedCheck,
  statusEntriesOf,
  verify,
  type AnyJson,
  type Issuer,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;
/** The paths of the requests the server received, in order. */
const received: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ onRequest: (request) => received.push(request.url ?? '') });
  ngo = await createIssuer(app.baseUrl, 'ngo', 'NGO', {
    statusPurposes: ['revocation', 'suspension'],
  });
});
afterAll(async () => app.close());

async function issue(): Promise<AnyJson> {
  const response = await award(app.baseUrl, ngo);
  expect(response.status).toBe(201);
  return response.body.credential;
}

/** A list as served: its ETag and the bit at `index`. */
async function served(url: string, index: string | undefined, etag?: string) {
  const response = await fetch(url, etag ? { headers: { 'if-none-match': etag } } : {});
  if (response.status === 304) return { status: 304, etag: response.headers.get('etag') ?? '' };
  const list = (await response.json()) as { credentialSubject: { encodedList: string } };
  const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
  return {
    status: response.status,
    etag: response.headers.get('etag') ?? '',
    bit: bits.getStatus(Number(index)),
  };
}

describe('a status list kept as versioned bits', () => {
  it('flips the served bit on suspend, reinstate and revoke, each time under a new ETag', async () => {
    const credential = await issue();
    const [revocation, suspension] = statusEntriesOf(credential);
    const suspensionAt = (etag?: string) =>
      served(suspension?.statusListCredential ?? '', suspension?.statusListIndex, etag);
    const revocationAt = (etag?: string) =>
      served(revocation?.statusListCredential ?? '', revocation?.statusListIndex, etag);

    const before = await suspensionAt();
    expect(before).toMatchObject({ status: 200, bit: false });
    expect((await changeStatus(app.baseUrl, credential.id, 'suspend')).status).toBe(200);
    const suspended = await suspensionAt(before.etag);
    expect(suspended).toMatchObject({ status: 200, bit: true });
    expect(suspended.etag).not.toBe(before.etag);

    expect((await changeStatus(app.baseUrl, credential.id, 'reinstate')).status).toBe(200);
    const reinstated = await suspensionAt(suspended.etag);
    expect(reinstated).toMatchObject({ status: 200, bit: false });
    expect([before.etag, suspended.etag]).not.toContain(reinstated.etag);

    const active = await revocationAt();
    expect(active).toMatchObject({ status: 200, bit: false });
    expect((await changeStatus(app.baseUrl, credential.id, 'revoke')).status).toBe(200);
    const revoked = await revocationAt(active.etag);
    expect(revoked).toMatchObject({ status: 200, bit: true });
    expect(revoked.etag).not.toBe(active.etag);
    // Revoking a suspended credential would clear its suspension bit; this one was active.
    expect(await suspensionAt()).toMatchObject({ status: 200, bit: false });
  });

  it('answers 304 for an unchanged list, also after another issuer changed a credential', async () => {
    const credential = await issue();
    const [entry] = statusEntriesOf(credential);
    const url = entry?.statusListCredential ?? '';
    const first = await served(url, entry?.statusListIndex);
    expect(first.status).toBe(200);
    const other = await createIssuer(app.baseUrl, 'other');
    const elsewhere = await award(app.baseUrl, other);
    await changeStatus(app.baseUrl, elsewhere.body.credential.id, 'revoke');
    expect(await served(url, entry?.statusListIndex, first.etag)).toEqual({
      status: 304,
      etag: first.etag,
    });
  });

  it('lands racing changes of many credentials in one list, every bit set', async () => {
    const credentials = await Promise.all(Array.from({ length: 8 }, () => issue()));
    const changes = await Promise.all(
      credentials.map((credential) => changeStatus(app.baseUrl, credential.id, 'revoke')),
    );
    expect(changes.map((change) => change.status)).toEqual(credentials.map(() => 200));
    const [first] = statusEntriesOf(credentials[0] ?? {});
    const response = await fetch(first?.statusListCredential ?? '');
    const list = (await response.json()) as { credentialSubject: { encodedList: string } };
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList });
    for (const credential of credentials) {
      expect(bits.getStatus(Number(statusEntriesOf(credential)[0]?.statusListIndex))).toBe(true);
    }
  });

  it('verifies our own credential without a request to our status list route', async () => {
    const credential = await issue();
    const [entry] = statusEntriesOf(credential);
    const listPath = new URL(entry?.statusListCredential ?? '').pathname;
    const fetchesOfList = () => received.filter((path) => path.startsWith('/status/')).length;

    const listFetchesBefore = fetchesOfList();
    expect((await verify(app.baseUrl, credential)).body.verified).toBe(true);
    await changeStatus(app.baseUrl, credential.id, 'revoke');
    const report = await verify(app.baseUrl, credential);
    expect(report.status).toBe(422);
    expect(failedCheck(report.body)).toBe('status.revocation');
    expect(fetchesOfList()).toBe(listFetchesBefore);
    // The hook does see the route when it is asked for.
    await fetch(entry?.statusListCredential ?? '');
    expect(received.at(-1)).toBe(listPath);
  });
});

describe('two instances on one store', () => {
  it('serves a change made through the other instance, though it had the list signed already', async () => {
    const other = await startTestApp({ dataDir: app.dataDir });
    try {
      const credential = await issue();
      const [entry] = statusEntriesOf(credential);
      const path = new URL(entry?.statusListCredential ?? '').pathname;
      const before = await served(`${other.baseUrl}${path}`, entry?.statusListIndex);
      expect(before).toMatchObject({ status: 200, bit: false });
      await changeStatus(app.baseUrl, credential.id, 'revoke');
      const after = await served(`${other.baseUrl}${path}`, entry?.statusListIndex, before.etag);
      expect(after).toMatchObject({ status: 200, bit: true });
      // Both instances name the version alike.
      expect((await served(entry?.statusListCredential ?? '', undefined, after.etag)).status).toBe(
        304,
      );
    } finally {
      await other.stop();
    }
  });
});
