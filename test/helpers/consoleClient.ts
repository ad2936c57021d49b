// A browser-like client for the console over plain HTTP: it keeps cookies, reads each page's
// CSRF field and posts forms the way a browser without JavaScript would.
import { request } from './http.js';
import { ADMIN_KEY } from './testApp.js';

export interface PageResponse {
  status: number;
  location: string | null;
  setCookie: string | null;
  contentType: string;
  text: string;
}

export class ConsoleClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async #send(method: string, path: string, body?: BodyInit, type?: string) {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (type) headers['content-type'] = type;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair = ''] = setCookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/Max-Age=0/.test(setCookie)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      setCookie,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    } satisfies PageResponse;
  }

  get(path: string): Promise<PageResponse> {
    return this.#send('GET', path);
  }

  /** Posts the fields as a url-encoded form, as a browser submits one (pairs: a name many times). */
  post(
    path: string,
    fields: Record<string, string> | Array<[string, string]>,
  ): Promise<PageResponse> {
    return this.#send(
      'POST',
      path,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  postMultipart(path: string, form: FormData): Promise<PageResponse> {
    return this.#send('POST', path, form);
  }

  /** GET the page, then post its form with its own CSRF field and these fields. */
  async submit(
    pagePath: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<PageResponse> {
    const page = await this.get(pagePath);
    return this.post(action, { csrf: csrfOf(page.text), ...fields });
  }
}

export function csrfOf(html: string): string {
  const found = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!found) throw new Error('the page has no CSRF field');
  return found;
}

/** The visible text of a page, tags dropped and whitespace folded, for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function invite(
  baseUrl: string,
  slug: string,
  email: string,
  role: 'owner' | 'issuer' | 'viewer',
): Promise<string> {
  const response = await request(
    'POST',
    `${baseUrl}/issuers/${slug}/staff/invitations`,
    { email, role },
    { key: ADMIN_KEY },
  );
  if (response.status !== 201) throw new Error(`inviting: ${JSON.stringify(response.body)}`);
  return response.body.url as string;
}

export const PASSWORD = 'correct horse battery staple';

/** Invited, password set and signed in: a console client of that role. */
export async function staffMember(
  baseUrl: string,
  slug: string,
  email: string,
  role: 'owner' | 'issuer' | 'viewer',
): Promise<ConsoleClient> {
  const client = new ConsoleClient(baseUrl);
  const url = await invite(baseUrl, slug, email, role);
  const accepted = await client.submit(url, url, { password: PASSWORD, confirm: PASSWORD });
  if (accepted.status !== 303) throw new Error(`accepting: ${accepted.status} ${accepted.text}`);
  return client;
}
