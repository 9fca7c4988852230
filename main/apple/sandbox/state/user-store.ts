import type { AppleUser, AppleUserStatus } from '../../wire/apple-user';

export interface SandboxUser {
  clientUserId: string;
  email?: string | undefined;
  managedAppleId?: string | undefined;
  inviteCode?: string | undefined;
  idHash?: string | undefined;
  status: AppleUserStatus;
  version: number;
}

/** The Apple-side users of one location, in creation order. */
export class UserStore {
  readonly rows: SandboxUser[] = [];
  private readonly byClientUserId = new Map<string, number>();
  private readonly byInviteCode = new Map<string, number>();

  add(user: SandboxUser): number {
    const index = this.rows.length;
    this.rows.push(user);
    this.byClientUserId.set(user.clientUserId, index);
    if (user.inviteCode) this.byInviteCode.set(user.inviteCode, index);
    return index;
  }

  /**
   * A retired clientUserId created again. Apple then keeps the retired record and adds a live
   * one, so GET /users "can return multiple entries with the same clientUserId"; Apple does not
   * say in which order. The sandbox lists the retired record after the live one, the order that
   * defeats a client taking the last entry it reads: the live record takes the person's place
   * (assignments refer to it by index), the retired one moves to the end with its own version.
   */
  recreate(live: SandboxUser): void {
    const index = this.byClientUserId.get(live.clientUserId);
    const retired = index === undefined ? undefined : this.rows[index];
    if (index === undefined || retired === undefined) throw new Error(`No user ${live.clientUserId} to create again.`);
    if (retired.inviteCode) this.byInviteCode.delete(retired.inviteCode);
    this.rows.push(retired);
    this.rows[index] = live;
    if (live.inviteCode) this.byInviteCode.set(live.inviteCode, index);
  }

  indexOf(clientUserId: string): number | undefined {
    return this.byClientUserId.get(clientUserId);
  }

  get(clientUserId: string): SandboxUser | undefined {
    const index = this.byClientUserId.get(clientUserId);
    return index === undefined ? undefined : this.rows[index];
  }

  at(index: number): SandboxUser {
    const user = this.rows[index];
    if (!user) throw new Error(`No user at index ${index}.`);
    return user;
  }

  byInvite(inviteCode: string): SandboxUser | undefined {
    const index = this.byInviteCode.get(inviteCode);
    return index === undefined ? undefined : this.rows[index];
  }

  /** Keeps the invite-code index in step when a user gets a new code or loses it. */
  setInviteCode(user: SandboxUser, inviteCode: string | undefined): void {
    if (user.inviteCode) this.byInviteCode.delete(user.inviteCode);
    user.inviteCode = inviteCode;
    const index = this.byClientUserId.get(user.clientUserId);
    if (inviteCode && index !== undefined) this.byInviteCode.set(inviteCode, index);
  }

  static isActive(user: SandboxUser): boolean {
    return user.status === 'Registered' || user.status === 'Associated';
  }

  static toApple(user: SandboxUser): AppleUser {
    return {
      clientUserId: user.clientUserId,
      ...(user.email ? { email: user.email } : {}),
      ...(user.managedAppleId ? { managedAppleId: user.managedAppleId } : {}),
      ...(user.status === 'Registered' && user.inviteCode ? { inviteCode: user.inviteCode } : {}),
      ...(user.status === 'Associated' && user.idHash ? { idHash: user.idHash } : {}),
      status: user.status,
    };
  }
}
