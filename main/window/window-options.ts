import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options: Electron's security checklist, as data a test can read.
 *
 * The page gets no Node, runs sandboxed in its own JavaScript world, and reaches main only
 * through the preload's contract-built `window.api`.
 */
export function mainWindowOptions(preloadPath: string, packaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Managed Distribution',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !packaged,
      spellcheck: true,
    },
  };
}
