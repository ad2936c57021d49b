// Issue, verify, revoke and restart through the real app, once on each store.
import { afterEach, describe, expect, it } from 'vitest';
import {
  award,
  createIssuer,
  failedCheck,
  issueViaApi,
  request,
  unsignedOpenBadge,
  verify,
} from '../helpers/http.js';
import { awardModule, changeStatus, progressOf, stateOf } from '../helpers/catalogAwards.js';
import { mongoTarget } from '../helpers/mongoTarget.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();

const uuidOf = (credential: { id: string }) => credential.id.replace('urn:uuid:', '');

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `HTTP on the ${store} store`,
    () => {
      let current: TestApp | undefined;
      const start = async (options: Parameters<typeof startTestApp>[0] = {}) => {
        current = await startTestApp({ ...options, store });
        return current;
      };
      // The last app started owns the data a restart shares; closing it deletes that data.
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });

      it('issues and verifies DI and JWT, and keeps all of it across a restart on the same data', async () => {
        const first = await start();
        const ngo = await createIssuer(first.baseUrl, 'ngo');
        const issued = await award(first.baseUrl, ngo);
        expect(issued.status).toBe(201);
        const credential = issued.body.credential;
        expect((await verify(first.baseUrl, credential)).body.verified).toBe(true);
        expect((await request('GET', issued.body.url)).body).toEqual(credential);
        const issuedJwt = await issueViaApi(first.baseUrl, ngo, unsignedOpenBadge(ngo), 'jwt');
        expect(issuedJwt.status).toBe(201);
        const jwt = String(issuedJwt.body.verifiableCredential);
        expect((await verify(first.baseUrl, jwt)).body.verified).toBe(true);
        await first.stop();

        const second = await start({
          dataDir: first.dataDir,
          mongoDatabase: first.mongoDatabase,
          port: first.port,
        });
        const fetched = await request('GET', `${second.baseUrl}/credentials/${uuidOf(credential)}`);
        expect(fetched.body).toEqual(credential);
        expect((await verify(second.baseUrl, fetched.body)).body.verified).toBe(true);
        expect((await verify(second.baseUrl, jwt)).body.verified).toBe(true);
        const again = await award(second.baseUrl, ngo);
        expect(again.status).toBe(201);
        expect(again.body.credential.proof[0].verificationMethod).toBe(
          credential.proof[0].verificationMethod,
        );
      });

      it('publishes a revocation in the status list that verification reads', async () => {
        const app = await start();
        const ngo = await createIssuer(app.baseUrl, 'ngo');
        const [kept, revoked] = [await award(app.baseUrl, ngo), await award(app.baseUrl, ngo)];
        const change = await request(
          'POST',
          `${app.baseUrl}/credentials/${uuidOf(revoked.body.credential)}/status`,
          { action: 'revoke', reason: 'exam result withdrawn' },
          { key: ngo.apiKey },
        );
        expect(change.status).toBe(200);
        const report = await verify(app.baseUrl, revoked.body.credential);
        expect(report.status).toBe(422);
        expect(failedCheck(report.body)).toBe('status.revocation');
        expect((await verify(app.baseUrl, kept.body.credential)).body.verified).toBe(true);
      });

      it('stacks DX Passport 1-3, then cascades a revocation: DX 2 and 3 revoked, DX 1 issued again', async () => {
        const app = await start();
        const email = 'both-stores@example.org';
        const gKentei = await awardModule(app.baseUrl, 'g-kentei', email);
        const itPassport = await awardModule(app.baseUrl, 'it-passport', email);
        const dsKentei = await awardModule(app.baseUrl, 'ds-kentei', email);
        const tiers = [gKentei, itPassport, dsKentei].map((r) => r.body.stacked[0]);
        expect(tiers.map((t) => t.achievement)).toEqual([
          'dx-passport-1',
          'dx-passport-2',
          'dx-passport-3',
        ]);
        for (const tier of tiers)
          expect((await verify(app.baseUrl, tier.credential)).body.verified).toBe(true);

        await changeStatus(
          app.baseUrl,
          gKentei.body.credential.id,
          'revoke',
          'exam result withdrawn',
        );
        expect(await Promise.all(tiers.map((t) => stateOf(app.baseUrl, t.credential.id)))).toEqual([
          'revoked',
          'revoked',
          'revoked',
        ]);
        const progress = await progressOf(app.baseUrl, email);
        expect(progress['dx-passport-1']?.held).toBeDefined();
        expect(progress['dx-passport-2']?.held).toBeDefined();
        expect(progress['dx-passport-3']).toMatchObject({ met: false, missing: ['g-kentei'] });
        const reissued = await request(
          'GET',
          `${app.baseUrl}/credentials/${(progress['dx-passport-2']?.held ?? '').replace('urn:uuid:', '')}`,
        );
        expect(reissued.body.evidence.map((e: { id: string }) => e.id).sort()).toEqual(
          [itPassport.body.credential.id, dsKentei.body.credential.id].sort(),
        );
        expect((await verify(app.baseUrl, reissued.body)).body.verified).toBe(true);
      });

      it('50 concurrent awards: 50 stored credentials at 50 status positions, each verifiable', async () => {
        const app = await start();
        const ngo = await createIssuer(app.baseUrl, 'ngo');
        const responses = await Promise.all(
          Array.from({ length: 50 }, () => award(app.baseUrl, ngo)),
        );
        expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
        const credentials = responses.map((response) => response.body.credential);
        const records = await Promise.all(
          credentials.map((credential) => app.store.findCredential(uuidOf(credential))),
        );
        expect(new Set(records.map((record) => record?.id)).size).toBe(50);
        const positions = records.map(
          (record) => `${record?.status?.listNumber}:${record?.status?.index}`,
        );
        expect(new Set(positions).size).toBe(50);
        const reports = await Promise.all(
          credentials.map((credential) => verify(app.baseUrl, credential)),
        );
        expect(reports.filter((report) => report.body.verified !== true)).toEqual([]);
      });
    },
  );
}
