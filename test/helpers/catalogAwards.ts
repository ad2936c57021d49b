import { request, type AnyJson, type JsonResponse } from './http.js';
import { ADMIN_KEY } from './testApp.js';

/** Which example issuer awards which catalog module (credentials/*.json). */
export const ISSUER_OF: Record<string, string> = {
  'it-passport': 'ipa',
  'g-kentei': 'jdla',
  'ds-kentei': 'dss',
  'digital-basics': 'bridge-ngo',
  'ai-tools-at-work': 'bridge-ngo',
  'data-literacy': 'bridge-ngo',
  'ai-capstone': 'bridge-ngo',
};

export async function awardModule(
  baseUrl: string,
  achievement: string,
  email: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return request(
    'POST',
    `${baseUrl}/issuers/${ISSUER_OF[achievement]}/awards`,
    { achievement, recipient: { email }, ...extra },
    { key: ADMIN_KEY, headers },
  );
}

export async function progressOf(
  baseUrl: string,
  email: string,
): Promise<Record<string, { met: boolean; missing: string[]; held?: string }>> {
  const response = await request(
    'GET',
    `${baseUrl}/learners/progress?email=${encodeURIComponent(email)}`,
    undefined,
    { key: ADMIN_KEY },
  );
  return Object.fromEntries(
    (
      response.body.tiers as Array<{
        achievement: string;
        met: boolean;
        missing: string[];
        held?: string;
      }>
    ).map((t) => [t.achievement, t]),
  );
}

export async function changeStatus(
  baseUrl: string,
  credentialId: string,
  action: string,
  reason = 'test',
): Promise<JsonResponse> {
  const uuid = credentialId.replace('urn:uuid:', '');
  return request(
    'POST',
    `${baseUrl}/credentials/${uuid}/status`,
    { action, reason },
    { key: ADMIN_KEY },
  );
}

export async function stateOf(baseUrl: string, credentialId: string): Promise<string> {
  const uuid = credentialId.replace('urn:uuid:', '');
  return (await request('GET', `${baseUrl}/credentials/${uuid}/status`)).body.state as string;
}

/** The DX Passport catalog's issuers: three exam bodies and the passport's own issuer. */
export const DX_ISSUERS = ['ipa', 'jdla', 'dss', 'di-lite'] as const;

/** Sets what an issuer's new credentials carry, as its operator would (PUT, admin key). */
export async function setStatusPurposes(
  baseUrl: string,
  slug: string,
  statusPurposes: Array<'revocation' | 'suspension'>,
): Promise<void> {
  const response = await request(
    'PUT',
    `${baseUrl}/issuers/${slug}/status-purposes`,
    { statusPurposes },
    { key: ADMIN_KEY },
  );
  if (response.status !== 200)
    throw new Error(`setting ${slug}'s status purposes: ${JSON.stringify(response.body)}`);
}

/** The tier an award (or status change) stacked, from its response's `stacked` list. */
export function tierOf(response: { body: AnyJson }, key: string): AnyJson {
  const stacked = (response.body.stacked ?? []) as Array<{
    achievement: string;
    credential: AnyJson;
  }>;
  const found = stacked.find((s) => s.achievement === key);
  if (!found) throw new Error(`no ${key} in ${JSON.stringify(response.body.stacked)}`);
  return found.credential;
}
