import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../api';
import { buildMenuTemplate, type MenuContext } from './menu';

function context(overrides: Partial<MenuContext> = {}) {
  const sent: MenuCommand[] = [];
  const ctx: MenuContext = {
    platform: 'linux',
    locale: 'en',
    isPackaged: true,
    appName: 'DeepWire',
    recent: [],
    send: (c) => sent.push(c),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    learnMore: vi.fn(),
    ...overrides,
  };
  return { ctx, sent };
}

/** Every item of the template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byId = (template: MenuItemConstructorOptions[], id: string) => items(template).find((i) => i.id === id);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('menu template', () => {
  it('has File, Edit, View, Train, Help on Windows and Linux, with Quit (Exit on Windows) ending File', () => {
    const linux = buildMenuTemplate(context().ctx);
    expect(linux.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Train', 'Lab', 'Help']);
    const file = linux[0].submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toMatchObject({ role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' });
    const win = buildMenuTemplate(context({ platform: 'win32' }).ctx);
    expect((win[0].submenu as MenuItemConstructorOptions[]).at(-1)).toMatchObject({ role: 'quit', label: 'Exit' });
    expect(byId(win, 'redo')!.accelerator).toBe('Ctrl+Y');
    expect(byId(win, 'about')!.label).toBe('About DeepWire');
  });

  it('follows macOS: an app menu with About, Hide, Quit; a Window menu; no Quit in File', () => {
    const mac = buildMenuTemplate(context({ platform: 'darwin' }).ctx);
    expect(mac.map((m) => m.label)).toEqual(['DeepWire', 'File', 'Edit', 'View', 'Train', 'Lab', 'Window', 'Help']);
    const app = mac[0].submenu as MenuItemConstructorOptions[];
    expect(app.map((i) => i.role ?? i.id).filter((x) => x !== undefined && x !== 'separator')).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(app.find((i) => i.role === 'quit')!.label).toBe('Quit DeepWire');
    expect((mac[1].submenu as MenuItemConstructorOptions[]).some((i) => i.role === 'quit')).toBe(false);
    expect(byId(mac, 'redo')!.accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(byId(mac, 'delete')!.accelerator).toBeUndefined();
    expect(items(mac).filter((i) => i.id === 'about')).toHaveLength(1);
  });

  it('sends each command of api.ts from exactly one item (About from one place per platform)', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const { ctx, sent } = context({ platform });
      const template = buildMenuTemplate(ctx);
      for (const cmd of MENU_COMMANDS) {
        const found = items(template).filter((i) => i.id === cmd);
        expect(found, `${platform}: ${cmd}`).toHaveLength(1);
        click(found[0]);
        expect(sent.at(-1), `${platform}: ${cmd}`).toBe(cmd);
      }
      expect(sent).toEqual([...MENU_COMMANDS]);
    }
  });

  it('puts the items where a user looks for them', () => {
    const template = buildMenuTemplate(context().ctx);
    const ids = (menu: number) => (template[menu].submenu as MenuItemConstructorOptions[]).map((i) => i.id ?? i.type);
    expect(ids(0)).toEqual(['new', 'templates', 'separator', 'open', 'menu:openRecent', 'separator', 'save', 'saveAs', 'menu:export', 'separator', 'close', 'separator', 'quit']);
    expect(byId(template, 'menu:export')!.submenu).toEqual([
      expect.objectContaining({ id: 'exportPytorch', label: 'PyTorch Code…' }),
      expect.objectContaining({ id: 'exportKeras', label: 'Keras Code…' }),
      expect.objectContaining({ id: 'exportOnnx', label: 'ONNX Model…' }),
      { type: 'separator' },
      expect.objectContaining({ id: 'exportWeights', label: 'Weights (.safetensors)…', accelerator: 'CmdOrCtrl+E' }),
      expect.objectContaining({ id: 'exportHistory', label: 'Training History (.csv)…' }),
    ]);
    expect(ids(1)).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'duplicate', 'delete', 'separator', 'selectAll']);
    expect(ids(3)).toEqual(['train', 'pause', 'stop']);
    expect(byId(template, 'cut')!.role).toBe('cut');
    expect(byId(template, 'paste')!.role).toBe('paste');
  });

  it('shows but does not register the shortcuts the editor handles itself (Windows, Linux)', () => {
    const template = buildMenuTemplate(context({ platform: 'win32' }).ctx);
    for (const id of ['undo', 'redo', 'duplicate', 'selectAll', 'delete', 'save']) {
      expect(byId(template, id)!.accelerator, id).toBeTruthy();
      expect(byId(template, id)!.registerAccelerator, id).toBe(false);
    }
    expect(byId(template, 'saveAs')!.registerAccelerator).toBeUndefined();
    expect(byId(template, 'open')!.accelerator).toBe('CmdOrCtrl+O');
  });

  it('opens the project page from Help, greyed out when there is none', () => {
    const { ctx } = context();
    click(byId(buildMenuTemplate(ctx), 'learnMore'));
    expect(ctx.learnMore).toHaveBeenCalled();
    expect(byId(buildMenuTemplate({ ...ctx, learnMore: null }), 'learnMore')!.enabled).toBe(false);
  });

  it('has developer tools only in development', () => {
    expect(items(buildMenuTemplate(context({ isPackaged: true }).ctx)).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(buildMenuTemplate(context({ isPackaged: false }).ctx)).some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(items(buildMenuTemplate(context().ctx)).some((i) => i.role === 'zoomIn')).toBe(true);
  });

  it('lists recent files (an & stays an &), opens one on click, and clears', () => {
    const { ctx } = context({ recent: ['/p/R&D.dwire', '/p/xor.dwire'] });
    const template = buildMenuTemplate(ctx);
    expect(byId(template, 'recent:0')!.label).toBe('/p/R&&D.dwire');
    click(byId(template, 'recent:1'));
    expect(ctx.openRecent).toHaveBeenCalledWith('/p/xor.dwire');
    click(byId(template, 'recent:clear'));
    expect(ctx.clearRecent).toHaveBeenCalled();
    expect(byId(buildMenuTemplate({ ...ctx, platform: 'darwin' }), 'recent:0')!.label).toBe('/p/R&D.dwire');
    const empty = buildMenuTemplate(context().ctx);
    expect(byId(empty, 'recent:none')).toMatchObject({ label: 'No Recent Files', enabled: false });
    expect(byId(empty, 'recent:clear')!.enabled).toBe(false);
  });

  it('speaks Korean', () => {
    const ko = buildMenuTemplate(context({ locale: 'ko', platform: 'darwin' }).ctx);
    expect(ko.map((m) => m.label)).toEqual(['DeepWire', '파일', '편집', '보기', '학습', '실험실', '창', '도움말']);
    expect(byId(ko, 'save')!.label).toBe('저장');
    expect(byId(ko, 'saveAs')!.label).toBe('다른 이름으로 저장…');
    expect(byId(ko, 'about')!.label).toBe('DeepWire 정보');
    expect(byId(ko, 'language')!.label).toContain('Language');
    const win = buildMenuTemplate(context({ locale: 'ko', platform: 'win32' }).ctx);
    expect((win[0].submenu as MenuItemConstructorOptions[]).at(-1)!.label).toBe('끝내기');
    // Every visible label differs from the English one except names and shared words.
    const en = items(buildMenuTemplate(context({ platform: 'darwin' }).ctx));
    const same = items(ko).filter((item, i) => item.label && item.label === en[i].label).map((i) => i.label);
    expect(same).toEqual(['DeepWire']);
  });
});
