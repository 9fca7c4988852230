import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WINDOW_SIZE, fitWindowState, MIN_WINDOW_SIZE, windowStateFromText, type WorkArea } from '../../../main/window/window-state';
import { WINDOW_STATE_FILE_NAME, WindowStateStore } from '../../../main/window/window-state-store';

const laptop: WorkArea = { x: 0, y: 25, width: 1440, height: 875 };
const monitorOnRight: WorkArea = { x: 1440, y: 0, width: 2560, height: 1440 };
const defaults = { ...DEFAULT_WINDOW_SIZE, maximized: false };

describe('fitting a saved window state to the displays', () => {
  it('keeps a window that is on a display as it was', () => {
    const saved = { x: 100, y: 100, width: 1200, height: 700, maximized: false };
    expect(fitWindowState(saved, [laptop])).toEqual(saved);
  });

  it('keeps a window on the second monitor while that monitor is there', () => {
    const saved = { x: 2000, y: 200, width: 1600, height: 1000, maximized: true };
    expect(fitWindowState(saved, [laptop, monitorOnRight])).toEqual(saved);
  });

  it('brings a window saved on a monitor since unplugged back on screen', () => {
    const fitted = fitWindowState({ x: 2000, y: 200, width: 1600, height: 1000, maximized: false }, [laptop]);
    expect(fitted.x).toBeUndefined();
    expect(fitted.y).toBeUndefined();
    expect(fitted.width).toBeLessThanOrEqual(laptop.width);
    expect(fitted.height).toBeLessThanOrEqual(laptop.height);
  });

  it('drops negative coordinates far off every display', () => {
    const fitted = fitWindowState({ x: -5000, y: -5000, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(fitted).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('pulls a window hanging off the left edge fully onto its display', () => {
    const fitted = fitWindowState({ x: -200, y: 100, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(fitted).toMatchObject({ x: 0, y: 100 });
  });

  it('drops a window whose title bar is above the top of the display', () => {
    const fitted = fitWindowState({ x: 100, y: -400, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(fitted.x).toBeUndefined();
  });

  it('lowers huge sizes to the largest display', () => {
    const fitted = fitWindowState({ width: 1e9, height: 1e9, maximized: false }, [laptop, monitorOnRight]);
    expect(fitted).toEqual({ width: monitorOnRight.width, height: monitorOnRight.height, maximized: false });
  });

  it('raises too-small sizes to the minimum', () => {
    const fitted = fitWindowState({ x: 10, y: 40, width: 5, height: -30, maximized: false }, [laptop]);
    expect(fitted).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
  });

  it('keeps the maximized flag', () => {
    expect(fitWindowState({ width: 1000, height: 700, maximized: true }, [laptop]).maximized).toBe(true);
  });
});

describe('reading window-state.json', () => {
  it('gives the defaults for a missing file', () => {
    expect(windowStateFromText(null)).toEqual(defaults);
  });

  it.each([
    ['corrupt JSON', '{"x": 10, "wid'],
    ['not an object', '42'],
    ['null', 'null'],
    ['a size that is not a number', '{"width": "huge", "height": 700}'],
    ['an infinite size', '{"width": 1e999, "height": 700}'],
  ])('gives the defaults for %s', (_name, text) => {
    expect(windowStateFromText(text)).toEqual(defaults);
  });

  it('ignores a half-given position rather than guessing the other half', () => {
    expect(windowStateFromText('{"x": 10, "width": 1000, "height": 700}')).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('reads only `true` as maximized', () => {
    expect(windowStateFromText('{"width": 1000, "height": 700, "maximized": "yes"}').maximized).toBe(false);
  });
});

describe('the window state store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    vi.useRealTimers();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-window-'));
    dirs.push(dir);
    return dir;
  };

  it('writes once after moves settle, with the latest state', () => {
    vi.useFakeTimers();
    const dir = dataDir();
    const store = new WindowStateStore(dir);
    store.save({ x: 1, y: 1, width: 1000, height: 700, maximized: false });
    store.save({ x: 2, y: 2, width: 1100, height: 750, maximized: false });
    expect(store.load()).toEqual(defaults);
    vi.advanceTimersByTime(1000);
    expect(store.load()).toEqual({ x: 2, y: 2, width: 1100, height: 750, maximized: false });
  });

  it('writes a waiting save at once when flushed', () => {
    const dir = dataDir();
    const store = new WindowStateStore(dir);
    store.save({ width: 1000, height: 700, maximized: true });
    store.flush();
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE_NAME), 'utf8'))).toEqual({ width: 1000, height: 700, maximized: true });
  });

  it('falls back to the defaults when the file is corrupt', () => {
    const dir = dataDir();
    writeFileSync(join(dir, WINDOW_STATE_FILE_NAME), '\u0000garbage');
    expect(new WindowStateStore(dir).load()).toEqual(defaults);
  });
});
