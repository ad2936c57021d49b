import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  award,
  createIssuer,
  issueViaApi,
  unsignedOpenBadge,
  verify,
  type Issuer,
} from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

// Two years before the machine's date: a stamp taken from the wall clock instead of the injected
// one would be in this service's future and fail dates.validFrom.
const NOW = new Date('2024-11-20T09:30:00Z');

describe('one injected clock for every timestamp', () => {
  let app: TestApp;
  let issuer: Issuer;
  beforeAll(async () => {
    app = await startTestApp({ clock: () => NOW });
    issuer = await createIssuer(app.baseUrl, 'clock-ngo');
  });
  afterAll(() => app.close());

  it('stamps an inline award with the moved clock, and it verifies', async () => {
    const awarded = await award(app.baseUrl, issuer);
    expect(awarded.status).toBe(201);
    expect(awarded.body.credential.validFrom).toBe('2024-11-20T09:30:00Z');
    const report = await verify(app.baseUrl, awarded.body.credential);
    expect(report.status).toBe(200);
    expect(report.body.verdict).toBe('verified');
  });

  it('stamps a VC-API credential without validFrom with the moved clock, DI and JWT', async () => {
    for (const format of ['di', 'jwt'] as const) {
      const issued = await issueViaApi(app.baseUrl, issuer, unsignedOpenBadge(issuer), format);
      expect(issued.status).toBe(201);
      const report = await verify(app.baseUrl, issued.body.verifiableCredential);
      expect(report.status, format).toBe(200);
    }
  });
});
