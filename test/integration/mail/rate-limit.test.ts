import { describe, expect, it } from 'vitest';
import { plainSettings, useMailDistricts } from '../../support/mail-district';

const mailDistrict = useMailDistricts();

/** A clock that moves only when the rate limit sleeps, so waits are counted, not waited. */
function fakeTime() {
  let now = Date.parse('2026-11-24T09:00:00Z');
  const waits: number[] = [];
  return {
    waits,
    clock: { now: () => new Date(now) },
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
  };
}

const invitation = (to: string) => ({ to, subject: 'Invitation', html: '<p>Hi</p>', text: 'Hi' });

describe('the rate limit', () => {
  it('holds each email beyond the saved number a minute until that minute has passed', async () => {
    const time = fakeTime();
    const { api, mail, smtpServer } = await mailDistrict({ clock: time.clock, sleep: time.sleep });
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { ratePerMinute: 2 }));

    const recipients = ['a', 'b', 'c', 'd', 'e'].map((name) => `${name}@springfield.edu`);
    const results = await Promise.all(recipients.map((to) => mail.mailer.send(invitation(to))));

    expect(results.every((r) => r.rejected.length === 0)).toBe(true);
    expect(time.waits).toEqual([60_000, 60_000]);
    expect((await server.waitFor(5)).map((r) => r.recipients[0]).sort()).toEqual(recipients);
  });

  it('applies a newly saved rate to the next email', async () => {
    const time = fakeTime();
    const { api, mail, smtpServer } = await mailDistrict({ clock: time.clock, sleep: time.sleep });
    const server = await smtpServer();
    await api.ok('root', 'mail.saveSettings', plainSettings(server, { ratePerMinute: 1 }));
    await mail.mailer.send(invitation('a@springfield.edu'));
    await mail.mailer.send(invitation('b@springfield.edu'));
    expect(time.waits).toEqual([60_000]);

    await api.ok('root', 'mail.saveSettings', plainSettings(server, { ratePerMinute: 3 }));
    for (const to of ['c', 'd', 'e'].map((name) => `${name}@springfield.edu`)) await mail.mailer.send(invitation(to));
    // b, c and d share a minute; only e waits for it to pass.
    expect(time.waits).toEqual([60_000, 60_000]);
    expect(await server.waitFor(5)).toHaveLength(5);
  });
});
