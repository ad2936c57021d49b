import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { loadConfig } from '../src/config.js';
import type { AwardInput } from '../src/issuing/issuingService.js';
import { VC_JWT_TYPE } from '../src/signing/signJwt.js';
import type { JsonObject } from '../src/core/json.js';
import { privateJwkOf, type Ed25519KeyPair } from '../src/keys/issuerKey.js';
import { createLogger } from '../src/logger.js';
import { createServices, type Services } from '../src/services.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';
import { opsPerSecond, readSettings, repeat, type Settings } from './measure.js';
import { formatTable, type Row } from './table.js';

const SLUG = 'bench';
const AWARD: AwardInput = {
  achievement: {
    name: 'Benchmark Badge',
    description: 'Awarded by the benchmark.',
    criteria: { narrative: 'Run npm run bench.' },
  },
  recipient: { email: 'learner@example.org' },
};

type JoseKey = Awaited<ReturnType<typeof importJWK>>;

/** What both sides sign and verify with: one issuer, its key, and credentials it issued. */
interface Fixture {
  services: Services;
  keyPair: Ed25519KeyPair;
  kid: string;
  privateKey: JoseKey;
  publicKey: JoseKey;
  /** An unsigned credential shaped exactly as award builds it, status entries included. */
  template: JsonObject;
  /** The same without status entries: what a VC-API caller sends, since we assign them. */
  issueRequest: JsonObject;
  diCredential: JsonObject;
  jws: string;
}

interface Operation {
  name: string;
  ours: () => Promise<unknown>;
  direct: () => Promise<unknown>;
}

/** Real services on a fresh SQLite DATA_DIR that is removed afterwards, whatever happens. */
async function withServices<T>(run: (services: Services) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'credentials-bench-'));
  let store: SqliteStore | undefined;
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      ADMIN_API_KEY: 'bench-admin-key-0123456789abcdefghijklmnop',
      KEY_ENCRYPTION_SECRET: 'bench-encryption-secret-0123456789abcdefghij',
      LOG_LEVEL: 'silent',
    });
    store = SqliteStore.inDataDir(config.dataDir);
    return await run(await createServices(config, store, createLogger(config.logLevel)));
  } finally {
    await store?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Every issue needs a new id: the store rejects duplicates, and direct signing should match. */
function withFreshId(credential: JsonObject): JsonObject {
  return { ...credential, id: `urn:uuid:${crypto.randomUUID()}` };
}

function without(credential: JsonObject, ...fields: string[]): JsonObject {
  const copy = { ...credential };
  for (const field of fields) delete copy[field];
  return copy;
}

function assertVerified(result: { verified: boolean }, what: string): void {
  if (!result.verified) throw new Error(`${what} did not verify`);
}

async function prepare(services: Services): Promise<Fixture> {
  const { issuer } = await services.issuers.create({ slug: SLUG, name: 'Benchmark Issuer' });
  // Suspension on, so the status-change row can flip a bit both ways.
  await services.issuers.setStatusPurposes(SLUG, ['revocation', 'suspension']);
  const keyPair = await services.issuers.signingKey(issuer);
  if (!keyPair.id) throw new Error('signing key has no verification method id');
  const awarded = (await services.issuing.award(SLUG, AWARD)).verifiableCredential;
  if (typeof awarded === 'string') throw new Error('award returned a JWT, expected Data Integrity');
  const template = without(awarded, 'proof');
  const issueRequest = without(template, 'credentialStatus');
  const issued = await services.vcApiIssue.issue(SLUG, withFreshId(issueRequest), {
    format: 'jwt',
  });
  if (typeof issued.verifiableCredential !== 'string') throw new Error('issue returned no JWT');
  return {
    services,
    keyPair,
    kid: keyPair.id,
    // toJwk alone puts the 64-byte seed+public key in `d`, which WebCrypto rejects.
    privateKey: await importJWK(await privateJwkOf(keyPair), 'EdDSA'),
    publicKey: await importJWK(await Ed25519Multikey.toJwk({ keyPair }), 'EdDSA'),
    template,
    issueRequest,
    diCredential: awarded,
    jws: issued.verifiableCredential,
  };
}

function directIssueDataIntegrity(fixture: Fixture): Promise<JsonObject> {
  const suite = new DataIntegrityProof({
    signer: fixture.keyPair.signer(),
    cryptosuite: eddsaRdfc2022,
  });
  const documentLoader = fixture.services.documentLoader;
  return vc.issue({ credential: withFreshId(fixture.template), suite, documentLoader });
}

function directIssueJwt(fixture: Fixture): Promise<string> {
  const payload = new TextEncoder().encode(JSON.stringify(withFreshId(fixture.template)));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, cty: 'vc', kid: fixture.kid })
    .sign(fixture.privateKey);
}

/** The baseline must produce credentials our verifier accepts, or the comparison is void. */
async function assertBaselineEquivalent(fixture: Fixture): Promise<void> {
  const { verifier } = fixture.services;
  assertVerified(
    await verifier.verify(await directIssueDataIntegrity(fixture)),
    'direct DI credential',
  );
  assertVerified(await verifier.verify(await directIssueJwt(fixture)), 'direct JWT');
}

/** The direct verifier reads our status lists as any other verifier would, minus the network. */
function directDocumentLoader(services: Services) {
  return async (url: string) =>
    services.status.isOwnListUrl(url)
      ? {
          contextUrl: null,
          documentUrl: url,
          document: (await services.status.publishByUrl(url)).credential,
        }
      : services.documentLoader(url);
}

function operations(fixture: Fixture): Operation[] {
  const { services, diCredential, jws } = fixture;
  const documentLoader = directDocumentLoader(services);
  return [
    {
      name: 'issue DI (award)',
      ours: () => services.issuing.award(SLUG, AWARD),
      direct: () => directIssueDataIntegrity(fixture),
    },
    {
      name: 'issue JWT',
      ours: () =>
        services.vcApiIssue.issue(SLUG, withFreshId(fixture.issueRequest), { format: 'jwt' }),
      direct: () => directIssueJwt(fixture),
    },
    {
      name: 'verify DI',
      ours: async () => assertVerified(await services.verifier.verify(diCredential), 'ours DI'),
      direct: async () => {
        const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
        const result = await vc.verifyCredential({
          credential: diCredential,
          suite,
          documentLoader,
          checkStatus,
        });
        assertVerified(result, 'direct DI');
      },
    },
    {
      name: 'verify JWT',
      ours: async () => assertVerified(await services.verifier.verify(jws), 'ours JWT'),
      // compactVerify throws when the signature does not verify.
      direct: () => compactVerify(jws, fixture.publicKey, { algorithms: ['EdDSA'] }),
    },
  ];
}

async function measure(operation: Operation, iterations: number): Promise<Row> {
  const ours = await opsPerSecond(operation.ours, iterations);
  const direct = await opsPerSecond(operation.direct, iterations);
  return { operation: operation.name, ours, direct };
}

/** Warm every code path first: JSON-LD, canonicalisation and crypto are shared across rows. */
async function warmUp(all: readonly Operation[], times: number): Promise<void> {
  for (const operation of all) {
    await repeat(operation.ours, times);
    await repeat(operation.direct, times);
  }
}

/**
 * How long from a status change until a fetched list shows it: the change, then building,
 * signing and decoding the list, as a verifier's next fetch would.
 */
async function statusFlipMilliseconds(fixture: Fixture, times: number): Promise<number> {
  const { services } = fixture;
  const uuid = String(fixture.diCredential.id).replace('urn:uuid:', '');
  const record = await services.issuing.find(uuid);
  const entry = ([] as unknown[]).concat(fixture.diCredential.credentialStatus)[1] as JsonObject;
  const index = Number(entry.statusListIndex);
  const url = String(entry.statusListCredential);
  let total = 0;
  for (let i = 0; i < times; i++) {
    const suspend = i % 2 === 0;
    const start = performance.now();
    await services.status.change(record, suspend ? 'suspend' : 'reinstate', 'bench', 'bench');
    const list = (await services.status.publishByUrl(url)).credential;
    const subject = list.credentialSubject as { encodedList: string };
    const bit = (await decodeList({ encodedList: subject.encodedList })).getStatus(index);
    total += performance.now() - start;
    if (bit !== suspend) throw new Error('the list did not show the change');
  }
  return total / times;
}

async function bench(
  services: Services,
  settings: Settings,
): Promise<{ rows: Row[]; flipMs: number }> {
  const fixture = await prepare(services);
  await assertBaselineEquivalent(fixture);
  const all = operations(fixture);
  await warmUp(all, settings.warmup);
  const rows: Row[] = [];
  for (const operation of all) rows.push(await measure(operation, settings.iterations));
  const flipMs = await statusFlipMilliseconds(fixture, Math.min(settings.iterations, 200));
  return { rows, flipMs };
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const { rows, flipMs } = await withServices((services) => bench(services, settings));
  process.stdout.write(
    `${settings.iterations} iterations per operation after ${settings.warmup} warm-up calls of each, sequential\n\n`,
  );
  process.stdout.write(`${formatTable(rows)}\n`);
  process.stdout.write(
    `\nverify DI, both sides: proof and both status lists read (ours also issuer binding, dates, stack);\n` +
      `verify JWT, direct side: signature only.\n` +
      `status change visible in the next fetched list after ${flipMs.toFixed(1)} ms (change, build, sign, decode)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
