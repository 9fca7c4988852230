import { describe, expect, it } from 'vitest';
import { startSandboxHarness } from '../../support/apple/sandbox-harness';

/** Requests our client never sends, made by hand to check the sandbox answers as Apple does. */
describe("the sandbox speaks Apple's protocol", () => {
  async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers a wrong method with 405 / 9726', async () => {
    const { sandbox, token } = await startSandboxHarness();
    const answer = await call(`${sandbox.baseUrl}/assets/associate`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer).toEqual({ status: 405, body: { errorNumber: 9726, errorMessage: 'This request contains an unsupported HTTP method for the requested endpoint.' } });
  });

  it('answers a body that is not JSON-typed with 415 / 9727', async () => {
    const { sandbox, token } = await startSandboxHarness();
    const answer = await call(`${sandbox.baseUrl}/users/create`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
      body: '{"users":[{"clientUserId":"a"}]}',
    });
    expect(answer).toMatchObject({ status: 415, body: { errorNumber: 9727 } });
  });

  it.each(['', 'Basic abc', 'Bearer', 'Bearer two words', 'bearer abc'])('answers the Authorization header %j with 401 / 9722', async (header) => {
    const { sandbox } = await startSandboxHarness();
    const answer = await call(`${sandbox.baseUrl}/client/config`, header ? { headers: { Authorization: header } } : {});
    expect(answer).toMatchObject({ status: 401, body: { errorNumber: 9722 } });
  });

  describe('POST /client/config refuses what Apple refuses', () => {
    const mdmInfo = { id: '522d5c43-44ca-4f7e-ba7a-53570cf60765', name: 'Managed Distribution desktop', metadata: '1.4.0' };
    const notification = { notificationUrl: 'https://mdm.example.org/apple', notificationAuthToken: 'SUp3rS3Cr3t' };

    async function post(body: unknown) {
      const { sandbox, token } = await startSandboxHarness();
      return call(`${sandbox.baseUrl}/client/config`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    }

    it.each<[string, unknown, number]>([
      ['an mdmInfo without metadata', { mdmInfo: { id: mdmInfo.id, name: mdmInfo.name } }, 9723],
      ['an mdmInfo without a name', { mdmInfo: { id: mdmInfo.id, metadata: mdmInfo.metadata } }, 9723],
      ['an mdmInfo with an empty id', { mdmInfo: { ...mdmInfo, id: '' } }, 9723],
      ['an mdmInfo id over maxMdmIdLength (100)', { mdmInfo: { ...mdmInfo, id: 'i'.repeat(101) } }, 9724],
      ['an mdmInfo name over maxMdmNameLength (100)', { mdmInfo: { ...mdmInfo, name: 'n'.repeat(101) } }, 9725],
      ['an mdmInfo metadata over maxMdmMetadataLength (255)', { mdmInfo: { ...mdmInfo, metadata: 'm'.repeat(256) } }, 9713],
      ['a notification URL without its auth token', { notificationUrl: notification.notificationUrl }, 9710],
      ['an auth token without a notification URL', { notificationAuthToken: notification.notificationAuthToken }, 9710],
      ['a notification URL that is not HTTPS', { ...notification, notificationUrl: 'http://mdm.example.org/apple' }, 9712],
      ['a notification URL over maxNotificationLength (512)', { ...notification, notificationUrl: `https://mdm.example.org/${'a'.repeat(500)}` }, 9711],
      ['an auth token over maxNotificationLength (512)', { ...notification, notificationAuthToken: 't'.repeat(513) }, 9711],
      ['an unknown notification type', { ...notification, notificationTypes: ['EVERYTHING'] }, 9602],
    ])('answers %s with 400 / %i and changes nothing', async (_name, body, errorNumber) => {
      const { sandbox, token } = await startSandboxHarness();
      const url = `${sandbox.baseUrl}/client/config`;
      const auth = { Authorization: `Bearer ${token}` };
      const answer = await call(url, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer).toMatchObject({ status: 400, body: { errorNumber } });
      const after = await call(url, { headers: auth });
      expect(after.body).not.toHaveProperty('mdmInfo');
      expect(after.body).not.toHaveProperty('notificationUrl');
    });

    it("answers as Apple's example: subscribedNotificationTypes, the echoed auth token, and mdmInfo", async () => {
      const answer = await post({ mdmInfo, ...notification, notificationTypes: ['ASSET_COUNT', 'USER_MANAGEMENT'] });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ mdmInfo, ...notification, subscribedNotificationTypes: ['ASSET_COUNT', 'USER_MANAGEMENT'] });
      expect(answer.body).not.toHaveProperty('notificationTypes');
    });
  });

  it('names the MDM that claimed the location in assignments pages and status answers', async () => {
    const { sandbox, token, location } = await startSandboxHarness();
    const auth = { Authorization: `Bearer ${token}` };
    expect((await call(`${sandbox.baseUrl}/assignments`, { headers: auth })).body).not.toHaveProperty('mdmInfo');
    const other = { id: 'other-mdm', name: 'Jamf School', metadata: '3.2' };
    sandbox.setForeignMdm(location.id, other);
    expect((await call(`${sandbox.baseUrl}/assignments`, { headers: auth })).body).toMatchObject({ mdmInfo: other });
    const created = await call(`${sandbox.baseUrl}/users/create`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ users: [{ clientUserId: 'u-1' }] }),
    });
    const status = await call(`${sandbox.baseUrl}/status?eventId=${String(created.body.eventId)}`, { headers: auth });
    expect(status.body).toMatchObject({ mdmInfo: other });
  });

  it('answers service config without a token', async () => {
    const { sandbox } = await startSandboxHarness();
    const answer = await call(`${sandbox.baseUrl}/service/config`);
    expect(answer.status).toBe(200);
    expect((answer.body.urls as Record<string, string>).invitationEmail).toContain('inviteCode=%25inviteCode%25');
  });

  it("lists in service config the error codes of Apple's v2 example answer, in Apple's words", async () => {
    const { sandbox } = await startSandboxHarness();
    const codes = (await call(`${sandbox.baseUrl}/service/config`)).body.errorCodes as { errorNumber: number; errorMessage: string }[];
    // Apple's "Service Config" page: 9601-9603, 9609, 9621, 9625, 9634, 9646, 9650, then 9700 to 9728.
    const v2 = [9601, 9602, 9603, 9609, 9621, 9625, 9634, 9646, 9650, ...Array.from({ length: 29 }, (_, i) => 9700 + i)];
    expect(codes.map((code) => code.errorNumber)).toEqual(v2);
    expect(codes).toContainEqual({ errorNumber: 9714, errorMessage: 'The number of users exceeds the maximum. Change the request to stay within the specified limit.' });
    expect(codes).toContainEqual({ errorNumber: 9715, errorMessage: 'This request contains duplicate users. Change the request to send unique users.' });
    expect(codes.every((code) => code.errorMessage.length > 0)).toBe(true);
  });

  it('answers a page index past the end with 9650 and a bad JSON body with 9602', async () => {
    const { sandbox, token } = await startSandboxHarness();
    const auth = { Authorization: `Bearer ${token}` };
    expect(await call(`${sandbox.baseUrl}/users?pageIndex=1`, { headers: auth })).toMatchObject({ status: 400, body: { errorNumber: 9650 } });
    expect(await call(`${sandbox.baseUrl}/users?pageIndex=0`, { headers: auth })).toMatchObject({ status: 200, body: { users: [], totalPages: 0 } });
    const badJson = await call(`${sandbox.baseUrl}/users/create`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"users": [' });
    expect(badJson).toMatchObject({ status: 400, body: { errorNumber: 9602 } });
  });

  it('adds uId and tokenExpirationDate to every answer, and paging fields only while pages remain', async () => {
    const { sandbox, token, location } = await startSandboxHarness({ pageSize: 4 });
    sandbox.generate(location.id, { seed: 1, apps: 3, books: 0, users: 5, assignments: 6 });
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const first = await call(`${sandbox.baseUrl}/assignments`, auth);
    expect(first.body).toMatchObject({ uId: location.uId, currentPageIndex: 0, nextPageIndex: 1, totalPages: 2, size: 4 });
    const last = await call(`${sandbox.baseUrl}/assignments?pageIndex=1`, auth);
    expect(last.body).toMatchObject({ currentPageIndex: 1, totalPages: 2, size: 2 });
    expect(last.body).not.toHaveProperty('nextPageIndex');
    const { expDate } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { expDate: string };
    for (const path of ['/assignments', '/assets', '/users', '/client/config']) {
      expect((await call(`${sandbox.baseUrl}${path}`, auth)).body).toMatchObject({ uId: location.uId, tokenExpirationDate: expDate });
    }
  });

  it('accepts an invitation through the control endpoint', async () => {
    const { sandbox, client, location } = await startSandboxHarness();
    await client.waitForEvent(await client.createUsers([{ clientUserId: 'a' }]));
    const [user] = sandbox.usersOf(location.id);
    const accept = (inviteCode: string) =>
      call(`${sandbox.origin}/sandbox/accept-invitation`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ inviteCode }) });
    expect(await accept(user?.inviteCode ?? '')).toMatchObject({ status: 200, body: { clientUserId: 'a', idHash: expect.any(String) } });
    expect(await accept(user?.inviteCode ?? '')).toMatchObject({ status: 404 });
    expect(sandbox.usersOf(location.id)[0]?.status).toBe('Associated');
  });
});
