/**
 * Hostile input to every route of the route table, as an attacker would send it.
 *
 * For each route that takes a body: bodies generated from the route's own JSON Schema and from a
 * valid example, then broken (wrong types, huge strings, deep nesting, unicode and lone
 * surrogates, `__proto__`/`constructor` keys, 1e309, `{}` for objects, arrays for objects),
 * sent as JSON and as other media types, plain or with a valid, corrupt or unknown
 * Content-Encoding. For each route with path parameters: hostile parameters and queries. Every
 * answer must be below 500, problem+json when 4xx (unless the route documents another media
 * type for that status), never a stack trace; a refused write leaves storage as it was; nothing
 * pollutes Object.prototype; /healthz answers 200 after each route.
 *
 * Seed 20250614. With today's route table (10 routes with a body, 20 with path parameters) it
 * sends 1,247 requests: BODY_RUNS (60) hostile bodies per body route (600), PARAM_RUNS (25)
 * hostile parameter/query requests per parameterised route (500), and 147 fixed cases (each
 * object of each example body replaced by {}, by [] and by [itself]). About 20 s of CPU.
 */
import fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../src/http/routes/index.js';
import type { RouteSpec } from '../src/http/route.js';
import { schemaDocuments } from '../src/schemas.js';
import {
  award,
  createIssuer,
  request,
  sampleAward,
  unsignedOpenBadge,
  type AnyJson,
  type Issuer,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const SEED = 20250614;
const BODY_RUNS = 60;
const PARAM_RUNS = 25;
/** What the header promises, less a margin for routes others add or remove. */
const SENT_AT_LEAST = 1_100;

let app: TestApp;
let issuer: Issuer;
let signed: AnyJson;
let signedUuid: string;
let sent = 0;
/** Problem types and statuses seen, to show the generators reach each kind of refusal. */
const seenProblems = new Set<string>();
const seenStatuses = new Map<number, number>();

beforeAll(async () => {
  // The verify routes are fuzzed, not rate-limited: hardening.test.ts tests the limit. Background
  // jobs (learner e-mail sending its queue, batches) write on their own schedule, which would read
  // as a refused write changing storage, so they stay stopped.
  app = await startTestApp({ env: { VERIFY_RATE_LIMIT: '0' }, background: false });
  issuer = await createIssuer(app.baseUrl, 'fuzz');
  const awarded = await award(app.baseUrl, issuer);
  signed = awarded.body.credential;
  signedUuid = String(awarded.body.url).split('/').pop() ?? '';
});
afterAll(async () => {
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// JSON text with values JavaScript cannot hold (1e309, -0, 10,000 levels) spliced in verbatim.

class RawJson {
  constructor(readonly text: string) {}
}

function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    // Object.entries sees an own "__proto__" key defined with defineProperty; JSON.stringify would too.
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function clone(value: unknown): unknown {
  if (value instanceof RawJson || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(clone);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) setOwn(copy, key, clone(child));
  return copy;
}

/** Sets a key as an own data property, "__proto__" included (plain assignment would not). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const nested = (levels: number, open: string, close: string, leaf = '1'): RawJson =>
  new RawJson(open.repeat(levels) + leaf + close.repeat(levels));

// ---------------------------------------------------------------------------------------------
// Values from a route's JSON Schema (mostly valid, so mutations reach past the validator).

type Schema = Record<string, unknown>;

function resolveRef(ref: string, base: Schema): { schema: Schema; base: Schema } {
  const [file = '', pointer = ''] = ref.split('#');
  const document =
    file === ''
      ? base
      : (schemaDocuments.get(file.replace(/^.*\//, '').replace(/\.json$/, '')) ?? {});
  const schema = pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Schema | undefined)?.[key], document);
  return { schema: (schema as Schema | undefined) ?? {}, base: document };
}

const anyJson = fc.jsonValue({ maxDepth: 2 });

function stringFor(schema: Schema): fc.Arbitrary<unknown> {
  const { format, pattern } = schema;
  if (format === 'uri') return fc.oneof(fc.webUrl(), fc.constant('did:example:fuzz'));
  if (format === 'date-time') {
    return fc
      .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (format === 'email') return fc.emailAddress();
  if (typeof pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(pattern));
    } catch {
      return fc.string();
    }
  }
  return fc.string({ minLength: Number(schema.minLength ?? 0), maxLength: 40 });
}

function objectFor(schema: Schema, base: Schema, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, child] of Object.entries(properties)) {
    model[name] = fromSchema(child, base, depth + 1);
  }
  for (const name of required) model[name] ??= anyJson;
  return fc.record(model, { requiredKeys: [...required].filter((name) => name in model) });
}

/** A generator for the schema, $ref, allOf, anyOf and oneOf included; deep parts turn generic. */
function fromSchema(schema: Schema, base: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 5) return anyJson;
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, base);
    return fromSchema(target.schema, target.base, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches && !schema.properties) {
    return fc.oneof(
      ...branches.map((branch) =>
        fromSchema({ ...schema, ...branch, anyOf: undefined, oneOf: undefined }, base, depth + 1),
      ),
    );
  }
  if (Array.isArray(schema.allOf)) {
    // The object's own properties, merged over those of the schemas it builds on.
    const merged: Schema = { ...schema, allOf: undefined, properties: {}, required: [] };
    for (const part of [...(schema.allOf as Schema[]), schema]) {
      const resolved = typeof part.$ref === 'string' ? resolveRef(part.$ref, base).schema : part;
      Object.assign(merged.properties as Schema, resolved.properties ?? {});
      (merged.required as string[]).push(...((resolved.required ?? []) as string[]));
    }
    return objectFor(merged, base, depth);
  }
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: -10, max: 10_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ? fromSchema(schema.items as Schema, base, depth + 1) : anyJson;
      const prefix = ((schema.prefixItems ?? []) as Schema[]).map((item) =>
        fromSchema(item, base, depth + 1),
      );
      const contains = schema.contains
        ? [fromSchema(schema.contains as Schema, base, depth + 1)]
        : [];
      return fc
        .tuple(fc.tuple(...prefix, ...contains), fc.array(items, { maxLength: 2 }))
        .map(([head, tail]) => [...head, ...tail]);
    }
    case 'object':
      return objectFor(schema, base, depth);
    default:
      return schema.properties ? objectFor(schema, base, depth) : anyJson;
  }
}

// ---------------------------------------------------------------------------------------------
// What an attacker puts where a value belongs, and how it breaks the document around it.

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, '', ' ', [], {}, [[]], [{}], [null]),
  fc.constantFrom(
    new RawJson('1e309'),
    new RawJson('-1e309'),
    new RawJson('1e-400'),
    new RawJson('-0'),
    new RawJson('123456789012345678901234567890123456789'),
    new RawJson('"\\u0000"'),
    new RawJson('"\\ud800"'),
    new RawJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  ),
  fc
    .constantFrom(63, 65, 200, 10_000)
    .chain((levels) => fc.constantFrom(nested(levels, '[', ']'), nested(levels, '{"a":', '}'))),
  fc.constantFrom(
    'x'.repeat(300_000),
    '\u202e'.repeat(50_000),
    '😀'.repeat(100_000),
    'y'.repeat(1_100_000),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    'javascript:alert(1)',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'did:web:127.0.0.1%3A1',
    'https://127.0.0.1:1/x',
    'urn:uuid:00000000-0000-0000-0000-000000000000',
    'eyJhbGciOiJub25lIn0.eyJ2YyI6e319.',
    'a.b.c',
    'Infinity',
    'NaN',
  ),
  fc.double(),
  fc.integer(),
  anyJson,
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '@context',
    '@id',
    '@type',
    'type',
    'id',
    'proof',
    'termsOfUse',
    'evidence',
    'credentialStatus',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

type Mutation =
  | { kind: 'replace' | 'wrap' | 'empty' | 'emptyArray' | 'delete'; at: number; value: unknown }
  | { kind: 'addKey'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('replace', 'wrap', 'empty', 'emptyArray', 'delete'),
    at: fc.nat(),
    value: hostileValue,
  }),
  fc.record({
    kind: fc.constant('addKey' as const),
    at: fc.nat(),
    key: hostileKey,
    value: hostileValue,
  }),
);

interface Slot {
  holder: Record<string, unknown> | unknown[];
  key: string;
  value: unknown;
}

/** Every place in the document a value sits, found without recursion. */
function objectSlotsOf(root: { body: unknown }): Slot[] {
  return slotsOf(root).filter(
    (slot) =>
      typeof slot.value === 'object' &&
      slot.value !== null &&
      !(slot.value instanceof RawJson) &&
      !Array.isArray(slot.value),
  );
}

function slotsOf(root: { body: unknown }): Slot[] {
  const slots: Slot[] = [];
  const stack: Slot[] = [
    { holder: root as Record<string, unknown>, key: 'body', value: root.body },
  ];
  for (let slot = stack.pop(); slot; slot = stack.pop()) {
    slots.push(slot);
    const { value } = slot;
    if (typeof value !== 'object' || value === null || value instanceof RawJson) continue;
    for (const [key, child] of Object.entries(value)) {
      stack.push({ holder: value as Record<string, unknown>, key, value: child });
    }
  }
  return slots;
}

function applyMutation(root: { body: unknown }, change: Mutation): void {
  const slots = slotsOf(root);
  const objects = objectSlotsOf(root);
  const pool = ['empty', 'emptyArray', 'addKey'].includes(change.kind) ? objects : slots;
  const slot = pool[change.at % Math.max(pool.length, 1)];
  if (!slot) return;
  const holder = slot.holder as Record<string, unknown>;
  // Hostile values are shared constants: each use gets its own copy, so later mutations stay local.
  if (change.kind === 'replace') setOwn(holder, slot.key, clone(change.value));
  else if (change.kind === 'wrap') setOwn(holder, slot.key, [slot.value]);
  else if (change.kind === 'empty') setOwn(holder, slot.key, {});
  else if (change.kind === 'emptyArray') setOwn(holder, slot.key, []);
  else if (change.kind === 'delete' && slot.key !== 'body') {
    if (Array.isArray(holder)) holder.splice(Number(slot.key), 1);
    else delete holder[slot.key];
  } else if (change.kind === 'addKey') {
    setOwn(slot.value as Record<string, unknown>, change.key, clone(change.value));
  }
}

function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([value, changes]) => {
    const root = { body: clone(value) };
    for (const change of changes) applyMutation(root, change);
    return root.body;
  });
}

// ---------------------------------------------------------------------------------------------
// How the bytes travel: media type and Content-Encoding.

interface Wire {
  contentType?: string;
  encoding?: string;
  bytes: Buffer;
}

const compressors: Record<string, (bytes: Buffer) => Buffer> = {
  gzip: (bytes) => gzipSync(bytes),
  deflate: (bytes) => deflateSync(bytes),
  br: (bytes) => brotliCompressSync(bytes),
};

const encodingOf = (bytes: Buffer): fc.Arbitrary<Pick<Wire, 'encoding' | 'bytes'>> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant({ bytes }) },
    fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => ({
      encoding,
      bytes: compressors[encoding]?.(bytes) ?? bytes,
    })),
    fc
      .tuple(
        fc.constantFrom('gzip', 'deflate', 'br', 'GZIP'),
        fc.uint8Array({ minLength: 0, maxLength: 64 }),
      )
      .map(([encoding, garbage]) => ({ encoding, bytes: Buffer.from(garbage) })),
    fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => {
      const whole = compressors[encoding]?.(bytes) ?? bytes;
      return { encoding, bytes: whole.subarray(0, Math.ceil(whole.length / 2)) };
    }),
    fc
      .constantFrom('compress', 'x-gzip', 'gzip, gzip', 'identity, br', 'zstd', '*')
      .map((encoding) => ({
        encoding,
        bytes,
      })),
  );

const JSON_TYPES = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  fc.constantFrom(
    'application/ld+json',
    'application/vc+ld+json',
    'application/json; charset=utf-16',
    'application/json; charset=koi8-r',
    'application/json; charset=nonsense',
    'text/plain',
    'application/x-www-form-urlencoded',
    undefined,
  ),
);

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bodies in a route's raw media types: truncated images, broken forms, entity-laden SVG. */
function rawWire(route: RouteSpec): fc.Arbitrary<Wire> {
  const types = route.rawBody?.mediaTypes ?? [];
  return fc.constantFrom(...types).chain((mediaType) => {
    if (mediaType === 'image/png') {
      return fc.uint8Array({ maxLength: 200 }).map((tail) => ({
        contentType: mediaType,
        bytes: Buffer.concat([pngSignature, Buffer.from(tail)]),
      }));
    }
    if (mediaType === 'image/svg+xml') {
      return fc
        .tuple(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom(
            '',
            '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
          ),
        )
        .map(([text, doctype]) => ({
          contentType: mediaType,
          bytes: Buffer.from(
            `${doctype}<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>${text}&b;</openbadges:credential></svg>`,
          ),
        }));
    }
    if (mediaType === 'multipart/form-data') {
      return fc
        .tuple(hostileValue, fc.constantFrom('credential', 'file', '__proto__', ''), fc.boolean())
        .map(([value, field, closed]) => {
          const text = typeof value === 'string' ? value : toJsonText(value);
          const part =
            field === 'file'
              ? `Content-Disposition: form-data; name="file"; filename="x.json"\r\nContent-Type: application/json\r\n\r\n${text}`
              : `Content-Disposition: form-data; name="${field}"\r\n\r\n${text}`;
          return {
            contentType: 'multipart/form-data; boundary=fuzzboundary',
            bytes: Buffer.from(
              `--fuzzboundary\r\n${part}\r\n${closed ? '--fuzzboundary--\r\n' : ''}`,
            ),
          };
        });
    }
    return fc
      .uint8Array({ maxLength: 100 })
      .map((bytes) => ({ contentType: mediaType, bytes: Buffer.from(bytes) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Requests and what every answer must be.

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  bytes?: Buffer;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function send(request: Sent): Promise<Answer> {
  sent += 1;
  const response = await fetch(app.baseUrl + request.path, {
    method: request.method.toUpperCase(),
    headers: request.headers,
    ...(request.bytes ? { body: new Uint8Array(request.bytes) } : {}),
  });
  seenStatuses.set(response.status, (seenStatuses.get(response.status) ?? 0) + 1);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

function describeSent(request: Sent): string {
  const body = request.bytes ? request.bytes.subarray(0, 300).toString('latin1') : '';
  return `${request.method.toUpperCase()} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${body}`;
}

/**
 * < 500; 4xx as problem+json, or the media type the route documents for it (OAuth endpoints answer
 * their own JSON errors, while a path Express cannot decode is still refused as problem+json).
 */
function expectSafe(route: RouteSpec | undefined, request: Sent, answer: Answer): void {
  const context = `${describeSent(request)}\n-> ${answer.status} ${answer.contentType} ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.text, context).not.toMatch(/Maximum call stack|at [^\n]*\.[jt]s:\d+|node_modules/);
  if (answer.status < 400) return;
  const documented = route?.responses[answer.status]?.contentType;
  if (
    documented &&
    !documented.includes('problem+json') &&
    !answer.contentType.includes('problem+json')
  ) {
    expect(answer.contentType, context).toContain(documented);
    return;
  }
  expect(answer.contentType, context).toContain('application/problem+json');
  const problem = JSON.parse(answer.text) as { status?: unknown; type?: unknown };
  seenProblems.add(String(problem.type).replace(/^.*\//, ''));
  expect(problem.status, context).toBe(answer.status);
  expect(String(problem.type), context).toMatch(/^https:\/\//);
}

async function storageSnapshot(): Promise<string[]> {
  const records: string[] = [];
  for await (const entry of app.store.exportRecords()) records.push(JSON.stringify(entry));
  return records.sort();
}

const isWrite = (route: RouteSpec): boolean => route.method !== 'get' && route.access !== 'public';

async function sendChecked(route: RouteSpec | undefined, request: Sent): Promise<Answer> {
  const before = route && isWrite(route) ? await storageSnapshot() : undefined;
  const answer = await send(request);
  expectSafe(route, request, answer);
  if (before && answer.status >= 400) {
    expect(
      await storageSnapshot(),
      `a refused write changed storage: ${describeSent(request)}`,
    ).toEqual(before);
  }
  return answer;
}

function authHeaders(route: RouteSpec): Record<string, string> {
  return route.access === 'public' ? {} : { authorization: `Bearer ${ADMIN_KEY}` };
}

const EXAMPLE_SCHEMAS = new Set([
  'award-create',
  'credential-issue',
  'credential-verify',
  'learner-import',
  'presentation-verify',
  'issuer-create',
  'status-change',
  'vc-api-status-update',
]);

/** A valid body per request schema (those of EXAMPLE_SCHEMAS), so mutations reach the handlers and the signer. */
function exampleBody(route: RouteSpec): unknown {
  switch (route.requestSchema) {
    case 'award-create':
      return sampleAward;
    case 'credential-issue':
      return { credential: unsignedOpenBadge(issuer) };
    case 'credential-verify':
      return { verifiableCredential: signed };
    case 'learner-import':
      return { verifiableCredential: signed, email: 'ana.perez@example.org' };
    case 'presentation-verify':
      return {
        verifiablePresentation: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiablePresentation'],
          verifiableCredential: [signed],
        },
      };
    case 'issuer-create':
      return { slug: 'fuzzed', name: 'Fuzzed', url: 'https://fuzzed.example' };
    case 'status-change':
      return { action: 'suspend', reason: 'fuzz' };
    case 'vc-api-status-update':
      return {
        credentialId: `urn:uuid:${signedUuid}`,
        credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'active' }],
      };
    default:
      return undefined;
  }
}

const VALID_PARAMS: Record<string, () => string> = {
  slug: () => issuer.slug,
  uuid: () => signedUuid,
  key: () => 'it-passport',
  listId: () => 'revocation-1',
};

const hostileSegment = fc.oneof(
  fc.constantFrom(
    '%',
    '%ZZ',
    '%E0%A4%A',
    '%00',
    '%2F',
    '%2e%2e',
    '__proto__',
    'constructor',
    'toString',
    'a'.repeat(3_000),
    '00000000-0000-0000-0000-000000000000',
    'revocation-99999999999999999999',
    'suspension--1',
    'revocation-1e309',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.uuid().map((uuid) => uuid.toUpperCase()),
);

function pathFor(route: RouteSpec, params: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => params[name] ?? 'x');
}

const paramsFor = (route: RouteSpec): fc.Arbitrary<Record<string, string>> => {
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(([, name]) => name ?? '');
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const name of names) {
    model[name] = fc.oneof(
      { weight: 2, arbitrary: fc.constant(VALID_PARAMS[name]?.() ?? 'x') },
      hostileSegment,
    );
  }
  return fc.record(model);
};

const hostileQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'lang',
        'email',
        'did',
        'issuer',
        'limit',
        'format',
        '__proto__',
        'constructor',
        'lang[]',
        'a[b]',
      ),
      fc.oneof(
        fc.constantFrom(
          'en',
          'zh-TW',
          'ja',
          '1e309',
          '-1',
          '%',
          'ana.perez@example.org',
          'did:example:x',
          '',
        ),
        fc.string({ unit: 'binary', maxLength: 10 }).map(encodeURIComponent),
      ),
    ),
    { maxLength: 3 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

const hostileHeaders = fc.record(
  {
    accept: fc.constantFrom(
      'application/json',
      'text/html',
      '*/*',
      'application/vc',
      'image/png',
      'text/html;q=0, */*;q=0',
      'application/json;q=nonsense',
      ',',
    ),
    'accept-language': fc.constantFrom(
      'ja',
      'zh-TW',
      'xx',
      '*',
      'en;q=abc',
      ',,,',
      'a'.repeat(500),
    ),
    'if-none-match': fc.constantFrom('*', '"x"', 'W/"x", *', ''),
    'idempotency-key': fc.constantFrom('k', 'a'.repeat(2_000), '__proto__', ' '),
  },
  { requiredKeys: [] },
);

const bodyRoutes = routes.filter((route) => route.requestSchema || route.rawBody);
const paramRoutes = routes.filter((route) => route.path.includes(':'));

/** One hostile request to a body route. */
function bodyRequest(route: RouteSpec): fc.Arbitrary<Sent> {
  const schema = route.requestSchema ? (schemaDocuments.get(route.requestSchema) ?? {}) : undefined;
  const example = exampleBody(route);
  const bases: Array<fc.Arbitrary<unknown>> = [];
  if (schema) bases.push(fromSchema(schema, schema));
  if (example !== undefined) bases.push(fc.constant(example));
  const json: fc.Arbitrary<Wire> | undefined =
    bases.length > 0
      ? fc
          .tuple(mutated(fc.oneof(...bases)), JSON_TYPES)
          .chain(([body, contentType]) =>
            encodingOf(Buffer.from(toJsonText(body))).map((wire) => ({ ...wire, contentType })),
          )
      : undefined;
  const raw = route.rawBody ? rawWire(route) : undefined;
  const wires = [json, raw].filter((wire): wire is fc.Arbitrary<Wire> => wire !== undefined);
  return fc
    .tuple(fc.oneof(...wires), paramsFor(route), hostileHeaders)
    .map(([wire, params, headers]) => ({
      method: route.method,
      path: pathFor(route, params),
      headers: {
        ...headers,
        ...authHeaders(route),
        ...(wire.contentType ? { 'content-type': wire.contentType } : {}),
        ...(wire.encoding ? { 'content-encoding': wire.encoding } : {}),
      },
      bytes: wire.bytes,
    }));
}

function paramRequest(route: RouteSpec): fc.Arbitrary<Sent> {
  return fc
    .tuple(
      paramsFor(route),
      hostileQuery,
      hostileHeaders,
      fc.constantFrom('none', 'admin', 'garbage'),
    )
    .map(([params, query, headers, auth]) => ({
      method: route.method,
      path: pathFor(route, params) + query,
      headers: {
        ...headers,
        ...(auth === 'admin' || route.access !== 'public' ? authHeaders(route) : {}),
        ...(auth === 'garbage' ? { authorization: 'Bearer not-a-key' } : {}),
      },
    }));
}

async function expectHealthy(): Promise<void> {
  const health = await request('GET', `${app.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('fixed hostile cases: every object of each example body as {}, [] and [itself]', () => {
  for (const route of bodyRoutes.filter((candidate) =>
    EXAMPLE_SCHEMAS.has(candidate.requestSchema ?? ''),
  )) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const example = exampleBody(route);
      const count = objectSlotsOf({ body: clone(example) }).length;
      expect(count).toBeGreaterThan(0);
      const params = Object.fromEntries(
        Object.entries(VALID_PARAMS).map(([name, valid]) => [name, valid()]),
      );
      for (let at = 0; at < count; at += 1) {
        for (const kind of ['empty', 'emptyArray', 'wrap'] as const) {
          const root = { body: clone(example) };
          // 'wrap' picks among all slots, the others among objects: find this object there.
          const slot = objectSlotsOf(root)[at];
          const index =
            kind === 'wrap' ? slotsOf(root).findIndex((s) => s.value === slot?.value) : at;
          applyMutation(root, { kind, at: index, value: undefined });
          await sendChecked(route, {
            method: route.method,
            path: pathFor(route, params),
            headers: { ...authHeaders(route), 'content-type': 'application/json' },
            bytes: Buffer.from(toJsonText(root.body)),
          });
        }
      }
      await expectHealthy();
    });
  }
});

describe('property: hostile bodies', () => {
  for (const route of bodyRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(bodyRequest(route), async (hostile) => {
          await sendChecked(route, hostile);
        }),
        { seed: SEED, numRuns: BODY_RUNS, endOnFailure: true },
      );
      await expectHealthy();
    });
  }
});

describe('property: hostile path parameters and queries', () => {
  for (const route of paramRoutes) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(paramRequest(route), async (hostile) => {
          await sendChecked(route, hostile);
        }),
        { seed: SEED, numRuns: PARAM_RUNS, endOnFailure: true },
      );
      await expectHealthy();
    });
  }
});

it('sent as many requests as the header says, and reached every kind of refusal and success', () => {
  expect(sent).toBeGreaterThanOrEqual(SENT_AT_LEAST);
  // Generators that only ever tripped the schema would pass the checks above and test nothing.
  for (const problem of [
    'malformed-request',
    'unsupported-media-type',
    'payload-too-large',
    'nesting-too-deep',
    'validation-failed',
    'not-found',
  ]) {
    expect([...seenProblems], problem).toContain(problem);
  }
  const succeeded = [...seenStatuses].filter(([status]) => status < 300);
  expect(succeeded.reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(50);
});

it('leaves no status index claimed by a credential that was never stored', async () => {
  const credentials = new Set<string>();
  const allocations: string[] = [];
  for await (const entry of app.store.exportRecords(['credentials', 'status_allocations'])) {
    if (entry.collection === 'credentials') credentials.add(entry.record.id);
    if (entry.collection === 'status_allocations') allocations.push(entry.record.credentialId);
  }
  expect(allocations.length).toBeGreaterThan(0);
  expect(allocations.filter((id) => !credentials.has(id))).toEqual([]);
});
