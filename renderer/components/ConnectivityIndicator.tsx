import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../preload/contract';
import { api } from '../bridge/api';

type Connectivity = ChannelOutput<'app.connectivity'>;

/** Online or offline, as the last call to Apple found; offline means the report shows the cache. */
export function ConnectivityIndicator() {
  const [state, setState] = useState<Connectivity | null>(null);
  useEffect(() => {
    void api.app.connectivity({}).then((result) => {
      if (result.ok) setState(result.value);
    });
    return api.on('app.connectivity', setState);
  }, []);
  if (!state) return null;
  return (
    <span
      className={state.online ? 'connectivity online' : 'connectivity offline'}
      role="status"
      aria-label={state.online ? 'Apple reachable' : 'Offline'}
      title={state.message ?? undefined}
    >
      {state.online ? 'Online' : 'Offline: showing cached data'}
    </span>
  );
}
