import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { eddsaRdfc2022 as ourEddsaRdfc2022 } from '../src/signing/eddsaRdfc2022.js';
import { signDataIntegrity } from '../src/signing/signDataIntegrity.js';
import type { AwardInput } from '../src/issuing/issuingService.js';
import { VC_JWT_TYPE } from '../src/signing/signJwt.js';
import type { JsonObject } from '../src/core/json.js';
import { privateJwkOf, type Ed25519KeyPair } from '../src/keys/issuerKey.js';
import { createLogger } from '../src/logger.js';
import { createServices, type Services } from '../src/services.js';
import { SqliteStore } from '../src/store/sqlite/sqliteStore.js';
import { opsPerSecond, readSettings, repeat, type Settings } from './measure.js';
import { formatTable, type Row } from './table.js';
import { CONCURRENCY, formatLoadTable, load, type Endpoint, type LoadRow } from './httpLoad.js';
import { httpMarkdown, inProcessMarkdown, scalingMarkdown } from './markdown.js';
import { measureScaling } from './scaling.js';
import { scalingChartSvg } from './scalingChart.js';

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
  baseUrl: string;
  apiKey: string;
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

/**
 * Real services serving HTTP on a free port (PUBLIC_URL names it, so status list URLs point
 * here) on a fresh SQLite DATA_DIR that is removed afterwards, whatever happens.
 */
async function withServices<T>(
  run: (services: Services, baseUrl: string) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'credentials-bench-'));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let store: SqliteStore | undefined;
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      ADMIN_API_KEY: 'bench-admin-key-0123456789abcdefghijklmnop',
      KEY_ENCRYPTION_SECRET: 'bench-encryption-secret-0123456789abcdefghij',
      LOG_LEVEL: 'silent',
      // The load generator is one address: the public verify limit would answer 429s.
      VERIFY_RATE_LIMIT: '1000000',
    });
    store = SqliteStore.inDataDir(config.dataDir);
    const services = await createServices(config, store, createLogger(config.logLevel));
    server.on('request', createApp(services));
    return await run(services, baseUrl);
  } finally {
    await new Promise((resolve) => server.close(resolve));
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

async function prepare(services: Services, baseUrl: string): Promise<Fixture> {
  const { issuer, apiKey } = await services.issuers.create({
    slug: SLUG,
    name: 'Benchmark Issuer',
  });
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
    baseUrl,
    apiKey,
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

function directSuite(fixture: Fixture) {
  return new DataIntegrityProof({ signer: fixture.keyPair.signer(), cryptosuite: eddsaRdfc2022 });
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

/** The proof rows leave status out on both sides: vc refuses a status it is given no check for. */
const proofOnly = async () => ({ verified: true });

function operations(fixture: Fixture): Operation[] {
  const { services, diCredential, jws } = fixture;
  const documentLoader = directDocumentLoader(services);
  return [
    {
      name: 'sign DI (signer)',
      ours: () =>
        signDataIntegrity(withFreshId(fixture.template), fixture.keyPair, services.documentLoader),
      direct: () =>
        vc.issue({
          credential: withFreshId(fixture.template),
          suite: directSuite(fixture),
          documentLoader: services.documentLoader,
        }),
    },
    {
      name: 'verify DI proof',
      ours: async () =>
        assertVerified(
          await vc.verifyCredential({
            credential: diCredential,
            suite: new DataIntegrityProof({ cryptosuite: ourEddsaRdfc2022 }),
            documentLoader,
            checkStatus: proofOnly,
          }),
          'ours DI proof',
        ),
      direct: async () =>
        assertVerified(
          await vc.verifyCredential({
            credential: diCredential,
            suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
            documentLoader,
            checkStatus: proofOnly,
          }),
          'direct DI proof',
        ),
    },
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

function endpoints(fixture: Fixture): Endpoint[] {
  const uuid = String(fixture.diCredential.id).replace('urn:uuid:', '');
  const entry = ([] as unknown[]).concat(fixture.diCredential.credentialStatus)[0] as JsonObject;
  const statusList = new URL(String(entry.statusListCredential)).pathname;
  const auth = { authorization: `Bearer ${fixture.apiKey}` };
  const { id: _id, ...credential } = fixture.issueRequest;
  return [
    {
      name: 'award DI',
      method: 'POST',
      path: `/issuers/${SLUG}/awards`,
      headers: auth,
      body: AWARD,
    },
    {
      name: 'award JWT',
      method: 'POST',
      path: `/issuers/${SLUG}/credentials/issue`,
      headers: auth,
      body: { credential, options: { format: 'jwt' } },
    },
    {
      name: 'verify DI',
      method: 'POST',
      path: '/credentials/verify',
      body: { verifiableCredential: fixture.diCredential },
    },
    {
      name: 'verify JWT',
      method: 'POST',
      path: '/credentials/verify',
      body: { verifiableCredential: fixture.jws },
    },
    { name: 'page', method: 'GET', path: `/c/${uuid}`, headers: { accept: 'text/html' } },
    { name: 'QR PNG', method: 'GET', path: `/c/${uuid}/qr.png` },
    { name: 'status list', method: 'GET', path: statusList },
  ];
}

async function loadRows(fixture: Fixture, seconds: number): Promise<LoadRow[]> {
  const rows: LoadRow[] = [];
  for (const endpoint of endpoints(fixture)) {
    // One short run first: a cold route (first shapes learnt, first list signed) is not the load.
    await load(fixture.baseUrl, endpoint, 4, 1);
    for (const connections of CONCURRENCY)
      rows.push(await load(fixture.baseUrl, endpoint, connections, seconds));
  }
  return rows;
}

interface BenchResult {
  rows: Row[];
  flipMs: number;
  http: LoadRow[];
}

async function bench(
  services: Services,
  baseUrl: string,
  settings: Settings,
): Promise<BenchResult> {
  const fixture = await prepare(services, baseUrl);
  await assertBaselineEquivalent(fixture);
  const all = operations(fixture);
  await warmUp(all, settings.warmup);
  const rows: Row[] = [];
  for (const operation of all) rows.push(await measure(operation, settings.iterations));
  const flipMs = await statusFlipMilliseconds(fixture, Math.min(settings.iterations, 200));
  const http = await loadRows(fixture, settings.seconds);
  return { rows, flipMs, http };
}

function machine() {
  const [cpu] = cpus();
  return {
    cpu: cpu?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const about = machine();
  const machineText = `${about.cpu}, ${about.cores} cores, Node ${about.node}`;
  process.stdout.write(
    `${machineText}\n` +
      `${settings.iterations} iterations per operation after ${settings.warmup} warm-up calls of each, sequential, one thread\n\n`,
  );
  const { rows, flipMs, http } = await withServices((services, baseUrl) =>
    bench(services, baseUrl, settings),
  );
  process.stdout.write(`${formatTable(rows)}\n`);
  process.stdout.write(
    `\nsign DI: our signer against vc.issue, same key, loader and document; verify DI proof: vc.verifyCredential\n` +
      `with our cryptosuite against the library's, no status; verify DI: both sides proof and both status lists\n` +
      `(ours also issuer binding, dates, stack); verify JWT, direct side: signature only.\n` +
      `status change visible in the next fetched list after ${flipMs.toFixed(1)} ms (change, build, sign, decode)\n\n`,
  );
  process.stdout.write(
    `${formatLoadTable(http)}\n\n${settings.seconds} s per cell (autocannon, one process, ${about.cores} cores)\n\n`,
  );
  const scaling = await measureScaling(settings.sizes, settings.scalingTimes, (cell, seedSeconds) =>
    process.stdout.write(
      `scaling: ${cell.credentials} credentials (seeded in ${seedSeconds.toFixed(0)} s) measured\n`,
    ),
  );
  const ratio = (name: string) => {
    const row = rows.find((entry) => entry.operation === name);
    return row ? row.ours / row.direct : undefined;
  };
  const joseVerify = rows.find((entry) => entry.operation === 'verify JWT')?.direct;
  const httpJwtVerify = Math.max(
    ...http.filter((row) => row.endpoint === 'verify JWT').map((row) => row.perSecond),
  );
  // The scaling target: cost at the most credentials over cost at the fewest.
  const growth = (key: 'fetch200Ms' | 'verifyMs') => {
    const first = scaling[0]?.[key];
    const last = scaling.at(-1)?.[key];
    return first && last ? last / first : undefined;
  };
  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: about,
        settings,
        inProcess: rows,
        statusChangeVisibleMs: flipMs,
        http,
        scaling,
        ratios: {
          signDi: ratio('sign DI (signer)'),
          verifyDiProof: ratio('verify DI proof'),
          httpVerifyJwtOverJose: joseVerify ? httpJwtVerify / joseVerify : undefined,
          statusFetchLargestOverSmallest: growth('fetch200Ms'),
          verifyLargestOverSmallest: growth('verifyMs'),
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(new URL('./scaling.svg', import.meta.url), scalingChartSvg(scaling, machineText));
  process.stdout.write(
    `\n${inProcessMarkdown(rows)}\n\n${httpMarkdown(http)}\n\n${scalingMarkdown(scaling)}\n\n` +
      `HTTP verify JWT / raw jose verify = ${joseVerify ? (httpJwtVerify / joseVerify).toFixed(2) : '-'}\n` +
      `written to bench/results.json and bench/scaling.svg\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
