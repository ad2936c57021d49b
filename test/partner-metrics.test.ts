// Partner metrics through the real app, on each store: awards of several achievements (a DX
// Passport stack among them) with cohort and region tags, a revocation, a renewal, an expiry, a
// wallet claim, learner e-mail, page views and verifications; the metrics JSON says exactly
// those counts, the CSV says what the JSON says, a partner group shows its partners side by side,
// and bad dates are a 400 problem.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardModule, changeStatus } from './helpers/catalogAwards.js';
import { request, type AnyJson } from './helpers/http.js';
import { mongoTarget } from './helpers/mongoTarget.js';
import { eventually, startSmtpReceiver, type SmtpReceiver } from './helpers/smtpReceiver.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';
import { claimWith, makeWallet } from './helpers/testWallet.js';
import { findSchemaErrors } from '../src/schemas.js';

const STORES = ['sqlite', 'mongo'] as const;
const mongo = mongoTarget();
const HOUR_MS = 3_600_000;
const DAY = '2026-03-10';
const PERIOD = `from=${DAY}&to=${DAY}`;

const uuidOf = (id: string): string => id.replace('urn:uuid:', '');

async function metricsOf(app: TestApp, slug: string, query = PERIOD): Promise<AnyJson> {
  const response = await request(
    'GET',
    `${app.baseUrl}/issuers/${slug}/metrics?${query}`,
    undefined,
    {
      key: ADMIN_KEY,
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(findSchemaErrors('issuer-metrics', response.body)).toEqual([]);
  return response.body;
}

async function csvOf(
  app: TestApp,
  path: string,
  accept?: string,
): Promise<Record<string, string>[]> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(accept ? { accept } : {}) },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/csv');
  return parse(await response.text(), { columns: true }) as Record<string, string>[];
}

const row = (metrics: AnyJson, achievement: string | null): AnyJson =>
  (metrics.achievements as AnyJson[]).find((each) => each.achievement === achievement) ?? {};

for (const store of STORES) {
  describe.skipIf(store === 'mongo' && mongo.uri === undefined)(
    `partner metrics on the ${store} store`,
    () => {
      let app: TestApp;
      let receiver: SmtpReceiver;
      let now = Date.parse(`${DAY}T09:00:00Z`);
      const tag = `${store}-${Date.now()}`;
      const email = (name: string) => `${name}.${tag}@example.org`;
      let dana: AnyJson;
      let eli: AnyJson;

      beforeAll(async () => {
        receiver = await startSmtpReceiver();
        app = await startTestApp({
          store,
          clock: () => new Date(now),
          env: { SMTP_URL: receiver.url, EMAIL_FROM: 'Badges <badges@example.org>' },
        });
        const spring = { cohort: '2026-spring', region: 'Tokyo' };
        const autumn = { cohort: '2026-autumn', region: 'Osaka' };
        // DX Passport: Aki holds all three exams, Ben two, Chie one.
        for (const module of ['it-passport', 'g-kentei', 'ds-kentei'])
          expect((await awardModule(app.baseUrl, module, email('aki'), spring)).status).toBe(201);
        for (const module of ['it-passport', 'g-kentei'])
          expect((await awardModule(app.baseUrl, module, email('ben'), spring)).status).toBe(201);
        expect((await awardModule(app.baseUrl, 'it-passport', email('chie'), autumn)).status).toBe(
          201,
        );
        // Bridge NGO: Dana earns digital basics and data literacy (and so the bronze tier); Eli's
        // digital basics is revoked; Fumi's runs out within the day; Dana's data literacy renewed.
        dana = (await awardModule(app.baseUrl, 'digital-basics', email('dana'), spring)).body;
        expect(
          (await awardModule(app.baseUrl, 'data-literacy', email('dana'), spring)).body.stacked,
        ).toHaveLength(1);
        eli = (await awardModule(app.baseUrl, 'digital-basics', email('eli'), autumn)).body;
        expect((await changeStatus(app.baseUrl, eli.credential.id, 'revoke', 'error')).status).toBe(
          200,
        );
        const fumi = await awardModule(app.baseUrl, 'digital-basics', email('fumi'), {
          ...autumn,
          validUntil: new Date(now + HOUR_MS).toISOString(),
        });
        expect(fumi.status, JSON.stringify(fumi.body)).toBe(201);
        const danaLiteracy = (await app.services.issuerCredentials.newest('bridge-ngo', 10)).find(
          (item) => item.achievementKey === 'data-literacy',
        );
        const renewed = await request(
          'POST',
          `${app.baseUrl}/credentials/${danaLiteracy?.id}/renew`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(renewed.status).toBe(201);
        // Dana claims digital basics into a wallet.
        const offer = await request(
          'POST',
          `${app.baseUrl}/credentials/${uuidOf(dana.credential.id)}/offers`,
          undefined,
          { key: ADMIN_KEY },
        );
        expect(offer.status).toBe(201);
        const wallet = await makeWallet(app.services.documentLoader);
        expect((await claimWith(wallet, offer.body.exchangeUrl)).status).toBe(200);
      });
      afterAll(async () => {
        await app?.close();
        await receiver?.close();
      });

      it('counts page views and verifications by others exactly, and nothing else as either', async () => {
        const page = `${app.baseUrl}/c/${uuidOf(dana.credential.id)}`;
        for (let i = 0; i < 3; i += 1) {
          const opened = await fetch(page, { headers: { accept: 'text/html' } });
          expect(opened.status).toBe(200);
        }
        // The signed document at the same URL, for a wallet, is not a page view.
        expect((await request('GET', page)).status).toBe(200);
        for (let i = 0; i < 2; i += 1) {
          const checked = await request('POST', `${app.baseUrl}/credentials/verify`, {
            verifiableCredential: dana.credential,
          });
          expect(checked.status).toBe(200);
        }
        const form = new FormData();
        form.set('credential', JSON.stringify(dana.credential));
        expect((await fetch(`${app.baseUrl}/verify`, { method: 'POST', body: form })).status).toBe(
          200,
        );
        // A forgery under the same id adds nothing; a revoked credential looked at still counts.
        const forged = await request('POST', `${app.baseUrl}/credentials/verify`, {
          verifiableCredential: { ...dana.credential, name: 'Brain surgery' },
        });
        expect(forged.status).toBe(422);
        expect(
          (
            await request('POST', `${app.baseUrl}/credentials/verify`, {
              verifiableCredential: eli.credential,
            })
          ).status,
        ).toBe(422);

        const metrics = await metricsOf(app, 'bridge-ngo');
        expect(row(metrics, 'digital-basics')).toMatchObject({
          issued: 3,
          pageViews: 3,
          verifications: 4,
          revoked: 1,
          claimedIntoWallets: 1,
        });
        expect(metrics.daily).toEqual([{ day: DAY, issued: 6, pageViews: 3, verifications: 4 }]);
        // Nothing about who asked is kept: a counter row is an id, a day, a kind and a number.
        for await (const entry of app.store.exportRecords(['credential_use_counts'])) {
          expect(Object.keys(entry.record).sort()).toEqual(
            ['count', 'credentialId', 'day', 'issuerSlug', 'kind'].sort(),
          );
        }
      });

      it('says what was issued, delivered, revoked, expired, renewed and claimed, per achievement and in total', async () => {
        // The learner e-mails go out from the background job: one per award to an address, none
        // for Eli's (revoked before it went) or the renewal (it names no address).
        const delivered = await eventually(
          async () => (await metricsOf(app, 'bridge-ngo')).totals.emailsDelivered as number,
          (count) => count >= 4,
        );
        expect(delivered).toBe(4);
        now += 2 * HOUR_MS;
        const metrics = await metricsOf(app, 'bridge-ngo');
        expect(metrics.issuer).toEqual({ slug: 'bridge-ngo', name: expect.any(String) });
        expect(metrics.period).toEqual({ from: DAY, to: DAY });
        expect(row(metrics, 'digital-basics')).toMatchObject({
          issued: 3,
          revoked: 1,
          expired: 1,
          emailsDelivered: 2,
        });
        expect(row(metrics, 'data-literacy')).toMatchObject({
          issued: 2,
          renewed: 1,
          emailsDelivered: 1,
        });
        expect(row(metrics, 'ai-ready-bronze')).toMatchObject({ issued: 1, renewed: 0 });
        expect(metrics.totals).toEqual({
          issued: 6,
          emailsDelivered: 4,
          pageViews: 3,
          verifications: 4,
          claimedIntoWallets: 1,
          revoked: 1,
          expired: 1,
          renewed: 1,
        });
        // The day before saw none of it.
        const before = await metricsOf(app, 'bridge-ngo', 'from=2026-03-01&to=2026-03-09');
        expect(Object.values(before.totals).every((n) => n === 0)).toBe(true);
        expect(before.daily).toHaveLength(9);
      });

      it('shows the DX Passport funnel and the skill map by cohort and region', async () => {
        const diLite = await metricsOf(app, 'di-lite');
        expect(diLite.totals.issued).toBe(6);
        expect(diLite.funnels).toHaveLength(1);
        const funnel = (diLite.funnels as AnyJson[])[0] ?? {};
        expect(funnel.tiers.map((t: AnyJson) => t.achievement)).toEqual([
          'dx-passport-1',
          'dx-passport-2',
          'dx-passport-3',
        ]);
        expect(funnel.steps).toEqual([
          { parts: 1, learners: 3 },
          { parts: 2, learners: 2 },
          { parts: 3, learners: 1 },
        ]);
        const ipa = await metricsOf(app, 'ipa');
        expect(row(ipa, 'it-passport').issued).toBe(3);
        const cells = (metrics: AnyJson, tagName: string) =>
          (metrics.skillMap[tagName] as AnyJson[]).map((cell) => [
            cell.achievement,
            cell.tag,
            cell.learners,
          ]);
        expect(cells(ipa, 'cohort')).toEqual([
          ['it-passport', '2026-autumn', 1],
          ['it-passport', '2026-spring', 2],
        ]);
        expect(cells(ipa, 'region')).toEqual([
          ['it-passport', 'Osaka', 1],
          ['it-passport', 'Tokyo', 2],
        ]);
        // Tiers carry no tags: a learner's tiers count under the tags of their awards.
        expect(cells(diLite, 'cohort')).toEqual(
          [
            ['dx-passport-1', '2026-spring', 2],
            ['dx-passport-1', '2026-autumn', 1],
            ['dx-passport-2', '2026-spring', 2],
            ['dx-passport-3', '2026-spring', 1],
          ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
        );
        // Bridge: Eli's revoked and Fumi's expired credentials are no longer held.
        const bridge = await metricsOf(app, 'bridge-ngo');
        expect(cells(bridge, 'cohort')).toEqual([
          ['ai-ready-bronze', '2026-spring', 1],
          ['data-literacy', '2026-spring', 1],
          ['digital-basics', '2026-spring', 1],
        ]);
      });

      it('answers the same numbers as CSV, by Accept or by the .csv path', async () => {
        const metrics = await metricsOf(app, 'bridge-ngo');
        const byAccept = await csvOf(app, `/issuers/bridge-ngo/metrics?${PERIOD}`, 'text/csv');
        const byPath = await csvOf(app, `/issuers/bridge-ngo/metrics.csv?${PERIOD}`);
        expect(byPath).toEqual(byAccept);
        const names = [
          ['issued', 'issued'],
          ['emails_delivered', 'emailsDelivered'],
          ['page_views', 'pageViews'],
          ['verifications', 'verifications'],
          ['claimed_into_wallets', 'claimedIntoWallets'],
          ['revoked', 'revoked'],
          ['expired', 'expired'],
          ['renewed', 'renewed'],
        ] as const;
        const asJson = (line: Record<string, string>) =>
          Object.fromEntries(names.map(([csv, json]) => [json, Number(line[csv])]));
        expect(byPath.map((line) => line.achievement)).toEqual([
          ...(metrics.achievements as AnyJson[]).map((a) => a.achievement ?? ''),
          'total',
        ]);
        for (const line of byPath.slice(0, -1)) {
          const { achievement: _a, name: _n, ...counts } = row(metrics, line.achievement ?? '');
          expect(asJson(line)).toEqual(counts);
        }
        expect(asJson(byPath.at(-1) ?? {})).toEqual(metrics.totals);
        const funnel = await csvOf(app, `/issuers/di-lite/metrics.csv?${PERIOD}&part=funnel`);
        expect(funnel.map((line) => [line.at_least_parts, line.learners])).toEqual([
          ['1', '3'],
          ['2', '2'],
          ['3', '1'],
        ]);
        const skills = await csvOf(app, `/issuers/ipa/metrics.csv?${PERIOD}&part=skills`);
        expect(skills.map((line) => [line.tag, line.value, line.learners])).toEqual([
          ['cohort', '2026-autumn', '1'],
          ['cohort', '2026-spring', '2'],
          ['region', 'Osaka', '1'],
          ['region', 'Tokyo', '2'],
        ]);
      });

      it('puts a partner group side by side, for the admin and its partners only', async () => {
        const created = await request(
          'POST',
          `${app.baseUrl}/partner-groups`,
          { name: 'DX programme', issuers: ['ipa', 'jdla', 'dss', 'di-lite'] },
          { key: ADMIN_KEY },
        );
        expect(created.status).toBe(201);
        const path = `/partner-groups/${created.body.id}/metrics?${PERIOD}`;
        const group = await request('GET', `${app.baseUrl}${path}`, undefined, { key: ADMIN_KEY });
        expect(group.status).toBe(200);
        expect(findSchemaErrors('partner-group-metrics', group.body)).toEqual([]);
        expect(
          (group.body.partners as AnyJson[]).map((p) => [p.issuer.slug, p.totals.issued]),
        ).toEqual([
          ['ipa', 3],
          ['jdla', 2],
          ['dss', 1],
          ['di-lite', 6],
        ]);
        expect(group.body.totals.issued).toBe(12);
        const csv = await csvOf(app, path, 'text/csv');
        expect(csv.map((line) => [line.issuer, line.issued])).toEqual([
          ['ipa', '3'],
          ['jdla', '2'],
          ['dss', '1'],
          ['di-lite', '6'],
          ['total', '12'],
        ]);
        // A partner's key with metrics:read sees the group; another issuer's key does not.
        const keyOf = async (slug: string) => {
          const made = await request(
            'POST',
            `${app.baseUrl}/issuers/${slug}/scoped-keys`,
            { name: `metrics-${slug}`, scopes: ['metrics:read'] },
            { key: ADMIN_KEY },
          );
          expect(made.status).toBe(201);
          return String(made.body.apiKey);
        };
        const asPartner = await request('GET', `${app.baseUrl}${path}`, undefined, {
          key: await keyOf('jdla'),
        });
        expect(asPartner.body).toEqual(group.body);
        const outsider = await request('GET', `${app.baseUrl}${path}`, undefined, {
          key: await keyOf('bridge-ngo'),
        });
        expect(outsider.status).toBe(403);
        const unknown = await request(
          'POST',
          `${app.baseUrl}/partner-groups`,
          { name: 'Nobody', issuers: ['ipa', 'no-such-issuer'] },
          { key: ADMIN_KEY },
        );
        expect(unknown.status).toBe(422);
        expect(unknown.body.errors).toEqual([
          { field: 'issuers[1]', message: 'no issuer "no-such-issuer"' },
        ]);
        const listed = await request('GET', `${app.baseUrl}/partner-groups`, undefined, {
          key: ADMIN_KEY,
        });
        expect(listed.body.groups.map((g: AnyJson) => g.id)).toContain(created.body.id);
      });

      it('refuses bad dates with a 400 problem naming the field, and tags that are not short text', async () => {
        for (const [query, field] of [
          ['from=2026-03-11&to=2026-03-10', 'from'],
          ['from=2026-02-30&to=2026-03-10', 'from'],
          ['from=10.03.2026', 'from'],
          ['to=tomorrow', 'to'],
        ] as const) {
          const refused = await request(
            'GET',
            `${app.baseUrl}/issuers/bridge-ngo/metrics?${query}`,
            undefined,
            { key: ADMIN_KEY },
          );
          expect(refused.status, query).toBe(400);
          expect(refused.contentType).toContain('application/problem+json');
          expect(refused.body.type).toMatch(/invalid-period$/);
          expect(refused.body.errors[0].field).toBe(field);
        }
        const long = await awardModule(app.baseUrl, 'digital-basics', email('gin'), {
          cohort: 'x'.repeat(65),
        });
        expect(long.status).toBe(422);
        expect(JSON.stringify(long.body.errors)).toContain('cohort');
      });

      // Last: it adds views the totals above do not include.
      it("writes a busy page's views as a few additions, without a report asking for them", async () => {
        const id = uuidOf(dana.credential.id);
        const storedRows = async () => {
          let rows = 0;
          for await (const entry of app.store.exportRecords(['credential_use_counts']))
            if ((entry.record as AnyJson).credentialId === id) rows += 1;
          return rows;
        };
        const viewsStored = async () =>
          (await app.store.listCredentialUseCounts('bridge-ngo', DAY, DAY))
            .filter((count) => count.credentialId === id && count.kind === 'view')
            .reduce((sum, count) => sum + count.count, 0);
        const rowsBefore = await storedRows();
        const viewsBefore = await viewsStored();
        for (let i = 0; i < 30; i += 1) {
          const opened = await fetch(`${app.baseUrl}/c/${id}`, {
            headers: { accept: 'text/html' },
          });
          expect(opened.status).toBe(200);
        }
        // The background job writes them (nothing here reads a report, which would write first).
        expect(await eventually(viewsStored, (views) => views === viewsBefore + 30)).toBe(
          viewsBefore + 30,
        );
        // One addition per credential, day and kind each second, not one write per view.
        expect((await storedRows()) - rowsBefore).toBeLessThan(10);
      });
    },
  );
}
