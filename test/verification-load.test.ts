import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { award, createIssuer, request, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

/** A genuine credential with `count` evidence items added: heavy to canonicalize, then refused. */
function withEvidence(credential: AnyJson, count: number, narrative = ''): AnyJson {
  return {
    ...credential,
    evidence: Array.from({ length: count }, (_, index) => ({
      type: ['Evidence'],
      name: `item ${index}`,
      ...(narrative ? { narrative } : {}),
    })),
  };
}

describe('verification cannot freeze the service', () => {
  let app: TestApp;
  let issued: AnyJson;

  beforeAll(async () => {
    app = await startTestApp();
    const issuer = await createIssuer(app.baseUrl, 'heavy-docs');
    issued = (await award(app.baseUrl, issuer)).body.credential;
  });
  afterAll(() => app.close());

  it('refuses a credential with 12,000 evidence items before checking any proof', async () => {
    const response = await request('POST', `${app.baseUrl}/credentials/verify`, {
      verifiableCredential: withEvidence(issued, 12_000),
    });
    expect(response.status).toBe(422);
    const proof = response.body.checks.find((check: AnyJson) => check.id === 'proof.signature');
    expect(proof.outcome).toBe('failure');
    expect(proof.problem.type).toMatch(/\/credential-too-large$/);
    expect(proof.problem.detail).toMatch(/12000 items/);
  });

  it('answers /healthz while ten 12,000-item credentials are being verified', async () => {
    const heavy = withEvidence(issued, 12_000);
    let finished = 0;
    const verifications = Array.from({ length: 10 }, () =>
      request('POST', `${app.baseUrl}/credentials/verify`, { verifiableCredential: heavy }).then(
        (response) => {
          finished += 1;
          return response;
        },
      ),
    );
    const health = await request('GET', `${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const responses = await Promise.all(verifications);
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(422));
    expect(finished).toBe(10);
  });

  it('checks large proofs off the event loop: /healthz answers before the first of them ends', async () => {
    // Near the item limit: accepted for checking, and the signature no longer matches.
    const large = withEvidence(issued, 400, 'Evidence narrative of a realistic length.');
    let firstEnded = false;
    const verifications = Array.from({ length: 3 }, () =>
      request('POST', `${app.baseUrl}/credentials/verify`, { verifiableCredential: large }).then(
        (response) => {
          firstEnded = true;
          return response;
        },
      ),
    );
    // Give the requests time to reach the proof check, then ask for health.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const health = await request('GET', `${app.baseUrl}/healthz`);
    const answeredWhileBusy = !firstEnded;
    const responses = await Promise.all(verifications);
    expect(health.status).toBe(200);
    expect(answeredWhileBusy).toBe(true);
    for (const response of responses) {
      expect(response.status).toBe(422);
      const proof = response.body.checks.find((check: AnyJson) => check.id === 'proof.signature');
      expect(proof.problem.type).toMatch(/\/signature-invalid$/);
    }
  });
});
