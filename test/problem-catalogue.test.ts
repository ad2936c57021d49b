import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  PROBLEM_BASE,
  PROBLEMS,
  ProblemError,
  UnprocessableError,
  isProblemSlug,
  type ProblemFields,
} from '../src/core/problems.js';
import { failure } from '../src/verifying/report.js';
import { changeStatus } from './helpers/catalogAwards.js';
import {
  award,
  createIssuer,
  request,
  verify,
  type AnyJson,
  type Issuer,
  type JsonResponse,
} from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

let app: TestApp;
let ngo: Issuer;

beforeAll(async () => {
  app = await startTestApp();
  ngo = await createIssuer(app.baseUrl, 'catalogue-ngo');
});
afterAll(async () => app.close());

const entries = Object.entries(PROBLEMS);

/** The catalogue entry a problem's type URL names; the test fails if there is none. */
function entryOf(problem: Pick<ProblemFields, 'type'>): {
  slug: string;
  status: number;
  title: string;
} {
  expect(problem.type.startsWith(PROBLEM_BASE), problem.type).toBe(true);
  const slug = problem.type.slice(PROBLEM_BASE.length);
  expect(isProblemSlug(slug), `${slug} is in PROBLEMS`).toBe(true);
  return { slug, ...PROBLEMS[slug as keyof typeof PROBLEMS] };
}

/** A problem response agrees with the catalogue: same status in the body and on the wire, same title. */
function expectCatalogued(response: JsonResponse, slug: string, status: number): void {
  expect(response.contentType).toContain('application/problem+json');
  const entry = entryOf(response.body as ProblemFields);
  expect(entry.slug).toBe(slug);
  expect(entry.status).toBe(status);
  expect(response.status).toBe(entry.status);
  expect(response.body.status).toBe(entry.status);
  expect(response.body.title).toBe(entry.title);
}

describe('the problem catalogue', () => {
  it('has kebab-case slugs, error statuses and non-empty titles', () => {
    expect(entries.length).toBeGreaterThan(50);
    for (const [slug, { status, title }] of entries) {
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(status >= 400 && status <= 599, `${slug}: ${status}`).toBe(true);
      expect(title.trim(), slug).not.toBe('');
    }
  });

  it('gives no two types the same title: one title says one thing', () => {
    const byTitle = new Map<string, string>();
    for (const [slug, { title }] of entries) {
      const key = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
      expect(byTitle.get(key), `${slug} and ${byTitle.get(key)} share "${title}"`).toBeUndefined();
      byTitle.set(key, slug);
    }
  });

  it('keeps the verification slug credential-revoked a 422, and names the 409 apart', () => {
    expect(PROBLEMS['credential-revoked'].status).toBe(422);
    expect(PROBLEMS['credential-is-revoked'].status).toBe(409);
  });

  it('builds every problem from the table, whichever constructor is used', () => {
    expect(new NotFoundError('gone').toProblem()).toEqual({
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not found',
      status: 404,
      detail: 'gone',
    });
    expect(new ConflictError('again', 'already-suspended').status).toBe(409);
    const failed = failure('credential-expired', 'expired yesterday');
    expect(failed.outcome === 'failure' && failed.problem.title).toBe('Credential expired');
  });

  it('does not compile a slug outside the table, or a status or title that disagrees', () => {
    // Never called: the assertions are the @ts-expect-error lines, checked by tsc --noEmit.
    const mistakes = (): unknown[] => [
      // @ts-expect-error not in the table
      new ProblemError('no-such-problem'),
      // @ts-expect-error the status comes from the table, not the caller
      new ProblemError(409, 'credential-revoked'),
      // @ts-expect-error the verification failure's slug is not the 409 for a revoked credential
      new ConflictError('final', 'credential-revoked'),
      // @ts-expect-error a 409 type is not a verification failure
      failure('not-renewable', 'detail'),
      // @ts-expect-error a 422 type is not a conflict
      new ConflictError('detail', 'malformed-credential'),
      // @ts-expect-error a 409 type is not unprocessable content
      new UnprocessableError('not-renewable', 'detail'),
    ];
    expect(typeof mistakes).toBe('function');
  });
});

describe('responses carry types from the catalogue', () => {
  it('lists every type in the OpenAPI document with its status and title', async () => {
    const document = (await request('GET', `${app.baseUrl}/openapi.json`)).body;
    const listed = document['x-problem-types'] as Array<{
      type: string;
      status: number;
      title: string;
    }>;
    expect(listed).toHaveLength(entries.length);
    for (const item of listed)
      expect(entryOf(item)).toMatchObject({ status: item.status, title: item.title });
  });

  it('404, 401, 400 and 422 on known routes', async () => {
    expectCatalogued(await request('GET', `${app.baseUrl}/no/such/route`), 'not-found', 404);
    expectCatalogued(await request('POST', `${app.baseUrl}/issuers`, {}), 'unauthenticated', 401);
    expectCatalogued(
      await request('POST', `${app.baseUrl}/issuers`, undefined, { key: ADMIN_KEY, raw: '{' }),
      'malformed-request',
      400,
    );
    expectCatalogued(
      await request('POST', `${app.baseUrl}/issuers`, { slug: 42 }, { key: ADMIN_KEY }),
      'validation-failed',
      422,
    );
  });

  it('a failed verification and each failed check', async () => {
    const credential = (await award(app.baseUrl, ngo)).body.credential as AnyJson;
    const forged = await verify(app.baseUrl, { ...credential, name: 'Brain surgery' });
    expectCatalogued(forged, 'verification-failed', 422);
    expect(forged.body.errors.length).toBeGreaterThan(0);
    for (const problem of forged.body.errors as ProblemFields[]) {
      const entry = entryOf(problem);
      expect(problem.status).toBe(entry.status);
      expect(problem.title).toBe(entry.title);
    }
  });

  it('acting on a revoked credential is the 409 credential-is-revoked, verifying it the 422 credential-revoked', async () => {
    const credential = (await award(app.baseUrl, ngo)).body.credential as AnyJson;
    expect((await changeStatus(app.baseUrl, credential.id, 'revoke')).status).toBe(200);
    for (const action of ['reinstate', 'suspend', 'revoke']) {
      expectCatalogued(
        await changeStatus(app.baseUrl, credential.id, action),
        'credential-is-revoked',
        409,
      );
    }
    const uuid = String(credential.id).replace('urn:uuid:', '');
    expectCatalogued(
      await request('POST', `${app.baseUrl}/credentials/${uuid}/renew`, undefined, {
        key: ADMIN_KEY,
      }),
      'credential-is-revoked',
      409,
    );
    const report = await verify(app.baseUrl, credential);
    expect(report.status).toBe(422);
    const revoked = (report.body.errors as ProblemFields[]).find(
      (problem) => problem.type === `${PROBLEM_BASE}credential-revoked`,
    );
    expect(revoked).toMatchObject({ status: 422, title: PROBLEMS['credential-revoked'].title });
  });
});
