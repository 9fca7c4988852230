import { useEffect, useState } from 'react';
import { api } from '../../bridge/api';
import type { UsableToken } from './install-types';

/** The active tokens of one service the admin may use at this level (the access rule, checked in main). */
export function useUsableTokens(groupId: number, serviceId: number): { tokens: UsableToken[] | null; error: string | null } {
  const [state, setState] = useState<{ tokens: UsableToken[] | null; error: string | null }>({ tokens: null, error: null });
  useEffect(() => {
    let current = true;
    void api.services.usableTokens({ groupId }).then((result) => {
      if (!current) return;
      setState(result.ok ? { tokens: result.value.filter((t) => t.serviceId === serviceId), error: null } : { tokens: [], error: result.error.message });
    });
    return () => {
      current = false;
    };
  }, [groupId, serviceId]);
  return state;
}
