import { ADMIN_KEY } from './testApp.js';

/** A JSON document as tests read it: fields are asserted, not typed. */
export type AnyJson = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface JsonResponse {
  status: number;
  contentType: string;
  // Tests read response fields freely; assertions check their shape.
  body: AnyJson;
}

export interface RequestOptions {
  key?: string;
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON.stringify(body). */
  raw?: string;
}

export async function request(
  method: string,
  url: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  // Credential URLs are pages that negotiate: these helpers speak JSON unless told otherwise.
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept'))
    headers.accept = 'application/json';
  let payload: string | undefined = options.raw;
  if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined && !headers['content-type'])
    headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown = {};
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (typeof parsed === 'object' && parsed !== null
      ? parsed
      : { value: parsed }) as JsonResponse['body'],
  };
}

export interface Issuer {
  slug: string;
  id: string;
  apiKey: string;
}

export async function createIssuer(
  baseUrl: string,
  slug: string,
  name = `Issuer ${slug}`,
  options: { statusPurposes?: Array<'revocation' | 'suspension'> } = {},
): Promise<Issuer> {
  const response = await request(
    'POST',
    `${baseUrl}/issuers`,
    { slug, name, url: `https://${slug}.example`, ...options },
    { key: ADMIN_KEY },
  );
  if (response.status !== 201)
    throw new Error(`creating issuer ${slug}: ${JSON.stringify(response.body)}`);
  return { slug, id: response.body.id, apiKey: response.body.apiKey };
}

export const sampleAward = {
  achievement: {
    name: 'Spreadsheet basics',
    description: 'Builds and checks simple spreadsheets.',
    criteria: { narrative: 'Passed the 40-question practical exam.' },
  },
  recipient: { email: 'ana.perez@example.org' },
  evidence: [{ name: 'Exam result', narrative: 'Scored 36 of 40.' }],
};

export async function award(
  baseUrl: string,
  issuer: Issuer,
  body: unknown = sampleAward,
): Promise<JsonResponse> {
  return request('POST', `${baseUrl}/issuers/${issuer.slug}/awards`, body, { key: issuer.apiKey });
}

/**
 * The unsigned Open Badges 3.0 credential the VC-API tests issue: "First aid at work" for
 * did:example:learner-42, naming `issuer`. `overrides` replace whole top-level fields.
 */
export function unsignedOpenBadge(
  issuer: { id: string; slug: string },
  overrides: Record<string, unknown> = {},
): AnyJson {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'First aid at work',
    issuer: { id: issuer.id, type: ['Profile'], name: `Issuer ${issuer.slug}` },
    credentialSubject: {
      type: ['AchievementSubject'],
      id: 'did:example:learner-42',
      achievement: {
        id: `https://${issuer.slug}.example/achievements/first-aid`,
        type: ['Achievement'],
        name: 'First aid at work',
        description: 'Gives first aid until help arrives.',
        criteria: { narrative: 'Passed the practical assessment.' },
      },
    },
    ...overrides,
  };
}

/**
 * W3C VC-API issue with the issuer's key. Data Integrity is the route's default, so only 'jwt'
 * sends `options.format`: a 'di' request is the plain `{ credential }` body.
 */
export async function issueViaApi(
  baseUrl: string,
  issuer: Issuer,
  credential: unknown,
  format: 'di' | 'jwt' = 'di',
): Promise<JsonResponse> {
  return request(
    'POST',
    `${baseUrl}/issuers/${issuer.slug}/credentials/issue`,
    format === 'jwt' ? { credential, options: { format } } : { credential },
    { key: issuer.apiKey },
  );
}

export async function verify(
  baseUrl: string,
  verifiableCredential: unknown,
): Promise<JsonResponse> {
  return request('POST', `${baseUrl}/credentials/verify`, { verifiableCredential });
}

/** The id of the first failed check in a verification problem. */
export function failedCheck(body: JsonResponse['body']): string | undefined {
  const checks = (body.checks ?? []) as Array<{ id: string; outcome: string }>;
  return checks.find((check) => check.outcome === 'failure')?.id;
}

export type StatusEntry = {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
};

/** A credential's status entries, whether it carries one object (OB 3.0) or an array of two. */
export function statusEntriesOf(credential: AnyJson): StatusEntry[] {
  const status = credential.credentialStatus as StatusEntry | StatusEntry[] | undefined;
  return status === undefined ? [] : Array.isArray(status) ? status : [status];
}
