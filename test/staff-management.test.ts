// Managing an issuer's staff through the API of the real app: the list shows members and unused
// invitations with their state, a role changed is the role of the member's open session at the
// next request, a removed member's sessions end and their invitation link opens nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, staffMember, textOf, invite, ConsoleClient } from './helpers/consoleClient.js';
import { request } from './helpers/http.js';
import { ADMIN_KEY, startTestApp, type TestApp } from './helpers/testApp.js';

const NGO = 'bridge-ngo';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const api = (method: string, path: string, body?: unknown) =>
  request(method, `${app.baseUrl}/issuers/${NGO}${path}`, body, { key: ADMIN_KEY });

describe("an issuer's staff through the API", () => {
  it('lists members and invitations, changes a role and removes a member', async () => {
    const member = await staffMember(app.baseUrl, NGO, 'ren@bridge.example', 'viewer');
    await invite(app.baseUrl, NGO, 'sora@bridge.example', 'issuer');
    const listed = await api('GET', '/staff');
    expect(listed.status).toBe(200);
    const byEmail = new Map(
      (listed.body.staff as Array<Record<string, string>>).map((entry) => [entry.email, entry]),
    );
    expect(byEmail.get('ren@bridge.example')).toMatchObject({ role: 'viewer', state: 'active' });
    expect(byEmail.get('sora@bridge.example')).toMatchObject({ role: 'issuer', state: 'invited' });
    const renId = byEmail.get('ren@bridge.example')?.id ?? '';

    expect((await member.get('/console/award')).status).toBe(403);
    expect((await api('PUT', `/staff/${renId}/role`, { role: 'issuer' })).status).toBe(204);
    // The open session acts with the new role at once.
    expect((await member.get('/console/award')).status).toBe(200);
    const bad = await api('PUT', `/staff/${renId}/role`, { role: 'admin' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('role');

    expect((await api('DELETE', `/staff/${renId}`)).status).toBe(204);
    const after = await member.get('/console');
    expect(after.status).toBe(303);
    expect(after.location).toContain('/console/sign-in');
    expect((await api('DELETE', `/staff/${renId}`)).status).toBe(404);
    const signIn = new ConsoleClient(app.baseUrl);
    const refused = await signIn.submit('/console/sign-in', '/console/sign-in', {
      email: 'ren@bridge.example',
      password: PASSWORD,
    });
    expect(textOf(refused.text)).toContain('The e-mail address or the password is not right.');
    expect(
      (await api('GET', '/staff')).body.staff.map((entry: { email: string }) => entry.email),
    ).toEqual(['sora@bridge.example']);
  });

  it('withdraws an unused invitation, whose link then opens nothing', async () => {
    const url = await invite(app.baseUrl, NGO, 'yui@bridge.example', 'viewer');
    const entry = (await api('GET', '/staff')).body.staff.find(
      (one: { email: string }) => one.email === 'yui@bridge.example',
    );
    expect((await api('DELETE', `/staff/invitations/${entry.id}`)).status).toBe(204);
    expect((await new ConsoleClient(app.baseUrl).get(url)).status).toBe(404);
    expect((await api('DELETE', `/staff/invitations/${entry.id}`)).status).toBe(404);
  });
});
