import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../../main/window/app-menu';

const handlers = () => ({ openPath: vi.fn(), exportDiagnostics: vi.fn() });
const build = (platform: NodeJS.Platform, packaged: boolean, h = handlers()) =>
  appMenuTemplate({ platform, packaged, productName: 'Managed Distribution', dataDir: '/data/md' }, h);

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role?.toLowerCase());
const menu = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label === label || m.role === label)!;

describe('the application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('has no developer tools or reload in a packaged build on %s', (platform) => {
    const all = roles(build(platform, true));
    expect(all).not.toContain('toggledevtools');
    expect(all).not.toContain('reload');
    expect(all).not.toContain('forcereload');
  });

  it('offers reload and developer tools in development', () => {
    expect(roles(build('linux', false))).toEqual(expect.arrayContaining(['reload', 'toggledevtools']));
  });

  it.each(['darwin', 'win32', 'linux'] as const)('has the Edit roles text fields need on %s', (platform) => {
    const edit = menu(build(platform, true), 'Edit');
    expect(roles([edit])).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectall']));
  });

  it('puts About, Hide and Quit in the app menu on macOS only', () => {
    const mac = build('darwin', true);
    expect(mac[0]!.label).toBe('Managed Distribution');
    expect(roles([mac[0]!])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    expect(build('win32', true)[0]!.label).toBe('File');
  });

  it('has File → Close Window everywhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(items([menu(build(platform, true), 'File')]).some((i) => i.role === 'close' && i.label === 'Close Window')).toBe(true);
    }
  });

  it('opens the data folder and exports diagnostics from Help', () => {
    const h = handlers();
    const help = items([menu(build('win32', true, h), 'help')]);
    const open = help.find((i) => i.label === 'Open Data Folder')!;
    const exportItem = help.find((i) => i.label === 'Export Diagnostics…')!;
    (open.click as () => void)();
    (exportItem.click as () => void)();
    expect(h.openPath).toHaveBeenCalledWith('/data/md');
    expect(h.exportDiagnostics).toHaveBeenCalledOnce();
  });
});
