/**
 * The Electron main process: the thin glue between Electron and the modules in electron/main/,
 * which hold the logic (and its tests). App lifecycle and the single-instance lock; the app://
 * scheme; the editor window with its menu, title and close prompt; IPC; files, recent files and
 * autosave; the engine host. Paths resolve from app.getAppPath(): the repository in development,
 * the ASAR archive when packaged (dist/web, dist/electron, assets/examples).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BrowserWindow, Menu, MessageChannelMain, app, dialog, ipcMain, protocol, session, shell, type MessagePortMain } from 'electron';
import { i18n } from '../engine';
import { IPC, type MenuCommand, type OpenedFile } from './api';
import { Autosave } from './main/autosave';
import { Documents } from './main/documents';
import { EngineHostSupervisor, engineHostWindowOptions } from './main/engineHost';
import { examplesFolder, firstRunFile } from './main/firstRun';
import { registerIpc } from './main/ipc';
import { buildMenuTemplate } from './main/menu';
import { OpenQueue, projectsFromArgv } from './main/openArgs';
import { APP_SCHEME, EDITOR_URL } from './main/origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './main/protocol';
import { RecentFiles } from './main/recent';
import { hardenSession, hardenWebContents, isExternalWebUrl } from './main/security';
import { Settings } from './main/settings';
import { DocumentWindow, editorWindowOptions } from './main/window';

const APP_NAME = 'DeepWire';
type Locale = i18n.Locale;

const log = (message: string) => console.warn(`[deepwire] ${message}`);
const logError = (err: unknown) => log(err instanceof Error ? (err.stack ?? err.message) : String(err));

let editor: BrowserWindow | null = null;
let documentWindow: DocumentWindow | null = null;
let engine: EngineHostSupervisor<MessagePortMain> | null = null;
let quitting = false;
let cleanedUp = false;
let locale: Locale = 'en';
let firstRunPending = false;
/** start() has finished: windows may be made. */
let started = false;
/** When the editor was last reloaded after a crash (a crash loop is not reloaded again). */
let lastEditorReload = Number.NEGATIVE_INFINITY;
let settings: Settings;
let recent: RecentFiles;
let autosave: Autosave;
let documents: Documents;

const appPath = app.getAppPath();
const preloadPath = (name: string) => path.join(appPath, 'dist', 'electron', name);

// Before ready: the app:// scheme's privileges, the OS's requests to open files, hardening of
// every webContents the moment it exists.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
const openQueue = new OpenQueue();
openQueue.push(...projectsFromArgv(process.argv, { defaultApp: !!process.defaultApp, cwd: process.cwd() }));
app.on('open-file', (event, file) => {
  event.preventDefault();
  openQueue.push(path.resolve(file));
  if (started && !editor) createEditorWindow();
});
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, { openExternal: (url) => void shell.openExternal(url), log });
});

// Windows groups taskbar buttons and notifications by this id: the installer's appId (electron-builder.cjs).
if (process.platform === 'win32') app.setAppUserModelId('dev.deepwire.app');

if (!app.requestSingleInstanceLock()) {
  // Another DeepWire runs: it receives our argv in 'second-instance' and opens the files.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openQueue.push(...projectsFromArgv(argv, { defaultApp: !!process.defaultApp, cwd: workingDirectory }));
    if (!started) return;
    if (!editor) createEditorWindow();
    else {
      if (editor.isMinimized()) editor.restore();
      editor.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      // Without a window the app would linger invisibly: say what failed, then leave.
      logError(err);
      dialog.showErrorBox(APP_NAME, err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}

/** Korean when the system's first language is Korean, else English, as the editor decides; the editor's setLocale then rules. */
function systemLocale(): Locale {
  const first = app.getPreferredSystemLanguages()[0] ?? app.getLocale();
  return first.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The project's web page (package.json's homepage), if it names one; read once. */
let homepageUrl: string | null | undefined;
function homepage(): string | null {
  if (homepageUrl === undefined) homepageUrl = readHomepage();
  return homepageUrl;
}

function readHomepage(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(path.join(appPath, 'package.json'), 'utf8')) as { homepage?: unknown };
    return typeof pkg.homepage === 'string' && isExternalWebUrl(pkg.homepage) ? pkg.homepage : null;
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  settings = await Settings.load(path.join(userData, 'settings.json'), undefined, logError);
  firstRunPending = settings.firstRun;
  locale = settings.locale ?? systemLocale();

  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: path.join(appPath, 'dist', 'web'), log }));
  hardenSession(session.defaultSession);

  recent = new RecentFiles({ file: path.join(userData, 'recent.json'), onChange: () => rebuildMenu(), onError: logError });
  autosave = new Autosave({ folder: path.join(userData, 'backups'), onError: logError });
  await autosave.start().catch(logError);
  documents = new Documents({
    dialogs: {
      showOpenDialog: (options) => (editor ? dialog.showOpenDialog(editor, options) : dialog.showOpenDialog(options)),
      showSaveDialog: (options) => (editor ? dialog.showSaveDialog(editor, options) : dialog.showSaveDialog(options)),
      showMessageBox: (options) => (editor ? dialog.showMessageBox(editor, options) : dialog.showMessageBox(options)),
    },
    recent,
    autosave,
    locale: () => locale,
    // The examples, and when packaged the whole archive (in development the app path is the
    // repository, where a developer may well keep projects).
    bundledFolders: [examplesFolder(appPath), ...(app.isPackaged ? [appPath] : [])],
    defaultFolder: () => app.getPath('documents'),
  });

  registerIpc({
    ipcMain,
    editorContents: () => (editor && !editor.isDestroyed() ? editor.webContents : null),
    log,
    handlers: {
      openDialog: async () => remember(await documents.openDialog()),
      openPath: async (file) => remember(await documents.openPath(file)),
      save: async (request) => {
        const saved = await documents.save(request);
        if (saved) app.addRecentDocument(saved.path);
        return saved;
      },
      exportFile: (request) => documents.exportFile(request),
      exportFiles: (request) => documents.exportFiles(request),
      recentFiles: () => recent.list(),
      takeRecovery: () => autosave.takeRecovery(),
      discardRecovery: () => autosave.discardRecovery(),
      documentState: (state) => documentWindow?.setState(state),
      backup: ({ bytes, path: file }) => autosave.backup(bytes, file),
      closeAnswer: (answer) => documentWindow?.answerClose(answer),
      engineConnect: () => engine?.connect(),
      setLocale: (next) => {
        if (next === locale) return;
        locale = next;
        settings.setLocale(next).catch(logError);
        rebuildMenu();
        documentWindow?.refreshTitle();
      },
    },
  });

  await recent.list().catch(logError);
  rebuildMenu();
  started = true;
  createEditorWindow();

  app.on('activate', () => {
    if (!editor) createEditorWindow();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // A normal quit: mark the exit clean (no recovery offered next time), then quit for real.
    event.preventDefault();
    cleanedUp = true;
    engine?.dispose();
    autosave
      .cleanExit()
      .catch(logError)
      .finally(() => app.quit());
  });
}

/** Tells the OS about a project the user opened (dock / jump list). */
function remember<T extends OpenedFile | null>(file: T): T {
  if (file && !documents.isBundled(file.path)) app.addRecentDocument(file.path);
  return file;
}

function rebuildMenu(): void {
  const url = homepage();
  const template = buildMenuTemplate({
    platform: process.platform,
    locale,
    isPackaged: app.isPackaged,
    appName: APP_NAME,
    recent: recent.cached(),
    send: sendCommand,
    openRecent: (file) => openInEditor(file),
    clearRecent: () => {
      recent.clear().catch(logError);
      app.clearRecentDocuments();
    },
    learnMore: url ? () => void shell.openExternal(url) : null,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function sendCommand(command: MenuCommand): void {
  // macOS keeps the app without windows: File ▸ New or Open brings one back.
  if (!editor) {
    createEditorWindow();
    return;
  }
  editor.webContents.send(IPC.menuCommand, command);
}

/** Reads a project and hands it to the editor; a failure is shown in a message box. */
function openInEditor(file: string): void {
  documents.openPath(file).then(
    (opened) => {
      remember(opened);
      editor?.webContents.send(IPC.fileOpened, opened);
    },
    (err: unknown) => showError(err),
  );
}

function showError(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log(message);
  const options = { type: 'error' as const, message, buttons: ['OK'] };
  void (editor ? dialog.showMessageBox(editor, options) : dialog.showMessageBox(options));
}

function createEditorWindow(): void {
  const win = new BrowserWindow(editorWindowOptions(preloadPath('preload.cjs'), process.platform, APP_NAME));
  editor = win;
  win.on('page-title-updated', (event) => event.preventDefault());
  documentWindow = new DocumentWindow({
    window: win,
    platform: process.platform,
    appName: APP_NAME,
    locale: () => locale,
    showMessageBox: (options) => dialog.showMessageBox(win, options),
    onCloseCancelled: () => {
      quitting = false;
    },
    log,
  });
  engine = new EngineHostSupervisor<MessagePortMain>({
    createWindow: () => new BrowserWindow(engineHostWindowOptions(preloadPath('engineHostPreload.cjs'))),
    createChannel: () => new MessageChannelMain(),
    editor: () => (win.isDestroyed() ? null : win.webContents),
    locale: () => locale,
    log,
  });
  const supervisor = engine;

  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    const requested = openQueue.pending();
    openQueue.ready((file) => openInEditor(file));
    if (firstRunPending) {
      firstRunPending = false;
      firstRunFile({ firstRun: true, requestedFiles: requested, appPath })
        .then((example) => {
          if (example && !win.isDestroyed()) win.webContents.send(IPC.fileOpened, example);
        })
        .catch(logError)
        .finally(() => settings.save().catch(logError));
    }
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    // The editor crashed: its latest backup becomes the recovery the reloaded editor is offered.
    log(`editor renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    supervisor.editorGone();
    const again = Date.now() - lastEditorReload < 30_000;
    autosave
      .setAsideAfterEditorCrash()
      .catch(logError)
      .finally(() => {
        // A second crash right after a reload is not reloaded again (no crash loop); the backup
        // waits as the recovery for the next start.
        if (win.isDestroyed() || again) return;
        lastEditorReload = Date.now();
        win.reload();
      });
  });
  win.on('closed', () => {
    if (editor === win) {
      editor = null;
      documentWindow = null;
      engine = null;
    }
    supervisor.dispose();
    openQueue.pause();
    // The user closed the document on purpose (saved, or chose not to): no backup to keep.
    autosave.clear().catch(logError);
    if (quitting) app.quit();
  });

  void win.loadURL(EDITOR_URL).catch(logError);
}
