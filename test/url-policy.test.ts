import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:net';
import tls from 'node:tls';
import { fetch as undiciFetch } from 'undici';
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { didWebDocumentUrl } from '../src/keys/didResolver.js';
import { DEFAULT_FETCH_BUDGET, runWithFetchBudget } from '../src/net/fetchBudget.js';
import {
  createPublicOnlyLookup,
  createUrlPolicy,
  DEFAULT_FETCH_POLICY,
  fetchJsonWithPolicy,
  FetchRefusedError,
  isPublicAddress,
  publicOnlyDispatcher,
  type RemoteJson,
} from '../src/net/fetchWithPolicy.js';
import {
  createRemoteDocuments,
  FAILURE_MEMORY_MS,
  type FetchRemoteJson,
} from '../src/net/remoteDocuments.js';
import { award, createIssuer, request, type Issuer } from './helpers/http.js';
import { startTestApp, type TestApp } from './helpers/testApp.js';

/** Every form of an address that is not a public Internet host, with what it is. */
const REFUSED_ADDRESSES: [string, string][] = [
  ['127.0.0.1', 'IPv4 loopback'],
  ['127.255.255.254', 'IPv4 loopback, end of 127/8'],
  ['0.0.0.0', 'this network'],
  ['0.1.2.3', 'this network, 0/8'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private, end of 172.16/12'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'CGNAT'],
  ['100.127.255.255', 'CGNAT, end of 100.64/10'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking, end of 198.18/15'],
  ['192.0.0.1', 'IETF protocol assignments'],
  ['192.0.2.1', 'documentation TEST-NET-1'],
  ['198.51.100.1', 'documentation TEST-NET-2'],
  ['203.0.113.1', 'documentation TEST-NET-3'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast (SSDP)'],
  ['240.0.0.1', 'reserved 240/4'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'IPv6 unspecified'],
  ['::1', 'IPv6 loopback'],
  ['0:0:0:0:0:0:0:1', 'IPv6 loopback, long form'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
  ['::FFFF:7F00:1', 'IPv4-mapped loopback, upper case'],
  ['0:0:0:0:0:ffff:7f00:1', 'IPv4-mapped loopback, long form'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['::ffff:8.8.8.8', 'IPv4-mapped, even of a public address'],
  ['::ffff:0:7f00:1', 'IPv4-translated (RFC 6145)'],
  ['::127.0.0.1', 'IPv4-compatible loopback'],
  ['::7f00:1', 'IPv4-compatible loopback, hex'],
  ['::a00:1', 'IPv4-compatible private'],
  ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['64:ff9b::127.0.0.1', 'NAT64 of loopback, dotted'],
  ['64:ff9b::808:808', 'NAT64, even of a public address'],
  ['64:ff9b:1::7f00:1', 'local-use NAT64 64:ff9b:1::/48'],
  ['2002:7f00:1::', '6to4 of loopback'],
  ['2002:808:808::1', '6to4, even of a public address'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ['2001:2::1', 'IPv6 benchmarking'],
  ['2001:db8::1', 'IPv6 documentation'],
  ['3fff::1', 'IPv6 documentation 3fff::/20'],
  ['fe80::1', 'IPv6 link-local'],
  ['fe80::1%lo', 'IPv6 link-local with a zone'],
  ['fec0::1', 'deprecated site-local'],
  ['fc00::1', 'unique-local'],
  ['fd00::1', 'unique-local'],
  ['fd00:ec2::254', 'unique-local (cloud metadata)'],
  ['ff02::1', 'IPv6 multicast'],
  ['100::1', 'discard-only'],
  ['4000::1', 'outside global unicast 2000::/3'],
  ['localhost', 'a name, not an address'],
  ['127.1', 'shorthand IPv4, not a literal DNS can return'],
  ['', 'empty'],
];

const PUBLIC_ADDRESSES = ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2001:4860:4860::8888'];

describe('address classification (pure: nothing connects)', () => {
  it.each(REFUSED_ADDRESSES)('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(PUBLIC_ADDRESSES)('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('connect-time lookup', () => {
  type Answer = { address: string; family: number }[];
  const lookupWith = (answer: Answer, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      createPublicOnlyLookup((_host, _options, callback) => callback(null, answer))(
        'issuer.example',
        { all },
        (error, address) => resolve({ error, address }),
      ),
    );

  it.each([
    [[{ address: '127.0.0.1', family: 4 }]],
    [[{ address: '::ffff:127.0.0.1', family: 6 }]],
    [[{ address: '64:ff9b::a00:1', family: 6 }]],
    // A name with one public and one inside answer could still be used to reach inside.
    [
      [
        { address: '8.8.8.8', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ],
    ],
    [[]],
  ] satisfies [Answer][])('refuses a name answering %j', async (answer) => {
    for (const all of [false, true]) {
      const { error } = await lookupWith(answer, all);
      expect(error?.message).toMatch(/issuer\.example resolves to a private or reserved address/);
    }
  });

  it('passes on public answers in the form the caller asked for', async () => {
    const answer = [
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ];
    expect(await lookupWith(answer, false)).toEqual({ error: null, address: '8.8.8.8' });
    expect(await lookupWith(answer, true)).toEqual({
      error: null,
      address: answer as LookupAddress[],
    });
  });
});

/** Loopback listeners that count every TCP connection made to them (none should be). */
interface Listeners {
  port: number;
  connections: () => number;
  ipv6: boolean;
  close(): Promise<void>;
}

async function listen(server: Server, host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
}

async function startCountingListeners(): Promise<Listeners> {
  let count = 0;
  const make = () =>
    createServer((socket) => {
      count += 1;
      socket.destroy();
    });
  const v4 = make();
  await listen(v4, '127.0.0.1', 0);
  const port = (v4.address() as { port: number }).port;
  // The same port on ::1, so [::1] and names resolving to it are caught too (when the host has it).
  const v6 = make();
  const ipv6 = await listen(v6, '::1', port);
  return {
    port,
    connections: () => count,
    ipv6,
    async close() {
      await new Promise((resolve) => v4.close(resolve));
      if (ipv6) await new Promise((resolve) => v6.close(resolve));
    },
  };
}

/** How credential URLs may spell this machine; the WHATWG URL parser normalises several. */
const LOOPBACK_HOSTS = [
  '127.0.0.1',
  '127.1',
  '2130706433',
  '0x7f000001',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[::127.0.0.1]',
  '[64:ff9b::7f00:1]',
  '[2002:7f00:1::]',
  'localhost',
  'LOCALHOST.',
];

/** The reasons fetchJsonWithPolicy gives for a host it will not connect to. */
const REFUSAL = /private or reserved address|the host does not resolve/;

const LOOPBACK_NAME = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

describe('fetches aimed at this machine never connect', () => {
  let listeners: Listeners;
  let app: TestApp;
  /** Hosts undici tried to open a TLS connection to (https fetches all go through tls.connect). */
  const tlsAttempts: string[] = [];
  let tlsConnect: MockInstance;

  beforeAll(async () => {
    listeners = await startCountingListeners();
    // No fetchRemoteJson: the app reads remote documents under the real URL policy.
    app = await startTestApp();
    // Also sees attempts the loopback listeners cannot (e.g. ::7f00:1 is not loopback), and keeps
    // a regression from sending anything off this machine: only loopback names get through.
    const realConnect = tls.connect.bind(tls) as (options: tls.ConnectionOptions) => tls.TLSSocket;
    tlsConnect = vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions) => {
      const host = String(options?.host ?? options?.servername);
      tlsAttempts.push(host);
      if (!LOOPBACK_NAME.test(host)) throw new Error(`test guard: no connection to ${host}`);
      return realConnect(options);
    }) as typeof tls.connect);
  });

  beforeEach(() => {
    tlsAttempts.length = 0;
  });

  afterAll(async () => {
    tlsConnect?.mockRestore();
    await app?.close();
    await listeners?.close();
  });

  it('has a loopback listener that does count connections', async () => {
    // Guards the zero counts below: a listener that never counted would make them meaningless.
    const before = listeners.connections();
    await undiciFetch(`http://127.0.0.1:${listeners.port}/`).catch(() => undefined);
    expect(listeners.connections()).toBe(before + 1);
  });

  it.each(LOOPBACK_HOSTS)('fetchJsonWithPolicy refuses https://%s', async (host) => {
    const before = listeners.connections();
    const error = await fetchJsonWithPolicy(`https://${host}:${listeners.port}/status/1`).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as Error).message).toMatch(REFUSAL);
    expect(listeners.connections()).toBe(before);
    expect(tlsAttempts).toEqual([]);
  });

  it('refuses at connect time too, when the check before it is bypassed', async () => {
    const before = listeners.connections();
    const error = await undiciFetch(`https://localhost:${listeners.port}/`, {
      dispatcher: publicOnlyDispatcher,
    }).catch((caught: unknown) => caught);
    expect(String((error as Error).cause)).toMatch(/localhost resolves to a private or reserved/);
    // undici did try (so the refusal came from the lookup hook), yet nothing reached the listener.
    expect(tlsAttempts).toEqual(['localhost']);
    expect(listeners.connections()).toBe(before);
  });

  it.each(LOOPBACK_HOSTS)(
    'POST /credentials/verify with status list and did:web on %s reports the refusal',
    async (host) => {
      const before = listeners.connections();
      const origin = `https://${host}:${listeners.port}`;
      const statusUrl = `${origin}/status/1`;
      const did = `did:web:${encodeURIComponent(`${host}:${listeners.port}`)}`;
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: 'urn:uuid:5f0e6c1e-3a77-4c39-9d6e-2b4f3f8a9b10',
        type: ['VerifiableCredential'],
        issuer: did,
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner' },
        credentialStatus: {
          id: `${statusUrl}#7`,
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '7',
          statusListCredential: statusUrl,
        },
        proof: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          created: '2024-01-01T00:00:00Z',
          verificationMethod: `${did}#key-1`,
          proofPurpose: 'assertionMethod',
          proofValue:
            'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiWAeHxDZPuDpAHEH',
        },
      };
      const response = await request('POST', `${app.baseUrl}/credentials/verify`, {
        verifiableCredential: credential,
      });
      expect([200, 422]).toContain(response.status);
      expect(response.contentType).toMatch(/^application\/(problem\+)?json/);
      // A refusal is a failed check's problem detail or a skipped check's reason, by check.
      const texts = (
        response.body.checks as { problem?: { detail?: string }; reason?: string }[]
      ).map((check) => `${check.problem?.detail ?? ''} ${check.reason ?? ''}`);
      const refusedFor = (url: string) =>
        texts.some((text) => text.includes(url) && REFUSAL.test(text));
      // The status list fetch and the did:web fetch were both attempted and both refused.
      expect(refusedFor(statusUrl), texts.join('\n')).toBe(true);
      expect(refusedFor(didWebDocumentUrl(did)), texts.join('\n')).toBe(true);
      expect(response.body.verified).toBe(false);
      expect(listeners.connections()).toBe(before);
      expect(tlsAttempts).toEqual([]);
    },
  );
});

describe('webhook URLs get the same policy', () => {
  let listeners: Listeners;
  let app: TestApp;
  let issuer: Issuer;
  const tlsAttempts: string[] = [];
  let tlsConnect: MockInstance;

  beforeAll(async () => {
    listeners = await startCountingListeners();
    // No urlPolicy option: the app runs the policy as main does, with no loopback exception.
    app = await startTestApp();
    issuer = await createIssuer(app.baseUrl, 'hooks');
    const realConnect = tls.connect.bind(tls) as (options: tls.ConnectionOptions) => tls.TLSSocket;
    tlsConnect = vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions) => {
      tlsAttempts.push(String(options?.host ?? options?.servername));
      return realConnect(options);
    }) as typeof tls.connect);
  });

  afterAll(async () => {
    tlsConnect?.mockRestore();
    await app?.close();
    await listeners?.close();
  });

  const refusedUrls = () => [
    `http://127.0.0.1:${listeners.port}/hook`,
    'https://10.0.0.1/hook',
    'https://169.254.169.254/latest/meta-data',
    ...LOOPBACK_HOSTS.map((host) => `https://${host}:${listeners.port}/hook`),
  ];

  it('refuses at registration an http URL, a private address, or a name resolving to loopback (422 naming url)', async () => {
    const before = listeners.connections();
    for (const url of refusedUrls()) {
      const response = await request(
        'POST',
        `${app.baseUrl}/issuers/hooks/webhooks`,
        { url, events: ['credential.issued'] },
        { key: issuer.apiKey },
      );
      expect(response.status, url).toBe(422);
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body.errors, url).toEqual([
        {
          field: 'url',
          message: expect.stringMatching(/only https|private or reserved|does not resolve/),
        },
      ]);
    }
    const listed = await request('GET', `${app.baseUrl}/issuers/hooks/webhooks`, undefined, {
      key: issuer.apiKey,
    });
    expect(listed.body.webhooks).toEqual([]);
    expect(listeners.connections()).toBe(before);
    expect(tlsAttempts).toEqual([]);
  });

  it('refuses at delivery too: an endpoint that names this machine is never connected to', async () => {
    // Stored as if it had passed the check at registration (a name re-pointed inside since).
    const urls = [
      `https://localhost:${listeners.port}/hook`,
      `https://127.0.0.1:${listeners.port}/hook`,
    ];
    const ids = urls.map(() => crypto.randomUUID());
    for (const [n, url] of urls.entries()) {
      await app.store.insertWebhookEndpoint({
        id: ids[n]!,
        issuerSlug: 'hooks',
        url,
        events: ['credential.issued'],
        sealedSecret: app.services.secrets.keyEncryption.encrypt(`whsec_${'A'.repeat(43)}=`),
        createdAt: new Date().toISOString(),
      });
    }
    const before = listeners.connections();
    expect((await award(app.baseUrl, issuer)).status).toBe(201);
    for (const id of ids) {
      const deadline = Date.now() + 10_000;
      let error: string | undefined;
      while (error === undefined && Date.now() < deadline) {
        const [delivery] = await app.services.webhooks.deliveries('hooks', id);
        error = delivery?.attempts[0]?.error;
        if (error === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(error).toMatch(REFUSAL);
    }
    expect(listeners.connections()).toBe(before);
    expect(tlsAttempts).toEqual([]);
  });

  it('lets a loopback exception name only https origins on loopback addresses', () => {
    for (const origin of ['https://8.8.8.8', 'http://127.0.0.1:8443', 'https://localhost:8443']) {
      expect(() => createUrlPolicy({ allowLoopbackOrigins: [origin] }), origin).toThrow(
        /not an https origin on a loopback address/,
      );
    }
  });
});

/** A fetcher that records its calls and answers from a script (a function of the call number). */
function scriptedFetcher(answer: (call: number, url: string) => RemoteJson | Error) {
  const calls: { url: string; timeoutMs: number | undefined }[] = [];
  const fetcher: FetchRemoteJson = async (url, limits) => {
    calls.push({ url, timeoutMs: limits?.timeoutMs });
    const result = answer(calls.length, url);
    if (result instanceof Error) throw result;
    return result;
  };
  return { fetcher, calls };
}

const listDocument = (maxAge = 0): RemoteJson => ({ body: { id: 'list' }, maxAge });

describe('remote documents remember failures briefly', () => {
  it.each([
    ['refused', new FetchRefusedError('https://a.example/x', 'the host does not resolve')],
    ['timed out', new FetchRefusedError('https://a.example/x', 'could not be fetched (timeout)')],
    ['too big', new FetchRefusedError('https://a.example/x', 'is larger than 1048576 bytes')],
  ])('a %s URL fails again from memory, then is fetched again', async (_kind, failure) => {
    let time = 1_000_000;
    const { fetcher, calls } = scriptedFetcher((call) => (call === 1 ? failure : listDocument()));
    const documents = createRemoteDocuments(fetcher, () => time);
    await expect(documents('https://a.example/x')).rejects.toBe(failure);
    time += FAILURE_MEMORY_MS - 1;
    // The same error, and no second call to the fetcher (so no connection).
    await expect(documents('https://a.example/x')).rejects.toBe(failure);
    expect(calls).toHaveLength(1);
    time += 1;
    await expect(documents('https://a.example/x')).resolves.toEqual({ id: 'list' });
    expect(calls).toHaveLength(2);
  });

  it('remembers an answer that is not a JSON object, and only for that URL', async () => {
    const time = 0;
    const { fetcher, calls } = scriptedFetcher((_call, url) =>
      url.endsWith('/array') ? { body: [1, 2], maxAge: 0 } : listDocument(),
    );
    const documents = createRemoteDocuments(fetcher, () => time);
    const first = await documents('https://a.example/array').catch((error: unknown) => error);
    expect(String(first)).toMatch(/is not a JSON object/);
    await expect(documents('https://a.example/array')).rejects.toBe(first);
    await expect(documents('https://a.example/list')).resolves.toEqual({ id: 'list' });
    expect(calls.map((call) => call.url)).toEqual([
      'https://a.example/array',
      'https://a.example/list',
    ]);
  });
});

describe('fetch budget per verification', () => {
  const urls = [1, 2, 3, 4, 5].map((n) => `https://issuer.example/doc/${n}`);

  it('outside a budget, fetches as before: no limit is passed and nothing is counted', async () => {
    const { fetcher, calls } = scriptedFetcher(() => listDocument());
    const documents = createRemoteDocuments(fetcher);
    for (const url of urls) await documents(url);
    expect(calls).toEqual(urls.map((url) => ({ url, timeoutMs: undefined })));
  });

  it('refuses the fetch after the last one without calling the fetcher', async () => {
    const { fetcher, calls } = scriptedFetcher(() => listDocument());
    const documents = createRemoteDocuments(fetcher);
    await runWithFetchBudget(DEFAULT_FETCH_BUDGET, async () => {
      for (const url of urls.slice(0, 4)) await documents(url);
      const error = await documents(urls[4]!).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FetchRefusedError);
      expect((error as Error).message).toMatch(/this verification already made 4 remote fetches/);
    });
    expect(calls).toHaveLength(4);
    // The refusal was about that verification, not the URL: a new one fetches it.
    await runWithFetchBudget(DEFAULT_FETCH_BUDGET, () => documents(urls[4]!));
    expect(calls).toHaveLength(5);
  });

  it('counts network fetches only: cache hits and repeats within a verification are free', async () => {
    const { fetcher, calls } = scriptedFetcher((_call, url) =>
      listDocument(url.endsWith('/1') ? 60 : 0),
    );
    const documents = createRemoteDocuments(fetcher);
    await documents(urls[0]!); // cached for 60 s by its max-age
    await runWithFetchBudget({ maxFetches: 2, deadlineMs: 8_000 }, async () => {
      await documents(urls[0]!);
      await documents(urls[1]!);
      await documents(urls[1]!); // max-age 0, but already fetched in this verification
      await documents(urls[2]!);
      await expect(documents(urls[3]!)).rejects.toThrow(/already made 2 remote fetches/);
    });
    expect(calls.map((call) => call.url)).toEqual([urls[0], urls[1], urls[2]]);
  });

  it('refuses once the deadline has passed, and cuts each fetch timeout to the time left', async () => {
    let time = 50_000;
    const clock = () => time;
    const { fetcher, calls } = scriptedFetcher(() => listDocument());
    const documents = createRemoteDocuments(fetcher, clock);
    await runWithFetchBudget(
      { maxFetches: 10, deadlineMs: 8_000 },
      async () => {
        await documents(urls[0]!);
        time += 6_500;
        await documents(urls[1]!);
        time += 1_500;
        const error = await documents(urls[2]!).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(FetchRefusedError);
        expect((error as Error).message).toMatch(
          /the verification ran out of time for remote documents/,
        );
      },
      clock,
    );
    // The policy's own timeout while there is more time than that, then what is left.
    expect(calls).toEqual([
      { url: urls[0], timeoutMs: DEFAULT_FETCH_POLICY.timeoutMs },
      { url: urls[1], timeoutMs: 1_500 },
    ]);
  });

  it('does not remember a failure that the deadline caused', async () => {
    let time = 0;
    const clock = () => time;
    const timeout = new FetchRefusedError(urls[0]!, 'could not be fetched (timeout)');
    const { fetcher, calls } = scriptedFetcher((call) => {
      if (call > 1) return listDocument();
      time += 8_000; // this fetch used up the whole deadline
      return timeout;
    });
    const documents = createRemoteDocuments(fetcher, clock);
    await runWithFetchBudget(
      DEFAULT_FETCH_BUDGET,
      () => expect(documents(urls[0]!)).rejects.toBe(timeout),
      clock,
    );
    await expect(documents(urls[0]!)).resolves.toEqual({ id: 'list' });
    expect(calls).toHaveLength(2);
  });
});
