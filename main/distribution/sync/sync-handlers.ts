import type { HandlerTable } from '../../ipc/handler-types';
import type { ConnectivityMonitor } from './connectivity-monitor';
import type { SyncService } from './sync-service';
import type { SyncSettings } from './sync-settings';

type SyncChannels = 'sync.start' | 'sync.status' | 'app.connectivity' | 'settings.get' | 'settings.update';

export function syncHandlers(sync: SyncService, connectivity: ConnectivityMonitor, settings: SyncSettings): Pick<HandlerTable, SyncChannels> {
  return {
    'sync.start': ({ serviceId }, { admin }) => sync.start(admin, serviceId),
    'sync.status': ({ groupId }, { admin }) => sync.status(admin, groupId),
    'app.connectivity': () => connectivity.current(),
    'settings.get': () => settings.get(),
    'settings.update': (input, { admin }) => settings.update(admin, input),
  };
}
