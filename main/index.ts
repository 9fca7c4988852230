import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell } from 'electron';
import { channelNames } from '../preload/contract';
import { createApp } from './app';
import { AppHost } from './demo/app-host';
import { saveDialogDestination } from './export/save-dialog-destination';
import { appleConfigFromEnv } from './config/apple-config';
import { dataDirArgument } from './config/data-dir';
import { createOsSecretStore } from './keychain/os-secret-store';
import { appMenuTemplate } from './window/app-menu';
import { APP_SCHEME, PAGE_URL, privilegedSchemes, RENDERER_ROOT_URL } from './window/app-scheme';
import { isTrustedSender, mayGrantPermission } from './window/navigation-guards';
import { PendingTokenFile } from './window/pending-token-file';
import { rendererResponse } from './window/renderer-protocol';
import { mayLoadResource } from './window/resource-filter';
import { guardEveryWebContents } from './window/web-contents-guard';
import { vpptokenPathFromArgs } from './window/token-file-argument';
import { mainWindowOptions } from './window/window-options';
import { fitWindowState } from './window/window-state';
import { WindowStateStore } from './window/window-state-store';

// Desktop entry. Kept thin on purpose: every decision it makes lives in a module tested
// under plain Node (window options, guards, dispatcher, app graph).

const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

app.enableSandbox();
// Both must happen before `ready`: the scheme's privileges, and the guard on every contents.
protocol.registerSchemesAsPrivileged(privilegedSchemes);
guardEveryWebContents(app, PAGE_URL, (url) => void shell.openExternal(url));

// A double-clicked .vpptoken file, kept for the Add Token dialog.
const pendingTokenFile = new PendingTokenFile();
// Set once the app runs; a file opened from then on is announced to the open window.
let host: AppHost | null = null;

function offerTokenFile(path: string | null): void {
  pendingTokenFile.offer(path);
  if (path !== null && host) host.app.bus.emit('tokens.fileOpened', {});
}

function createWindow(mdApp: AppHost, windowState: WindowStateStore): BrowserWindow {
  const saved = fitWindowState(
    windowState.load(),
    [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea),
  );
  const win = new BrowserWindow({ ...mainWindowOptions(preloadPath, app.isPackaged), x: saved.x, y: saved.y, width: saved.width, height: saved.height });
  if (saved.maximized) win.maximize();
  // Normal bounds, so a maximized window restores to where it was before maximizing.
  const remember = () => windowState.save({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  win.on('resize', remember);
  win.on('move', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', () => {
    remember();
    windowState.flush();
  });
  const contents = win.webContents;
  // The same client id its IPC calls carry: the window hears what its signed-in admin may see.
  const unsubscribe = mdApp.listen(`window:${contents.id}`, (name, payload) => contents.send(`event:${name}`, payload));
  win.on('closed', unsubscribe);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(PAGE_URL);
  return win;
}

function wireIpc(mdApp: AppHost): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null;
      if (!isTrustedSender(sender, PAGE_URL)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the app.' } };
      }
      return mdApp.dispatch(channel, input, `window:${event.sender.id}`);
    });
  }
}

/** Help → Export Diagnostics…: the same report the Settings page downloads, saved where the admin chooses. */
async function exportDiagnostics(mdApp: AppHost, win: BrowserWindow | null): Promise<void> {
  const report = await mdApp.app.diagnostics();
  const options = {
    title: 'Export Diagnostics',
    defaultPath: join(app.getPath('documents'), report.fileName),
    filters: [{ name: 'JSON', extensions: ['json'] }],
  };
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return;
  await writeFile(choice.filePath, report.text, { mode: 0o600 });
}

function showExportError(error: unknown): void {
  dialog.showErrorBox('Diagnostics were not exported', error instanceof Error ? error.message : String(error));
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  offerTokenFile(vpptokenPathFromArgs(process.argv, process.cwd()));
  // macOS sends this instead of argv, possibly before `ready`, so it is listened for first.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    offerTokenFile(path);
  });
  await app.whenReady();
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request));
  // Main's own HTTP (Apple, SMTP, MDM) goes through Node's sockets, not this session, so
  // only the page's loads are filtered here.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !mayLoadResource(details.url, RENDERER_ROOT_URL) });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));

  const dataDir = dataDirArgument(process.argv) || process.env.MD_DATA_DIR || app.getPath('userData');
  let win: BrowserWindow | null = null;
  const mdApp = new AppHost(createApp, {
    dataDir,
    secrets: createOsSecretStore(),
    apple: appleConfigFromEnv(process.env),
    exportDestination: saveDialogDestination(
      (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
      app.getPath('documents'),
    ),
    appVersion: app.getVersion(),
    pendingTokenFile,
  });
  host = mdApp;
  wireIpc(mdApp);
  const windowState = new WindowStateStore(dataDir);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        { platform: process.platform, packaged: app.isPackaged, productName: app.getName(), dataDir },
        {
          openPath: (path) => void shell.openPath(path),
          exportDiagnostics: () => void exportDiagnostics(mdApp, win).catch(showExportError),
        },
      ),
    ),
  );
  win = createWindow(mdApp, windowState);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    offerTokenFile(vpptokenPathFromArgs(argv, workingDirectory));
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(mdApp, windowState);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => mdApp.close());
}

start().catch((error: unknown) => {
  dialog.showErrorBox('Managed Distribution could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
