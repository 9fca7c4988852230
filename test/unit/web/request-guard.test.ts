import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  isCrossSite,
  isValidClientId,
  keyMatches,
} from '../../../main/web/request-guard';

describe('browser-mode request checks', () => {
  it('accepts only loopback Host headers on our own port', () => {
    expect(isAllowedHost('127.0.0.1:4100', 4100)).toBe(true);
    expect(isAllowedHost('localhost:4100', 4100)).toBe(true);
    expect(isAllowedHost('attacker.example:4100', 4100)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4101', 4100)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4100)).toBe(false);
    expect(isAllowedHost(undefined, 4100)).toBe(false);
  });

  it('accepts a missing Origin or our own, and refuses any other page', () => {
    expect(isAllowedOrigin(undefined, 4100)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4100', 4100)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 4100)).toBe(false);
    expect(isAllowedOrigin('null', 4100)).toBe(false);
    expect(isAllowedOrigin('https://127.0.0.1:4100', 4100)).toBe(false);
  });

  it('refuses requests a browser marks as started by another site', () => {
    expect(isCrossSite('cross-site')).toBe(true);
    expect(isCrossSite('same-site')).toBe(true);
    expect(isCrossSite('same-origin')).toBe(false);
    expect(isCrossSite(undefined)).toBe(false);
  });

  it('reads the key from a bearer header and compares it exactly', () => {
    expect(bearerToken('Bearer abc_DEF-123')).toBe('abc_DEF-123');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(keyMatches('abc', 'abc')).toBe(true);
    expect(keyMatches('abd', 'abc')).toBe(false);
    expect(keyMatches('ab', 'abc')).toBe(false);
    expect(keyMatches(null, 'abc')).toBe(false);
  });

  it('accepts tab ids shaped like UUIDs only', () => {
    expect(isValidClientId('3f2a9c1e-1b2c-4d5e-8f90-123456789abc')).toBe(true);
    expect(isValidClientId('short')).toBe(false);
    expect(isValidClientId('../../etc/passwd')).toBe(false);
    expect(isValidClientId(undefined)).toBe(false);
  });
});
