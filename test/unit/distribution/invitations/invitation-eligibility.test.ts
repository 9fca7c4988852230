import { describe, expect, it } from 'vitest';
import { invitationUrl, type ServiceConfig } from '../../../../main/apple/model/service-config';
import { decide, supportsManagedDistribution, type Candidate, type InvitationOptions } from '../../../../main/distribution/invitations/invitation-eligibility';
import { decideAll, summarize } from '../../../../main/distribution/invitations/invitation-preview';

const iPad = { udid: 'UDID-IPAD', platform: 'iPadOS' as const, osVersion: '17.4' };
const oldIPhone = { udid: 'UDID-OLD', platform: 'iOS' as const, osVersion: '6.1.3' };
const mac = { udid: 'UDID-MAC', platform: 'macOS' as const, osVersion: '14.2' };
const unenrolled = { udid: null, platform: 'iPadOS' as const, osVersion: '17.4' };

const person = (changes: Partial<Candidate> = {}): Candidate => ({
  userId: 1,
  name: 'Zoë Park',
  email: 'zoe@springfield.edu',
  managedAppleId: null,
  devices: [iPad],
  appleStatus: null,
  invitedBefore: false,
  ...changes,
});

const email: InvitationOptions = { audience: 'all', byEmail: true, byDevice: false };
const device: InvitationOptions = { audience: 'all', byEmail: false, byDevice: true };
const both: InvitationOptions = { audience: 'all', byEmail: true, byDevice: true };

describe('who Invite Users reaches', () => {
  it.each([
    ['a person with a device and an email, by email', person(), email, { kind: 'invite', email: 'zoe@springfield.edu', deviceUdids: [] }],
    ['a person by email and on their iPad', person(), both, { kind: 'invite', email: 'zoe@springfield.edu', deviceUdids: ['UDID-IPAD'] }],
    ['a person without an email, on their iPad only', person({ email: null }), both, { kind: 'invite', email: null, deviceUdids: ['UDID-IPAD'] }],
    ['a person with no device', person({ devices: [] }), email, { kind: 'skip', reason: 'no-device' }],
    ['a person with no email address, by email', person({ email: null }), email, { kind: 'skip', reason: 'no-email' }],
    ['a person already associated', person({ appleStatus: 'Associated' }), email, { kind: 'skip', reason: 'associated' }],
    ['a retired person', person({ appleStatus: 'Retired' }), email, { kind: 'skip', reason: 'retired' }],
    ['a person with a Managed Apple ID, registered directly', person({ managedAppleId: 'zoe@appleid.springfield.edu' }), email, { kind: 'register', managedAppleId: 'zoe@appleid.springfield.edu' }],
    ['a Managed Apple ID, whatever the channels and audience', person({ managedAppleId: 'zoe@appleid.springfield.edu', email: null }), { ...device, audience: 'reminder' }, { kind: 'register', managedAppleId: 'zoe@appleid.springfield.edu' }],
    ['a Managed Apple ID already associated', person({ managedAppleId: 'zoe@appleid.springfield.edu', appleStatus: 'Associated' }), email, { kind: 'skip', reason: 'associated' }],
    ['a Managed Apple ID registered by an earlier run', person({ managedAppleId: 'zoe@appleid.springfield.edu', invitedBefore: true }), email, { kind: 'skip', reason: 'registered-before' }],
    ['a Managed Apple ID without a device', person({ managedAppleId: 'zoe@appleid.springfield.edu', devices: [] }), email, { kind: 'skip', reason: 'no-device' }],
    ['a reminder to someone never invited', person(), { ...email, audience: 'reminder' }, { kind: 'skip', reason: 'not-invited' }],
    ['a reminder to someone Registered', person({ appleStatus: 'Registered' }), { ...email, audience: 'reminder' }, { kind: 'invite', email: 'zoe@springfield.edu', deviceUdids: [] }],
    ['"not yet invited" and invited by us before', person({ invitedBefore: true }), { ...email, audience: 'not-invited' }, { kind: 'skip', reason: 'already-invited' }],
    ['"not yet invited" and Registered at Apple', person({ appleStatus: 'Registered' }), { ...email, audience: 'not-invited' }, { kind: 'skip', reason: 'already-invited' }],
    ['only an iOS 6 device, on devices', person({ devices: [oldIPhone] }), device, { kind: 'skip', reason: 'device-too-old' }],
    ['only a Mac, on devices', person({ devices: [mac] }), device, { kind: 'skip', reason: 'macos-device' }],
    ['only a device not enrolled in MDM, on devices', person({ devices: [unenrolled] }), device, { kind: 'skip', reason: 'no-enrollment' }],
    ['an iPad and a Mac, on devices: the iPad', person({ devices: [mac, iPad, oldIPhone] }), device, { kind: 'invite', email: null, deviceUdids: ['UDID-IPAD'] }],
  ] as const)('%s', (_name, candidate, options, expected) => {
    expect(decide(candidate, options)).toEqual(expected);
  });

  it('knows which systems Managed Distribution supports', () => {
    expect(supportsManagedDistribution({ platform: 'iOS', osVersion: '7.0' })).toBe(true);
    expect(supportsManagedDistribution({ platform: 'iOS', osVersion: '6.1' })).toBe(false);
    expect(supportsManagedDistribution({ platform: 'macOS', osVersion: '10.9' })).toBe(true);
    expect(supportsManagedDistribution({ platform: 'macOS', osVersion: '10.8.5' })).toBe(false);
    expect(supportsManagedDistribution({ platform: 'macOS', osVersion: '11.0' })).toBe(true);
  });

  it('previews counts per channel and skips per reason with a sample of names', () => {
    const people = [
      person({ userId: 1, name: 'A' }),
      person({ userId: 2, name: 'B', email: null }),
      person({ userId: 3, name: 'C', devices: [] }),
      person({ userId: 4, name: 'D', devices: [] }),
      person({ userId: 5, name: 'E', appleStatus: 'Associated' }),
      person({ userId: 6, name: 'F', managedAppleId: 'f@appleid.springfield.edu' }),
    ];
    expect(summarize(decideAll(people, both))).toEqual({
      users: 2,
      byEmail: 1,
      byDevice: 2,
      devices: 2,
      registeredDirectly: 1,
      skipped: [
        { reason: 'no-device', label: 'Has no device', count: 2, sample: ['C', 'D'] },
        { reason: 'associated', label: 'Already associated with Apple', count: 1, sample: ['E'] },
      ],
    });
  });
});

describe('the invitation link', () => {
  const config = {
    invitationUrlTemplate: 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=%25inviteCode%25&mt=8',
  } as ServiceConfig;

  it("puts the user's invite code where Apple's template asks for it", () => {
    expect(invitationUrl(config, 'f551b37da07146628e8dcbe0111f0364')).toBe(
      'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=f551b37da07146628e8dcbe0111f0364&mt=8',
    );
  });

  it('encodes a code so it cannot change the rest of the link', () => {
    expect(invitationUrl(config, 'a&b=c')).toContain('inviteCode=a%26b%3Dc&mt=8');
  });
});
