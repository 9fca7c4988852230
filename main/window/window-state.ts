/** Where and how big the main window was, as saved in window-state.json. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A display's usable area (without the menu bar or taskbar), as Electron's `workArea` gives it. */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
/** The same minimum as the window options, so a fitted state never asks for less. */
export const MIN_WINDOW_SIZE = { width: 960, height: 640 } as const;

/**
 * How much of the window's title bar must lie on a display for the saved position to be kept.
 *
 * Less than this and the admin could not grab the window to move it back.
 */
const GRAB_MARGIN = 80;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The saved state from parsed JSON, or null when it is not one.
 *
 * The file is ours but may be half-written or hand-edited, so every field is checked.
 */
export function parseWindowState(json: unknown): WindowState | null {
  if (typeof json !== 'object' || json === null) return null;
  const { x, y, width, height, maximized } = json as Record<string, unknown>;
  if (!finite(width) || !finite(height)) return null;
  const position = finite(x) && finite(y) ? { x: Math.round(x), y: Math.round(y) } : {};
  return { ...position, width: Math.round(width), height: Math.round(height), maximized: maximized === true };
}

/** The state from the file's text; corrupt or missing text gives the defaults. */
export function windowStateFromText(text: string | null): WindowState {
  if (text === null) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  try {
    return parseWindowState(JSON.parse(text)) ?? { ...DEFAULT_WINDOW_SIZE, maximized: false };
  } catch {
    return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  }
}

function overlapsEnough(state: Required<Pick<WindowState, 'x' | 'y' | 'width'>>, area: WorkArea): boolean {
  const left = Math.max(state.x, area.x);
  const right = Math.min(state.x + state.width, area.x + area.width);
  return right - left >= GRAB_MARGIN && state.y >= area.y && state.y + GRAB_MARGIN <= area.y + area.height;
}

/**
 * The saved state made to fit the displays there are now.
 *
 * Sizes are raised to the minimum and lowered to the largest work area; a position whose
 * title bar is on no display (a monitor since unplugged, negative or huge coordinates) is
 * dropped so the window opens centred on the primary display. `areas[0]` is the primary.
 */
export function fitWindowState(saved: WindowState, areas: readonly WorkArea[]): WindowState {
  const primary = areas[0];
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...areas.map((a) => a.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...areas.map((a) => a.height));
  const width = Math.min(Math.max(saved.width, MIN_WINDOW_SIZE.width), maxWidth);
  const height = Math.min(Math.max(saved.height, MIN_WINDOW_SIZE.height), maxHeight);
  const fitted: WindowState = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return fitted;
  const at = { x: saved.x, y: saved.y, width };
  const home = areas.find((area) => overlapsEnough(at, area));
  if (!home) return primary ? { ...fitted, width: Math.min(width, primary.width), height: Math.min(height, primary.height) } : fitted;
  // Pulled fully inside its display, so a window half off the edge comes back whole.
  const x = Math.min(Math.max(saved.x, home.x), home.x + Math.max(0, home.width - width));
  const y = Math.min(Math.max(saved.y, home.y), home.y + Math.max(0, home.height - height));
  return { x, y, width: Math.min(width, home.width), height: Math.min(height, home.height), maximized: saved.maximized };
}
