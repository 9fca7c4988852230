import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PAGE_URL } from '../../../main/window/app-scheme';
import { guardEveryWebContents, guardWebContents, type GuardedContents } from '../../../main/window/web-contents-guard';

/** A WebContents as far as the guard sees it: events it can fire, and its window-open handler. */
class FakeContents extends EventEmitter implements GuardedContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Fires a navigation event as Electron does; true when a listener prevented it. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }

  attachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded() {
  const contents = new FakeContents();
  const opened: string[] = [];
  guardWebContents(contents, PAGE_URL, (url) => opened.push(url));
  return { contents, opened };
}

const foreign = [
  'https://evil.example/phish',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'app://renderer/other.html',
  'app://evil/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

describe('the guard on every web contents', () => {
  it('keeps the main frame, every subframe and every redirect on our page', () => {
    const { contents } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      for (const url of foreign) expect(contents.navigate(event, url), `${event} ${url}`).toBe(true);
      expect(contents.navigate(event, PAGE_URL), event).toBe(false);
      expect(contents.navigate(event, `${PAGE_URL}#report`), event).toBe(false);
    }
  });

  it('opens no window: plain web links go to the system browser, anything else nowhere', () => {
    const { contents, opened } = guarded();
    for (const url of ['https://support.apple.com/guide/apple-school-manager', 'javascript:alert(1)', 'file:///C:/Windows/System32/calc.exe', PAGE_URL]) {
      expect(contents.openHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://support.apple.com/guide/apple-school-manager']);
  });

  it('refuses to attach a <webview>', () => {
    expect(guarded().contents.attachWebview()).toBe(true);
  });

  it('is applied to each contents the app creates, not only the main window', () => {
    const app = new EventEmitter();
    const opened: string[] = [];
    guardEveryWebContents(app, PAGE_URL, (url) => opened.push(url));
    const popup = new FakeContents();
    const frame = new FakeContents();
    app.emit('web-contents-created', {}, popup);
    app.emit('web-contents-created', {}, frame);
    for (const contents of [popup, frame]) {
      expect(contents.navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.attachWebview()).toBe(true);
      expect(contents.openHandler!({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/help', 'https://example.org/help']);
  });
});
