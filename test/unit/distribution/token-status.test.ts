import { describe, expect, it } from 'vitest';
import { daysUntil, isUsable, tokenStatus } from '../../../main/distribution/token-status';

const now = new Date('2026-11-24T12:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe('token status', () => {
  it('moves from valid to expiring at 30 days and to expired at the expiry moment', () => {
    expect(tokenStatus('valid', inDays(31), now)).toBe('valid');
    expect(tokenStatus('valid', inDays(30), now)).toBe('expiring');
    expect(tokenStatus('valid', inDays(10), now)).toBe('expiring');
    expect(tokenStatus('valid', inDays(0), now)).toBe('expired');
    expect(tokenStatus('valid', inDays(-1), now)).toBe('expired');
  });

  it("keeps Apple's verdict whatever the date says", () => {
    expect(tokenStatus('revoked', inDays(200), now)).toBe('revoked');
    expect(tokenStatus('invalid', inDays(200), now)).toBe('invalid');
    expect(tokenStatus('expired', inDays(200), now)).toBe('expired');
  });

  it('counts whole days left and says which statuses may still be used', () => {
    expect(daysUntil(inDays(9.5), now)).toBe(10);
    expect(daysUntil(inDays(-3), now)).toBe(0);
    expect(['valid', 'expiring', 'expired', 'revoked', 'invalid'].filter((s) => isUsable(s as never))).toEqual(['valid', 'expiring']);
  });
});
