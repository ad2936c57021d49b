import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/problems.js';
import { jwtPayloadOf, signJwtWith } from './helpers/forgeries.js';
import { award, createIssuer, verify, type AnyJson } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

/** A vc+jwt of a genuine award, with `iat` the given seconds ahead of now, signed by its issuer. */
async function jwtIssuedAhead(app: TestApp, seconds: number): Promise<string> {
  const issuer = await createIssuer(app.baseUrl, 'skew-ngo');
  const credential = (await award(app.baseUrl, issuer)).body.credential as AnyJson;
  const key = await app.services.issuers.signingKey(await app.services.issuers.get(issuer.slug));
  const iat = Math.floor(Date.now() / 1000) + seconds;
  return signJwtWith({ ...jwtPayloadOf(credential), iat }, key);
}

const proofCheck = (body: AnyJson): AnyJson =>
  (body.checks as AnyJson[]).find((check) => check.id === 'proof.signature') ?? {};

describe('JWT_CLOCK_SKEW_SECONDS', () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  it('tolerates a signer clock 30 s ahead by default', async () => {
    app = await startTestApp();
    const response = await verify(app.baseUrl, await jwtIssuedAhead(app, 30));
    expect(response.status).toBe(200);
  });

  it('refuses the same token when the skew allowed is 0', async () => {
    app = await startTestApp({ env: { JWT_CLOCK_SKEW_SECONDS: '0' } });
    const response = await verify(app.baseUrl, await jwtIssuedAhead(app, 30));
    expect(response.status).toBe(422);
    expect(proofCheck(response.body).problem.type).toMatch(/\/jwt-issued-in-future$/);
  });

  it.each(['-1', 'soon', '601'])('stops the start on %s, naming the variable', (bad) => {
    expect(() => loadConfig({ JWT_CLOCK_SKEW_SECONDS: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_CLOCK_SKEW_SECONDS: bad })).toThrow(/^JWT_CLOCK_SKEW_SECONDS:/);
  });
});
