import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidOfCredentialId } from '../src/core/ids.js';
import { awardModule, DX_ISSUERS, setStatusPurposes, stateOf } from './helpers/catalogAwards.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

describe('a status change made through the status use case itself', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    for (const slug of DX_ISSUERS) {
      await setStatusPurposes(app.baseUrl, slug, ['revocation', 'suspension']);
    }
  });
  afterAll(() => app.close());

  it('cascades to the tier built on the credential: no caller can change a status and skip it', async () => {
    const awarded = await awardModule(app.baseUrl, 'it-passport', 'direct@example.org');
    expect(awarded.status).toBe(201);
    const moduleId = String(awarded.body.credential.id);
    const tierId = String(awarded.body.stacked[0].credential.id);
    expect(await stateOf(app.baseUrl, tierId)).toBe('active');

    const record = await app.services.issuing.find(uuidOfCredentialId(moduleId) ?? '');
    await app.services.status.change(record, 'suspend', 'exam under review', 'admin');
    expect(await stateOf(app.baseUrl, tierId)).toBe('suspended');

    await app.services.status.change(record, 'reinstate', 'review cleared', 'admin');
    expect(await stateOf(app.baseUrl, tierId)).toBe('active');

    await app.services.status.change(record, 'revoke', 'exam result withdrawn', 'admin');
    expect(await stateOf(app.baseUrl, tierId)).toBe('revoked');
  });
});
