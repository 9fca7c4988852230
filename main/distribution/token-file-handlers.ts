import type { HandlerTable } from '../ipc/handler-types';
import { readTokenFile } from './token-file-reader';

/** The `.vpptoken` file the operating system asked the app to open, handed out once. */
export interface PendingTokenFilePort {
  take(): string | null;
}

/**
 * Hands the renderer the token file the admin double-clicked, so Add Token opens prefilled.
 *
 * Only the desktop has such a file; browser mode passes no port and always answers null.
 */
export function tokenFileHandlers(pending: PendingTokenFilePort | undefined): Pick<HandlerTable, 'tokens.pendingFile'> {
  return {
    'tokens.pendingFile': async () => {
      const path = pending?.take() ?? null;
      return path === null ? null : readTokenFile(path);
    },
  };
}
