/**
 * The application menu as a template (File, Edit, View, Train, Lab, Help, and on macOS the app menu
 * and Window), in the user's language, with each platform's conventions: the app menu holds
 * About / Hide / Quit on macOS; elsewhere Quit (Windows: Exit) ends the File menu. Items the
 * editor acts on send a MenuCommand of electron/api.ts; clipboard, zoom and window items use
 * Electron's roles.
 *
 * Shortcuts the editor already handles itself (undo, redo, duplicate, select all, delete, save)
 * are shown but not registered with the system on Windows and Linux, so a text field keeps its
 * own Ctrl+Z and Backspace. (macOS offers a key to the page first; the editor's handler stops it.)
 */
import type { MenuItemConstructorOptions } from 'electron';
import { i18n } from '../../engine';
import type { MenuCommand } from '../api';

type Locale = i18n.Locale;

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly locale: Locale;
  /** Development builds get Reload and the developer tools. */
  readonly isPackaged: boolean;
  readonly appName: string;
  /** The recent files, newest first. */
  readonly recent: readonly string[];
  /** Sends a command to the editor. */
  readonly send: (command: MenuCommand) => void;
  readonly openRecent: (path: string) => void;
  readonly clearRecent: () => void;
  /** Opens the project's web page in the user's browser; null (the item greyed out) when there is none. */
  readonly learnMore: (() => void) | null;
}

/** Commands whose shortcut the editor's own keyboard handler takes (see useShortcuts). */
const EDITOR_HANDLED: ReadonlySet<MenuCommand> = new Set(['undo', 'redo', 'duplicate', 'selectAll', 'delete', 'save']);

/** On Windows and Linux an '&' in a label marks a mnemonic; a path's own '&' must be doubled. */
function literalLabel(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&');
}

/** Builds the menu template for `context`. `Menu.buildFromTemplate` turns it into the menu. */
export function buildMenuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { platform, locale, appName } = context;
  const mac = platform === 'darwin';
  const t = (key: string, vars?: i18n.MessageVars) => i18n.translate(locale, `desktop.menu.${key}`, vars);

  /** An item that sends `command` to the editor; `id` is the command, for tests and for enabling. */
  const command = (cmd: MenuCommand, label: string, accelerator?: string): MenuItemConstructorOptions => {
    const item: MenuItemConstructorOptions = { id: cmd, label, click: () => context.send(cmd) };
    if (accelerator) {
      item.accelerator = accelerator;
      if (!mac && EDITOR_HANDLED.has(cmd)) item.registerAccelerator = false;
    }
    return item;
  };
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const recentItems: MenuItemConstructorOptions[] =
    context.recent.length === 0
      ? [{ id: 'recent:none', label: t('noRecent'), enabled: false }]
      : context.recent.map((file, i) => ({ id: `recent:${i}`, label: literalLabel(file, platform), click: () => context.openRecent(file) }));

  const file: MenuItemConstructorOptions = {
    id: 'menu:file',
    label: t('file'),
    submenu: [
      command('new', t('new'), 'CmdOrCtrl+N'),
      command('templates', t('templates'), 'CmdOrCtrl+Shift+N'),
      separator,
      command('open', t('open'), 'CmdOrCtrl+O'),
      {
        id: 'menu:openRecent',
        label: t('openRecent'),
        submenu: [...recentItems, separator, { id: 'recent:clear', label: t('clearRecent'), enabled: context.recent.length > 0, click: () => context.clearRecent() }],
      },
      separator,
      command('save', t('save'), 'CmdOrCtrl+S'),
      command('saveAs', t('saveAs'), 'CmdOrCtrl+Shift+S'),
      {
        id: 'menu:export',
        label: t('export'),
        submenu: [
          command('exportPytorch', t('exportPytorch')),
          command('exportKeras', t('exportKeras')),
          command('exportOnnx', t('exportOnnx')),
          separator,
          command('exportWeights', t('exportWeights'), 'CmdOrCtrl+E'),
          command('exportHistory', t('exportHistory')),
        ],
      },
      separator,
      { id: 'close', role: 'close', label: t('close') },
      ...(mac ? [] : [separator, { id: 'quit', role: 'quit', label: platform === 'win32' ? t('exit') : t('quit'), accelerator: platform === 'win32' ? undefined : 'Ctrl+Q' } as MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    id: 'menu:edit',
    label: t('edit'),
    submenu: [
      command('undo', t('undo'), 'CmdOrCtrl+Z'),
      command('redo', t('redo'), platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
      separator,
      { id: 'cut', role: 'cut', label: t('cut') },
      { id: 'copy', role: 'copy', label: t('copy') },
      { id: 'paste', role: 'paste', label: t('paste') },
      command('duplicate', t('duplicate'), 'CmdOrCtrl+D'),
      // No shortcut shown on macOS: a menu key equivalent for Backspace would take it from text fields.
      command('delete', t('delete'), mac ? undefined : 'Delete'),
      separator,
      command('selectAll', t('selectAll'), 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    id: 'menu:view',
    label: t('view'),
    submenu: [
      command('fitView', t('fitView'), 'CmdOrCtrl+Shift+1'),
      command('autoLayout', t('autoLayout'), 'CmdOrCtrl+Shift+L'),
      command('togglePanels', t('togglePanels'), 'CmdOrCtrl+J'),
      separator,
      command('language', t('language')),
      separator,
      { id: 'resetZoom', role: 'resetZoom', label: t('resetZoom') },
      { id: 'zoomIn', role: 'zoomIn', label: t('zoomIn') },
      { id: 'zoomOut', role: 'zoomOut', label: t('zoomOut') },
      separator,
      { id: 'togglefullscreen', role: 'togglefullscreen', label: t('toggleFullScreen') },
      ...(context.isPackaged
        ? []
        : [
            separator,
            { id: 'forceReload', role: 'forceReload', label: t('reload') } as MenuItemConstructorOptions,
            { id: 'toggleDevTools', role: 'toggleDevTools', label: t('toggleDevTools') } as MenuItemConstructorOptions,
          ]),
    ],
  };

  const train: MenuItemConstructorOptions = {
    id: 'menu:train',
    label: t('train'),
    submenu: [command('train', t('trainStart'), 'F5'), command('pause', t('pause'), 'F6'), command('stop', t('stop'), 'Shift+F5')],
  };

  const lab: MenuItemConstructorOptions = {
    id: 'menu:lab',
    label: t('lab'),
    submenu: [
      command('labPaths', t('labPaths')),
      command('labInit', t('labInit')),
      command('labBatchnorm', t('labBatchnorm')),
      command('labOverfitting', t('labOverfitting')),
      separator,
      command('labGradcheck', t('labGradcheck')),
      command('labPerceptron', t('labPerceptron')),
      separator,
      command('labSearch', t('labSearch')),
      command('labPaired', t('labPaired')),
    ],
  };

  const help: MenuItemConstructorOptions = {
    id: 'menu:help',
    label: t('help'),
    role: 'help',
    submenu: [
      { id: 'learnMore', label: t('learnMore'), enabled: context.learnMore !== null, click: () => context.learnMore?.() },
      // On macOS About lives in the app menu.
      ...(mac ? [] : [separator, command('about', t('about', { app: appName }))]),
    ],
  };

  if (!mac) return [file, edit, view, train, lab, help];

  const appMenu: MenuItemConstructorOptions = {
    id: 'menu:app',
    label: appName,
    submenu: [
      command('about', t('about', { app: appName })),
      separator,
      { id: 'services', role: 'services', label: t('services') },
      separator,
      { id: 'hide', role: 'hide', label: t('hide', { app: appName }) },
      { id: 'hideOthers', role: 'hideOthers', label: t('hideOthers') },
      { id: 'unhide', role: 'unhide', label: t('showAll') },
      separator,
      { id: 'quit', role: 'quit', label: t('quitApp', { app: appName }) },
    ],
  };
  const window: MenuItemConstructorOptions = {
    id: 'menu:window',
    label: t('window'),
    role: 'window',
    submenu: [
      { id: 'minimize', role: 'minimize', label: t('minimize') },
      { id: 'zoom', role: 'zoom', label: t('zoom') },
      separator,
      { id: 'front', role: 'front', label: t('front') },
    ],
  };
  return [appMenu, file, edit, view, train, lab, window, help];
}
