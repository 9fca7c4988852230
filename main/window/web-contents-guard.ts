import { externalLinkTarget, mayNavigate } from './navigation-guards';

/** A navigation the contents is about to make; Electron's event carries the URL since v25. */
export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/** What the guard needs of a WebContents (Electron's satisfies it; tests pass a fake). */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** What the guard needs of Electron's `app`. */
export interface ContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown;
}

/**
 * Holds one WebContents to our page: it may not leave it (in any frame, nor by a redirect),
 * open a window of its own, or embed a <webview>. A plain web link the page opens goes to
 * the system browser instead.
 */
export function guardWebContents(contents: GuardedContents, pageUrl: string, openExternal: (url: string) => void): void {
  const stayOnPage = (event: NavigationEvent) => {
    if (!mayNavigate(event.url, pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-frame-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkTarget(url);
    if (external) openExternal(external);
    return { action: 'deny' };
  });
}

/**
 * Guards every WebContents the app ever creates, not only the main window's: a frame, a
 * popup or a devtools view is held to the same rules from the moment it exists. Call before
 * the first window opens.
 */
export function guardEveryWebContents(app: ContentsSource, pageUrl: string, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, pageUrl, openExternal));
}
