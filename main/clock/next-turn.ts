/** Resolves after the event loop has answered what waits (IPC, timers, I/O): long work awaits it between steps. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
