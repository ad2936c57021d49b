import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateEd25519Key, loadKeyPair, type Ed25519KeyPair } from '../src/keys/issuerKey.js';
import { availableParallelism } from 'node:os';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/core/problems.js';
import { ProofWorkers } from '../src/proofWorkers/proofWorkers.js';
import { signDataIntegrity } from '../src/signing/signDataIntegrity.js';
import { awardModule } from './helpers/catalogAwards.js';
import { award, createIssuer, sampleAward, verify, type AnyJson } from './helpers/http.js';
import { freePort, startService } from './helpers/serviceProcess.js';
import { makeDataDir, startTestApp, type TestApp } from './helpers/testApp.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const CREATED = '2026-03-01T09:00:00Z';

let app: TestApp;
let keyPair: Ed25519KeyPair;
/** Unsigned documents the app signs: module credentials, a tier with its constituents, an award. */
const documents: AnyJson[] = [];

function unsigned(document: AnyJson): AnyJson {
  const { proof: _proof, ...rest } = document;
  return rest;
}

beforeAll(async () => {
  app = await startTestApp();
  for (const module of ['it-passport', 'g-kentei', 'ds-kentei']) {
    const response = await awardModule(app.baseUrl, module, 'ana@example.org');
    documents.push(unsigned(response.body.credential as AnyJson));
    for (const stacked of (response.body.stacked ?? []) as AnyJson[])
      documents.push(unsigned(stacked.credential as AnyJson));
  }
  const issuer = await createIssuer(app.baseUrl, 'workers');
  documents.push(unsigned((await award(app.baseUrl, issuer, sampleAward)).body.credential));
  const key = await generateEd25519Key();
  keyPair = await loadKeyPair({
    id: 'did:key:z6Mkexample#z6Mkexample',
    controller: 'did:key:z6Mkexample',
    ...key,
  });
});

afterAll(async () => {
  await app?.close();
});

describe('proof workers', () => {
  it('sign on their threads, concurrently, the proof made on the main thread byte for byte', async () => {
    expect(documents.length).toBeGreaterThanOrEqual(4);
    const workers = new ProofWorkers(2);
    try {
      const signed = await Promise.all(
        documents.map((document) => workers.sign(structuredClone(document), keyPair, CREATED)),
      );
      expect(workers.threads).toBeGreaterThanOrEqual(1);
      for (const [index, document] of documents.entries()) {
        const inProcess = await signDataIntegrity(
          structuredClone(document),
          keyPair,
          app.services.documentLoader,
          CREATED,
        );
        expect(signed[index]?.proof).toEqual(inProcess.proof);
      }
    } finally {
      await workers.close();
    }
    expect(workers.threads).toBe(0);
    await expect(workers.sign(documents[0] as AnyJson, keyPair)).rejects.toThrow(/closed/);
  });

  it('refuse a document the library refuses with the same problem as on the main thread', async () => {
    const workers = new ProofWorkers(1);
    const bad = { ...(documents[0] as AnyJson), undefinedTerm: 'not in any context' };
    try {
      const [onWorker, inProcess] = await Promise.all([
        workers.sign(structuredClone(bad), keyPair).catch((error: unknown) => error),
        new ProofWorkers(0).sign(structuredClone(bad), keyPair).catch((error: unknown) => error),
      ]);
      expect(onWorker).toMatchObject({
        slug: 'jsonld-invalid',
        status: 422,
        message: '"undefinedTerm" is not defined by any of the credential\'s @context entries',
      });
      expect((onWorker as Error).message).toBe((inProcess as Error).message);
      expect(JSON.stringify(onWorker)).not.toContain('secret');
    } finally {
      await workers.close();
    }
  });

  it('are the app’s: its awards verify, and its threads end when it stops', async () => {
    const own = await startTestApp({ env: { SIGNING_WORKERS: '2' } });
    try {
      const issuer = await createIssuer(own.baseUrl, 'own-workers');
      const awarded = await award(own.baseUrl, issuer, sampleAward);
      expect(awarded.status).toBe(201);
      expect((await verify(own.baseUrl, awarded.body.credential)).body.verified).toBe(true);
      expect(own.services.proofWorkers.size).toBe(2);
      expect(own.services.proofWorkers.threads).toBeGreaterThanOrEqual(1);
    } finally {
      await own.close();
    }
    expect(own.services.proofWorkers.threads).toBe(0);
  });

  it('are as many as the cores unless SIGNING_WORKERS says otherwise; a bad value stops the start', () => {
    expect(loadConfig({}).signingWorkers).toBe(availableParallelism());
    expect(loadConfig({ SIGNING_WORKERS: '0' }).signingWorkers).toBe(0);
    for (const bad of ['-1', 'two', '1.5', '257']) {
      expect(() => loadConfig({ SIGNING_WORKERS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SIGNING_WORKERS: bad })).toThrow(/^SIGNING_WORKERS:/);
    }
  });

  it('sign and verify in the real process (node --import tsx src/main.ts), which still stops with exit 0', async () => {
    const dataDir = makeDataDir();
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const service = await startService(dataDir, port, { SIGNING_WORKERS: '2' });
    try {
      const issuer = await createIssuer(baseUrl, 'process-workers');
      const awarded = await award(baseUrl, issuer, sampleAward);
      expect(awarded.status).toBe(201);
      expect((awarded.body.credential.proof as AnyJson[])[0]?.cryptosuite).toBe('eddsa-rdfc-2022');
      expect((await verify(baseUrl, awarded.body.credential)).body.verified).toBe(true);
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
