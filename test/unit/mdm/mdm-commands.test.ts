import { parse } from 'plist';
import { describe, expect, it } from 'vitest';
import { commandPlist } from '../../../main/mdm/command-plist';
import { installApplication, inviteToProgram } from '../../../main/mdm/mdm-commands';

const link = 'https://buy.itunes.apple.com/WebObjects/MZFinance.woa/wa/associateVPPUserWithITSAccount?inviteCode=abc&mt=8';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('InviteToProgram', () => {
  it('carries the Managed Distribution program id and the invitation link, under a fresh CommandUUID', () => {
    const a = inviteToProgram(link);
    const b = inviteToProgram(link);
    expect(a.commandUuid).toMatch(uuidPattern);
    expect(a.commandUuid).not.toBe(b.commandUuid);
    expect(parse(commandPlist(a))).toEqual({
      Command: { RequestType: 'InviteToProgram', ProgramID: 'com.apple.cloudvpp', InvitationURL: link },
      CommandUUID: a.commandUuid,
    });
  });

  it('refuses a link that is not a web address', () => {
    expect(() => inviteToProgram('javascript:alert(1)')).toThrow(/not a web address/);
  });
});

describe('InstallApplication', () => {
  const keysOf = (target: Parameters<typeof installApplication>[0]) => (parse(commandPlist(installApplication(target))) as { Command: object }).Command;

  it('on a supervised iPad: licensed install, removed with the profile, taking over a copy already there', () => {
    expect(keysOf({ adamId: '361309726', platform: 'iPadOS', osVersion: '17.4', supervised: true })).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      ManagementFlags: 1,
      ChangeManagementState: 'Managed',
    });
  });

  it('on an unsupervised iPhone: no take-over of the person\'s own copy', () => {
    expect(keysOf({ adamId: '361309726', platform: 'iOS', osVersion: '16.7', supervised: false })).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 361309726,
      Options: { PurchaseMethod: 1 },
      ManagementFlags: 1,
    });
  });

  it('on macOS: never ManagementFlags (macOS allows only 1, 4, 5, from 11); InstallAsManaged from 11', () => {
    expect(keysOf({ adamId: '497799835', platform: 'macOS', osVersion: '14.2.1', supervised: true })).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 497799835,
      Options: { PurchaseMethod: 1 },
      InstallAsManaged: true,
      ChangeManagementState: 'Managed',
    });
    expect(keysOf({ adamId: '497799835', platform: 'macOS', osVersion: '10.15.7', supervised: true })).toEqual({
      RequestType: 'InstallApplication',
      iTunesStoreID: 497799835,
      Options: { PurchaseMethod: 1 },
    });
  });

  it('writes the store id as a plist integer, in Apple\'s plist document', () => {
    const xml = commandPlist(installApplication({ adamId: '361309726', platform: 'iOS', osVersion: '17.0', supervised: true }));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1.0\/\/EN"/);
    expect(xml).toContain('<key>iTunesStoreID</key>\n      <integer>361309726</integer>');
    expect(xml).toContain('<key>PurchaseMethod</key>\n        <integer>1</integer>');
  });

  it('refuses an id that is not an App Store id', () => {
    expect(() => installApplication({ adamId: 'com.example.app', platform: 'iOS', osVersion: '17.0', supervised: true })).toThrow(/is not an App Store id/);
  });
});
