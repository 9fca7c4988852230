import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** A packaged build: no reload and no developer tools. */
  packaged: boolean;
  productName: string;
  /** The folder Help → Open Data Folder shows; in demo mode still the admin's own. */
  dataDir: string;
}

export interface AppMenuHandlers {
  /** Shows a folder in the system's file manager. */
  openPath(path: string): void;
  exportDiagnostics(): void;
}

/**
 * The application menu, as a template a test can read.
 *
 * The Edit menu is not decoration: on macOS, copy and paste in text fields work only
 * through menu roles. Developer items exist only in development builds, matching the
 * window's `devTools: !packaged`.
 */
export function appMenuTemplate(options: AppMenuOptions, handlers: AppMenuHandlers): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: options.productName,
    submenu: [
      { role: 'about', label: `About ${options.productName}` },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', label: `Quit ${options.productName}` },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: mac ? [{ role: 'close', label: 'Close Window' }] : [{ role: 'close', label: 'Close Window' }, { type: 'separator' }, { role: 'quit', label: 'Exit' }],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const window: MenuItemConstructorOptions = {
    label: 'Window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { id: 'open-data-folder', label: 'Open Data Folder', toolTip: options.dataDir, click: () => handlers.openPath(options.dataDir) },
      { id: 'export-diagnostics', label: 'Export Diagnostics…', click: () => handlers.exportDiagnostics() },
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}
