import type { Api } from '../../preload/contract';
import { createHttpBridge } from './http-bridge';
import { watchSessionEnd } from './session-end-watch';

declare global {
  interface Window {
    /** Present in the desktop app, put there by the preload. */
    api?: Api;
  }
}

const bridge = watchSessionEnd(window.api ?? createHttpBridge());

/** The one way the renderer reaches main, in either run mode. */
export const api: Api = bridge.api;

/** Called with main's sentence whenever a call finds the session expired or ended. */
export const onSessionEnd = bridge.onSessionEnd;

export const runMode: 'desktop' | 'browser' = window.api ? 'desktop' : 'browser';
