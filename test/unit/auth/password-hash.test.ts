import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../main/auth/password-hash';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('stores a salted scrypt hash, never the password', async () => {
    const [a, b] = await Promise.all([hashPassword('same password!!'), hashPassword('same password!!')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('same password');
    expect(a).not.toBe(b);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('anything at all', 'plaintext')).toBe(false);
    expect(await verifyPassword('anything at all', 'bcrypt$10$x$y$z$w')).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('Caf\u00e9 au lait 2026');
    expect(await verifyPassword('Cafe\u0301 au lait 2026', hash)).toBe(true);
  });
});
