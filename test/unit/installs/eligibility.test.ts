import { describe, expect, it } from 'vitest';
import { decideEligibility, osTooOld, type AppFacts, type Candidate } from '../../../main/distribution/installs/eligibility';

const device = (n: number, fields: Partial<Candidate> = {}): Candidate => ({
  deviceId: n,
  serialNumber: `SERIAL${n}`,
  deviceName: `Device ${n}`,
  platform: 'iPadOS',
  osVersion: '17.4',
  supervised: true,
  udid: `UDID-${n}`,
  user: { id: n, name: `User ${n}`, clientUserId: `cu-${n}`, appleStatus: 'Associated', managedAppleId: null },
  ownerOutsideLevel: false,
  ...fields,
});

const app = (fields: Partial<AppFacts> = {}): AppFacts => ({ platforms: ['iOS', 'macOS'], deviceAssignable: true, available: 100, holders: new Set(), ...fields });

describe('eligibility of one device', () => {
  it.each([
    {
      what: 'a device whose owner is not at or below the level',
      kind: 'device',
      candidate: device(1, { user: null, ownerOutsideLevel: true }),
      facts: app(),
      reasons: ['owner-outside-level'],
      licensed: false,
      command: false,
    },
    { what: 'an iOS 6 iPad', kind: 'device', candidate: device(1, { platform: 'iOS', osVersion: '6.1.3' }), facts: app(), reasons: ['os-too-old'], licensed: false, command: false },
    { what: 'a Mac on OS X 10.8', kind: 'device', candidate: device(1, { platform: 'macOS', osVersion: '10.8.5' }), facts: app(), reasons: ['os-too-old'], licensed: false, command: false },
    { what: 'a device-assigned install on a Mac on OS X 10.9.5', kind: 'device', candidate: device(1, { platform: 'macOS', osVersion: '10.9.5' }), facts: app(), reasons: ['macos-device-needs-10-10'], licensed: false, command: false },
    { what: 'a device-assigned install on a Mac on OS X 10.10', kind: 'device', candidate: device(1, { platform: 'macOS', osVersion: '10.10' }), facts: app(), reasons: [], licensed: true, command: true },
    { what: 'a user-assigned install on a Mac on OS X 10.9', kind: 'user', candidate: device(1, { platform: 'macOS', osVersion: '10.9' }), facts: app(), reasons: ['license-only-macos'], licensed: true, command: false },
    { what: 'an Apple TV for an iOS app', kind: 'device', candidate: device(1, { platform: 'tvOS', osVersion: '17.0' }), facts: app(), reasons: ['platform-not-supported'], licensed: false, command: false },
    { what: 'an iPad for an iOS-only app', kind: 'device', candidate: device(1), facts: app({ platforms: ['iOS'] }), reasons: [], licensed: true, command: true },
    { what: 'a device-based install of a user-only app', kind: 'device', candidate: device(1), facts: app({ deviceAssignable: false }), reasons: ['not-device-assignable'], licensed: false, command: false },
    { what: 'a user-based install on a device nobody has', kind: 'user', candidate: device(1, { user: null }), facts: app(), reasons: ['no-associated-user'], licensed: false, command: false },
    {
      what: 'a user who has not joined yet',
      kind: 'user',
      candidate: device(1, { user: { id: 1, name: 'U', clientUserId: 'cu-1', appleStatus: 'Registered', managedAppleId: null } }),
      facts: app(),
      reasons: ['user-not-associated'],
      licensed: false,
      command: false,
    },
    {
      what: 'a user with a Managed Apple Account Apple does not know yet',
      kind: 'user',
      candidate: device(1, { user: { id: 1, name: 'U', clientUserId: 'cu-1', appleStatus: null, managedAppleId: 'u@appleid.springfield.edu' } }),
      facts: app(),
      reasons: ['registered-directly'],
      licensed: true,
      command: true,
    },
    {
      what: 'a user with a Managed Apple Account on an unsupervised iPad',
      kind: 'user',
      candidate: device(1, { supervised: false, user: { id: 1, name: 'U', clientUserId: 'cu-1', appleStatus: 'Registered', managedAppleId: 'u@appleid.springfield.edu' } }),
      facts: app(),
      reasons: ['registered-directly', 'will-ask-user'],
      licensed: true,
      command: true,
    },
    {
      what: 'a retired user with a Managed Apple Account',
      kind: 'user',
      candidate: device(1, { user: { id: 1, name: 'U', clientUserId: 'cu-1', appleStatus: 'Retired', managedAppleId: 'u@appleid.springfield.edu' } }),
      facts: app(),
      reasons: ['user-not-associated'],
      licensed: false,
      command: false,
    },
    { what: 'a user-based install on a Mac', kind: 'user', candidate: device(1, { platform: 'macOS', osVersion: '14.2' }), facts: app(), reasons: ['license-only-macos'], licensed: true, command: false },
    { what: 'an unsupervised iPad', kind: 'device', candidate: device(1, { supervised: false }), facts: app(), reasons: ['will-ask-user'], licensed: true, command: true },
    { what: 'a device not enrolled in MDM', kind: 'device', candidate: device(1, { udid: null }), facts: app(), reasons: ['not-enrolled'], licensed: true, command: false },
    { what: 'a device that already holds a license', kind: 'device', candidate: device(1), facts: app({ holders: new Set(['SERIAL1']), available: 0 }), reasons: ['already-assigned'], licensed: true, command: true },
    { what: 'a device when no license is left', kind: 'device', candidate: device(1), facts: app({ available: 0 }), reasons: ['not-enough-licenses'], licensed: false, command: false },
  ] as const)('$what: $reasons', ({ kind, candidate, facts, reasons, licensed, command }) => {
    const [verdict] = decideEligibility([candidate], facts, kind).verdicts;
    expect(verdict).toMatchObject({ reasons, licensed, command });
  });
});

describe('assigning licenses only', () => {
  it('licenses every eligible device and sends no command, saying it was chosen', () => {
    const { verdicts } = decideEligibility([device(1), device(2, { supervised: false }), device(3, { osVersion: '6.1' })], app(), 'device', { licensesOnly: true });
    expect(verdicts.map((v) => [v.reasons, v.licensed, v.command])).toEqual([
      [['licenses-only'], true, false],
      [['licenses-only'], true, false],
      [['os-too-old'], false, false],
    ]);
  });
});

describe('licenses for many devices', () => {
  it('hands out the available licenses in order and counts how many are short', () => {
    const result = decideEligibility([device(1), device(2), device(3), device(4)], app({ available: 2 }), 'device');
    expect(result.verdicts.map((v) => v.licensed)).toEqual([true, true, false, false]);
    expect(result).toMatchObject({ licensesNeeded: 4, short: 2 });
  });

  it('gives a user one license for all their devices', () => {
    const owner = { id: 7, name: 'Sam', clientUserId: 'cu-7', appleStatus: 'Associated', managedAppleId: null };
    const result = decideEligibility([device(1, { user: owner }), device(2, { user: owner })], app({ available: 1 }), 'user');
    expect(result.verdicts.map((v) => v.licensed)).toEqual([true, true]);
    expect(result).toMatchObject({ licensesNeeded: 1, short: 0 });
  });

  it('treats unlimited (free) apps as never short', () => {
    expect(decideEligibility([device(1), device(2)], app({ available: null }), 'device').short).toBe(0);
  });

  it('reads versions by number, not by text', () => {
    expect(osTooOld('iOS', '10.0')).toBe(false);
    expect(osTooOld('macOS', '10.10')).toBe(false);
    expect(osTooOld('macOS', '10.8')).toBe(true);
  });
});
