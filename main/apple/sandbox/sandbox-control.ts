import type { ServerResponse } from 'node:http';
import { acceptInvitation } from './invitation-acceptance';
import { sendJson } from './sandbox-response';
import type { SandboxWorld } from './sandbox-world';

/**
 * The sandbox's own endpoints, which Apple does not have, for what people do outside the API.
 *
 * `POST /sandbox/accept-invitation {inviteCode}` is what a script or test calls;
 * `GET /sandbox/invitation?inviteCode=` is where the invitation link of service config points,
 * so clicking it in demo mode accepts the invitation.
 */
export function answerControl(world: SandboxWorld, method: string, url: URL, bodyText: string, response: ServerResponse): void {
  if (url.pathname === '/sandbox/accept-invitation' && method === 'POST') {
    const accepted = acceptInvitation(world, inviteCodeFrom(bodyText));
    if (accepted) sendJson(response, 200, accepted);
    else sendJson(response, 404, { error: 'No pending invitation has this code.' });
    return;
  }
  if (url.pathname === '/sandbox/invitation' && method === 'GET') {
    const accepted = acceptInvitation(world, url.searchParams.get('inviteCode') ?? '');
    response.writeHead(accepted ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(accepted ? '<p>Invitation accepted. You can close this page.</p>' : '<p>This invitation is not valid any more.</p>');
    return;
  }
  sendJson(response, 404, { error: 'Unknown sandbox control.' });
}

function inviteCodeFrom(bodyText: string): string {
  try {
    const body: unknown = JSON.parse(bodyText);
    const code = typeof body === 'object' && body !== null ? (body as { inviteCode?: unknown }).inviteCode : undefined;
    return typeof code === 'string' ? code : '';
  } catch {
    return '';
  }
}
