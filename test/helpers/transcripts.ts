import { request, type JsonResponse } from './http.js';
import { ADMIN_KEY } from './testApp.js';

/** GET /learners/transcript with `key`, with the page URL the answer names (Content-Location). */
export async function transcriptOf(
  baseUrl: string,
  learner: { email: string } | { did: string },
  key: string,
): Promise<JsonResponse & { contentLocation: string }> {
  const query =
    'email' in learner
      ? `email=${encodeURIComponent(learner.email)}`
      : `did=${encodeURIComponent(learner.did)}`;
  const url = `${baseUrl}/learners/transcript?${query}`;
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text === '' ? {} : JSON.parse(text),
    contentLocation: response.headers.get('content-location') ?? '',
  };
}

/** A fresh API key for an issuer a catalog created (the admin hands one out). */
export async function issuerKey(baseUrl: string, slug: string): Promise<string> {
  const response = await request('POST', `${baseUrl}/issuers/${slug}/api-keys`, undefined, {
    key: ADMIN_KEY,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`no API key for ${slug}: ${JSON.stringify(response.body)}`);
  }
  return response.body.apiKey as string;
}
