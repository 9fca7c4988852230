import type { HandlerTable } from '../../ipc/handler-types';
import type { InvitationService } from './invitation-service';

type InvitationChannels = 'invitations.preview' | 'invitations.start' | 'invitations.results' | 'invitations.retryFailed';

export function invitationHandlers(service: InvitationService): Pick<HandlerTable, InvitationChannels> {
  return {
    'invitations.preview': ({ serviceId, groupId, ...options }, { admin }) => service.preview(admin, { serviceId, groupId }, options),
    'invitations.start': ({ serviceId, groupId, ...options }, { admin }) => service.start(admin, { serviceId, groupId }, options),
    'invitations.results': ({ runId }, { admin }) => service.results(admin, runId),
    'invitations.retryFailed': ({ runId }, { admin }) => service.retryFailed(admin, runId),
  };
}
