import { readFileSync } from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as libraryEddsa } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createShapeCanonizer } from '../src/jsonld/shapeCanonizer.js';
import { generateEd25519Key, loadKeyPair } from '../src/keys/issuerKey.js';
import { signDataIntegrity } from '../src/signing/signDataIntegrity.js';
import type { DocumentLoader } from '../src/jsonld/documentLoader.js';
import { awardModule } from './helpers/catalogAwards.js';
import {
  createIssuer,
  request,
  sampleAward,
  statusEntriesOf,
  type AnyJson,
} from './helpers/http.js';
import { issuerKey, transcriptOf } from './helpers/transcripts.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const VECTORS = new URL('../../shared/vectors/vc-di-eddsa/', import.meta.url);
const CREATED = '2026-03-01T09:00:00Z';

let app: TestApp;
let loader: DocumentLoader;
/** Real documents of every kind the service signs, made through the running app. */
const corpus: Array<{ kind: string; document: AnyJson }> = [];

function unsigned(document: AnyJson): AnyJson {
  const { proof: _proof, ...rest } = document;
  return rest;
}

async function collectCorpus(): Promise<void> {
  const add = (kind: string, document: unknown) =>
    corpus.push({ kind, document: unsigned(document as AnyJson) });
  for (const [index, email] of [
    'ana@example.org',
    'bo@example.org',
    'chen@example.org',
  ].entries()) {
    for (const module of ['it-passport', 'g-kentei', 'ds-kentei'].slice(0, index + 1)) {
      const response = await awardModule(app.baseUrl, module, email);
      add('module credential', response.body.credential);
      for (const stacked of (response.body.stacked ?? []) as AnyJson[])
        add('tier credential with constituents', stacked.credential);
    }
    const transcript = await transcriptOf(
      app.baseUrl,
      { email },
      await issuerKey(app.baseUrl, 'di-lite'),
    );
    if (transcript.status === 200) add('CLR transcript', transcript.body);
  }
  const issuer = await createIssuer(app.baseUrl, 'corpus', 'Corpus Issuer', {
    statusPurposes: ['revocation', 'suspension'],
  });
  const awarded = await request('POST', `${app.baseUrl}/issuers/corpus/awards`, sampleAward, {
    key: issuer.apiKey,
  });
  add('inline award with evidence', awarded.body.credential);
  for (const entry of statusEntriesOf(awarded.body.credential)) {
    const list = await request('GET', entry.statusListCredential);
    add('status list credential', list.body);
  }
  add('W3C vector', JSON.parse(readFileSync(new URL('unsigned.json', VECTORS), 'utf8')));
}

beforeAll(async () => {
  app = await startTestApp();
  loader = app.services.documentLoader;
  await collectCorpus();
});

afterAll(async () => {
  await app.close();
});

const options = () => ({ documentLoader: loader, base: null, safe: true });

describe('Data Integrity from learnt document shapes, judged by the library', () => {
  it('has a corpus of every kind the service signs', () => {
    const kinds = new Set(corpus.map((entry) => entry.kind));
    expect([...kinds].sort()).toEqual(
      [
        'CLR transcript',
        'W3C vector',
        'inline award with evidence',
        'module credential',
        'status list credential',
        'tier credential with constituents',
      ].sort(),
    );
  });

  it('gives every corpus document the library N-Quads, quad for quad, once its shape is learnt', async () => {
    const canonizer = createShapeCanonizer(libraryEddsa.canonize);
    // Twice through: a shape is learnt from its second document and judged against the library.
    for (let pass = 0; pass < 2; pass++)
      for (const { document } of corpus) await canonizer.canonize(document, options());
    const before = canonizer.counts();
    for (const { kind, document } of corpus) {
      const library = await libraryEddsa.canonize(document, options());
      const ours = await canonizer.canonize(document, options());
      expect({ kind, quads: ours.split('\n') }).toEqual({ kind, quads: library.split('\n') });
    }
    const after = canonizer.counts();
    expect(after.refused).toBe(0);
    expect(after.templated - before.templated).toBe(corpus.length);
  });

  it('signs every corpus document with a proof byte-identical to @digitalbazaar/vc', async () => {
    const key = await generateEd25519Key();
    const keyPair = await loadKeyPair({
      id: 'did:key:z6MkCorpus#key-1',
      controller: 'did:key:z6MkCorpus',
      ...key,
    });
    for (let pass = 0; pass < 3; pass++) {
      for (const { kind, document } of corpus) {
        const suite = new DataIntegrityProof({
          signer: keyPair.signer(),
          cryptosuite: libraryEddsa,
          date: CREATED,
        });
        const library = await vc.issue({
          credential: structuredClone(document),
          suite,
          documentLoader: loader,
        });
        const ours = await signDataIntegrity(structuredClone(document), keyPair, loader, CREATED);
        expect({ kind, proof: ours.proof }).toEqual({ kind, proof: library.proof });
      }
    }
  });
});

describe('generated awards', () => {
  const text = fc.string({ minLength: 1, maxLength: 40 }).filter((value) => value.trim() !== '');
  const awardInput = fc.record({
    name: text,
    description: text,
    narrative: text,
    lang: fc.option(fc.constantFrom('en', 'ja', 'zh-TW', 'de'), { nil: undefined }),
    evidence: fc.array(
      fc.record({
        name: text,
        narrative: fc.option(text, { nil: undefined }),
        id: fc.option(fc.webUrl(), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    result: fc.option(fc.constantFrom('pass', 'fail', 'distinction'), { nil: undefined }),
  });

  it('gives each generated award the library N-Quads and a byte-identical proof', async () => {
    const canonizer = createShapeCanonizer(libraryEddsa.canonize);
    const key = await generateEd25519Key();
    const keyPair = await loadKeyPair({
      id: 'did:key:z6MkGen#key-1',
      controller: 'did:key:z6MkGen',
      ...key,
    });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(awardInput, async (input) => {
        const awarded = await app.services.issuing.award('corpus', {
          achievement: {
            name: input.name,
            description: input.description,
            criteria: { narrative: input.narrative },
            ...(input.result
              ? {
                  resultDescription: [
                    {
                      id: 'urn:uuid:5f0e8a52-0000-4000-8000-000000000001',
                      name: 'Outcome',
                      resultType: 'Status',
                    },
                  ],
                }
              : {}),
          },
          recipient: { email: 'generated@example.org' },
          evidence: input.evidence.map((item) => ({
            name: item.name,
            ...(item.narrative ? { narrative: item.narrative } : {}),
            ...(item.id ? { id: item.id } : {}),
          })),
          ...(input.result
            ? {
                result: [
                  {
                    resultDescription: 'urn:uuid:5f0e8a52-0000-4000-8000-000000000001',
                    status: 'Completed',
                    value: input.result,
                  },
                ],
              }
            : {}),
          ...(input.lang ? { lang: input.lang } : {}),
        });
        const document = unsigned(awarded.verifiableCredential as AnyJson);
        // Once each: a shape's template comes from earlier awards, never from this one.
        const library = await libraryEddsa.canonize(document, options());
        expect((await canonizer.canonize(document, options())).split('\n')).toEqual(
          library.split('\n'),
        );
        const suite = new DataIntegrityProof({
          signer: keyPair.signer(),
          cryptosuite: libraryEddsa,
          date: CREATED,
        });
        const signedByLibrary = await vc.issue({
          credential: structuredClone(document),
          suite,
          documentLoader: loader,
        });
        const signedByUs = await signDataIntegrity(
          structuredClone(document),
          keyPair,
          loader,
          CREATED,
        );
        expect(signedByUs.proof).toEqual(signedByLibrary.proof);
        compared++;
      }),
      { numRuns: 120 },
    );
    expect(compared).toBe(120);
    const counts = canonizer.counts();
    expect(counts.refused).toBe(0);
    expect(counts.templated).toBeGreaterThan(30);
  });
});
