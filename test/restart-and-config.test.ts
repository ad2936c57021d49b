import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/problems.js';
import { DEVELOPMENT_SECRET_FILE } from '../src/secrets.js';
import { award, createIssuer, request, verify } from './helpers/http.js';
import { makeDataDir, startTestApp } from './helpers/testApp.js';

describe('restart', () => {
  it('keeps issuers, keys, API keys and credentials across a restart on the same DATA_DIR', async () => {
    const dataDir = makeDataDir();
    const first = await startTestApp({ dataDir });
    const ngo = await createIssuer(first.baseUrl, 'ngo');
    const issued = await award(first.baseUrl, ngo);
    const uuid = String(issued.body.credential.id).replace('urn:uuid:', '');
    await first.stop();

    // Same PUBLIC_URL, as a real restart has: the status lists are named by it.
    const second = await startTestApp({ dataDir, port: first.port });
    try {
      const fetched = await request('GET', `${second.baseUrl}/credentials/${uuid}`);
      expect(fetched.body).toEqual(issued.body.credential);
      expect((await verify(second.baseUrl, fetched.body)).body.verified).toBe(true);
      // The same issuer key still works and the same signing key signs.
      const again = await award(second.baseUrl, ngo);
      expect(again.status).toBe(201);
      expect(again.body.credential.proof[0].verificationMethod).toBe(
        issued.body.credential.proof[0].verificationMethod,
      );
    } finally {
      await second.close();
    }
  });

  it('refuses to start with a KEY_ENCRYPTION_SECRET other than the one the keys were sealed with', async () => {
    const dataDir = makeDataDir();
    const first = await startTestApp({ dataDir });
    await first.stop();
    await expect(
      startTestApp({
        dataDir,
        env: { KEY_ENCRYPTION_SECRET: 'a-different-secret-of-enough-length-123' },
      }),
    ).rejects.toThrow(/KEY_ENCRYPTION_SECRET/);
  });

  it('refuses to start without KEY_ENCRYPTION_SECRET on a data directory whose keys it sealed, saying "not set" and writing no secret file', async () => {
    const dataDir = makeDataDir();
    const first = await startTestApp({ dataDir });
    await first.stop();
    const before = readdirSync(dataDir).sort();
    const start = startTestApp({ dataDir, env: { KEY_ENCRYPTION_SECRET: '' } });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/KEY_ENCRYPTION_SECRET: is not set/);
    expect(readdirSync(dataDir).sort()).toEqual(before);
    expect(existsSync(path.join(dataDir, DEVELOPMENT_SECRET_FILE))).toBe(false);
  });

  it('keeps private keys encrypted at rest', async () => {
    const app = await startTestApp();
    try {
      await createIssuer(app.baseUrl, 'ngo');
      const [key] = await app.store.listIssuerKeys('ngo');
      const signer = await app.services.issuers.signingKey(await app.services.issuers.get('ngo'));
      const exported = await signer.export({ secretKey: true });
      expect(key?.sealedSecretKey).toMatch(/^v1\./);
      expect(key?.sealedSecretKey).not.toContain(String(exported.secretKeyMultibase));
    } finally {
      await app.close();
    }
  });
});

describe('configuration', () => {
  const base = { DATA_DIR: '/tmp/x' };

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://example.org' }],
    ['ADMIN_API_KEY', { ADMIN_API_KEY: 'short' }],
    ['KEY_ENCRYPTION_SECRET', { KEY_ENCRYPTION_SECRET: 'short' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('stops with a message naming %s for a bad value', (variable, env) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(new RegExp(`^${variable}:`));
  });

  it('defaults PORT to 3000 and PUBLIC_URL to http://localhost:PORT', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
    expect(loadConfig({ PORT: '8080' }).publicUrl.href).toBe('http://localhost:8080/');
  });

  it('requires KEY_ENCRYPTION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^KEY_ENCRYPTION_SECRET:/);
  });
});
