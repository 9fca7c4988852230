import { randomBytes } from 'node:crypto';
import { formatAppleDate } from '../wire/apple-date';

export interface SandboxToken {
  locationId: string;
  expiresAt: Date;
  revoked: boolean;
}

/**
 * The sTokens the sandbox has issued, in Apple's own file format.
 *
 * A minted token is Base64 of `{"token","expDate","orgName"}`, so it goes through the same
 * parser as a real `.vpptoken` file.
 */
export class TokenRegistry {
  private readonly tokens = new Map<string, SandboxToken>();

  mint(locationId: string, orgName: string, expiresAt: Date): string {
    const file = JSON.stringify({ token: randomBytes(48).toString('base64'), expDate: formatAppleDate(expiresAt), orgName });
    const sToken = Buffer.from(file, 'utf8').toString('base64');
    this.tokens.set(sToken, { locationId, expiresAt, revoked: false });
    return sToken;
  }

  find(sToken: string): SandboxToken | undefined {
    return this.tokens.get(sToken);
  }

  revoke(sToken: string): void {
    this.known(sToken).revoked = true;
  }

  /** Makes the token expire now, as if a year had passed. */
  expire(sToken: string, now: Date): void {
    this.known(sToken).expiresAt = new Date(now.getTime() - 1000);
  }

  private known(sToken: string): SandboxToken {
    const token = this.tokens.get(sToken);
    if (!token) throw new Error('The sandbox did not mint this token.');
    return token;
  }
}
