/**
 * Which admin is signed in on which client (a window, or a browser tab).
 *
 * Held in memory on purpose: quitting the app or restarting browser mode signs everyone out.
 */
export class SessionStore {
  private readonly adminByClient = new Map<string, number>();

  signIn(clientId: string, adminId: number): void {
    this.adminByClient.set(clientId, adminId);
  }

  signOut(clientId: string): void {
    this.adminByClient.delete(clientId);
  }

  adminId(clientId: string): number | null {
    return this.adminByClient.get(clientId) ?? null;
  }
}
