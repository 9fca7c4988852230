import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { channelNames } from '../preload/contract';
import { createApp } from './app';
import { AppHost } from './demo/app-host';
import { saveDialogDestination } from './export/save-dialog-destination';
import { appleConfigFromEnv } from './config/apple-config';
import { dataDirArgument } from './config/data-dir';
import { createOsSecretStore } from './keychain/os-secret-store';
import { externalLinkTarget, isTrustedSender, mayGrantPermission, mayNavigate } from './window/navigation-guards';
import { PendingTokenFile } from './window/pending-token-file';
import { mayLoadResource } from './window/resource-filter';
import { vpptokenPathFromArgs } from './window/token-file-argument';
import { mainWindowOptions } from './window/window-options';

// Desktop entry. Kept thin on purpose: every decision it makes lives in a module tested
// under plain Node (window options, guards, dispatcher, app graph).

const pagePath = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const pageUrl = pathToFileURL(pagePath).href;
const rendererRootUrl = new URL('./', pageUrl).href;
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

app.enableSandbox();

// A double-clicked .vpptoken file, kept for the Add Token dialog.
const pendingTokenFile = new PendingTokenFile();

function createWindow(mdApp: AppHost): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, app.isPackaged));
  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  const blockForeign = (event: Electron.Event, url: string) => {
    if (!mayNavigate(url, pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());

  const unsubscribe = mdApp.bus.subscribe((name, payload) => contents.send(`event:${name}`, payload));
  win.on('closed', unsubscribe);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(pagePath);
  return win;
}

function wireIpc(mdApp: AppHost): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      const sender = frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null;
      if (!isTrustedSender(sender, pageUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the app.' } };
      }
      return mdApp.dispatch(channel, input, `window:${event.sender.id}`);
    });
  }
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  pendingTokenFile.offer(vpptokenPathFromArgs(process.argv, process.cwd()));
  // macOS sends this instead of argv, possibly before `ready`, so it is listened for first.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    pendingTokenFile.offer(path);
  });
  await app.whenReady();
  // Main's own HTTP (Apple, SMTP, MDM) goes through Node's sockets, not this session, so
  // only the page's loads are filtered here.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !mayLoadResource(details.url, rendererRootUrl) });
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
  });
  wireIpc(mdApp);
  win = createWindow(mdApp);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    pendingTokenFile.offer(vpptokenPathFromArgs(argv, workingDirectory));
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(mdApp);
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
