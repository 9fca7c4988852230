import type { HandlerTable } from '../../ipc/handler-types';
import type { ReportScope } from '../report/report-scope';
import type { InstallService } from './install-service';
import type { LicenseReclaim } from './license-reclaim';

type InstallChannels =
  | 'installs.preview'
  | 'installs.start'
  | 'installs.runs'
  | 'installs.results'
  | 'installs.retryFailed'
  | 'licenses.revoke'
  | 'licenses.reclaimSuggestions'
  | 'licenses.retireUsers';

export function installHandlers(installs: InstallService, reclaim: LicenseReclaim, reportScope: ReportScope): Pick<HandlerTable, InstallChannels> {
  return {
    'installs.preview': (request, { admin }) => installs.preview(admin, request),
    'installs.start': (request, { admin }) => installs.start(admin, request),
    'installs.runs': ({ groupId }, { admin }) => installs.runs(admin, groupId, reportScope.serviceIds(admin, groupId, null)),
    'installs.results': ({ runId }, { admin }) => installs.results(admin, runId),
    'installs.retryFailed': ({ runId }, { admin }) => installs.retryFailed(admin, runId),
    'licenses.revoke': (request, { admin }) => reclaim.revoke(admin, request),
    'licenses.reclaimSuggestions': ({ groupId }, { admin }) => reclaim.suggestions(admin, groupId),
    'licenses.retireUsers': ({ tokenId, groupId, clientUserIds }, { admin }) => reclaim.retire(admin, tokenId, groupId, clientUserIds),
  };
}
