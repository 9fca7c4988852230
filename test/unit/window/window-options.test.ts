import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../main/window/window-options';

describe('the main window', () => {
  const prefs = mainWindowOptions('/app/preload.cjs', true).webPreferences!;

  it('isolates the page from Node and from the preload', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('keeps web security on and embedded content off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('offers developer tools only outside a packaged build', () => {
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p', false).webPreferences!.devTools).toBe(true);
  });
});
