import type { Api } from '../../preload/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Present in the desktop app, put there by the preload. */
    api?: Api;
  }
}

/** The one way the renderer reaches main, in either run mode. */
export const api: Api = window.api ?? createHttpBridge();

export const runMode: 'desktop' | 'browser' = window.api ? 'desktop' : 'browser';
