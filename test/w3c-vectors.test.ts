import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../src/jsonld/documentLoader.js';
import { signDataIntegrity } from '../src/signing/signDataIntegrity.js';
import { loadKeyPair } from '../src/keys/issuerKey.js';
import { createKeyDocuments } from '../src/verifying/keyDocuments.js';
import { Verifier } from '../src/verifying/verifier.js';

const VECTORS = new URL('../../shared/vectors/vc-di-eddsa/', import.meta.url);
const readText = (name: string): string => readFileSync(new URL(name, VECTORS), 'utf8');
const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readText(name)) as Record<string, unknown>;

// The examples context is only ever loaded here: production never resolves it.
const testLoader = createDocumentLoader(
  async (did) => {
    const { driver } = await import('@digitalbazaar/did-method-key');
    const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
    const didKey = driver();
    didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
    return didKey.get({ did });
  },
  new Map([
    ['https://www.w3.org/ns/credentials/examples/v2', readJson('examples-v2-context.json')],
  ]),
);

async function signVector(): Promise<Record<string, unknown>> {
  const keyPair = readJson('keyPair.json') as {
    publicKeyMultibase: string;
    privateKeyMultibase: string;
  };
  const proofConfig = readJson('proofConfigDataInt.json') as {
    verificationMethod: string;
    created: string;
  };
  const signer = await loadKeyPair({
    id: proofConfig.verificationMethod,
    controller: proofConfig.verificationMethod.split('#')[0] ?? '',
    publicKeyMultibase: keyPair.publicKeyMultibase,
    secretKeyMultibase: keyPair.privateKeyMultibase,
  });
  return signDataIntegrity(readJson('unsigned.json'), signer, testLoader, proofConfig.created);
}

/** Key order is not part of a JSON document's meaning; compare with keys sorted. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

describe('W3C eddsa-rdfc-2022 test vectors', () => {
  it('reproduces signedDataInt.json from keyPair, unsigned document and proof options', async () => {
    const signed = await signVector();
    const expected = readJson('signedDataInt.json');
    const proof = signed.proof as Record<string, unknown>;
    const expectedProof = expected.proof as Record<string, unknown>;
    expect(Buffer.from(String(proof.proofValue))).toEqual(
      Buffer.from(String(expectedProof.proofValue)),
    );
    expect(sortedJson(signed)).toBe(sortedJson(expected));
  });

  it('canonicalises the document with the bundled contexts to the published N-Quads', async () => {
    const nquads = await jsonld.canonize(readJson('unsigned.json'), {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: testLoader,
    });
    expect(nquads).toBe(readText('canonDocDataInt.txt'));
    expect(createHash('sha256').update(nquads).digest('hex')).toBe(
      readText('docHashDataInt.txt').trim(),
    );
  });

  it('verifies the published signed vector and rejects it once altered', async () => {
    const verifier = new Verifier({
      keys: createKeyDocuments(testLoader, () => Promise.reject(new Error('offline'))),
      statusLists: {
        fetchStatusList: () => Promise.reject(new Error('the vector has no status')),
      },
      constituents: { findConstituent: async () => undefined },
      clock: () => new Date(),
      jwtClockSkewSeconds: 60,
    });
    const report = await verifier.verify(readJson('signedDataInt.json'));
    expect(report.checks.find((c) => c.id === 'proof.signature')?.outcome).toBe('success');
    const altered = { ...readJson('signedDataInt.json'), name: 'Altered Credential' };
    const alteredReport = await verifier.verify(altered);
    expect(alteredReport.checks.find((c) => c.id === 'proof.signature')?.outcome).toBe('failure');
  });
});
