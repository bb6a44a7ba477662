/**
 * `node electron/build.mjs` bundles the main process and both preloads, and the bundled main
 * process starts: loaded under Node with a stand-in for the `electron` module (the real binary
 * does not exist on the build machines), it registers the app:// scheme, takes the single-instance
 * lock, and once "ready" serves app://, opens a sandboxed editor window on app://deepwire/,
 * registers every IPC channel, sets the menu, and on a first start sends the example.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from './api';

const run = promisify(execFile);
const repo = path.resolve(__dirname, '..');
let out: string;
let userData: string;

beforeAll(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-build-'));
  out = path.join(base, 'electron');
  userData = path.join(base, 'userData');
  await run(process.execPath, [path.join(repo, 'electron', 'build.mjs'), '--outdir', out], { cwd: repo });
}, 120_000);
afterAll(async () => {
  await fs.rm(path.dirname(out), { recursive: true, force: true });
});

/** A stand-in for `electron` that records what main.cjs does, then a report printed as JSON. */
const HARNESS = String.raw`
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const [mainPath, appPath, userData] = process.argv.slice(2);
const report = { schemes: [], lock: false, handled: [], windows: [], ipc: [], menu: null, sent: [] };
const wins = [];
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getAppPath: () => appPath,
  getPath: (name) => (name === 'userData' ? userData : appPath),
  requestSingleInstanceLock: () => (report.lock = true),
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  getPreferredSystemLanguages: () => ['en-US'],
  getLocale: () => 'en-US',
  quit() {}, exit() {}, addRecentDocument() {}, clearRecentDocuments() {},
});
class WebContents extends EventEmitter {
  send(channel, ...args) { report.sent.push({ channel, args: args.map((a) => (a && a.bytes ? { path: a.path, example: a.example, size: a.bytes.length } : a)) }); }
  postMessage() {}
  isCrashed() { return false; }
}
class BrowserWindow extends EventEmitter {
  constructor(options) { super(); this.options = options; this.webContents = new WebContents(); report.windows.push({ options, url: null }); this.index = report.windows.length - 1; wins.push(this); }
  loadURL(url) { report.windows[this.index].url = url; return Promise.resolve(); }
  isDestroyed() { return false; }
  setTitle(t) { report.windows[this.index].title = t; }
  setDocumentEdited() {} setRepresentedFilename() {} show() {} close() {} destroy() {}
}
const electron = {
  app, BrowserWindow,
  protocol: { registerSchemesAsPrivileged: (s) => report.schemes.push(...s), handle: (scheme) => report.handled.push(scheme) },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  ipcMain: { handle: (c) => report.ipc.push(c), on: (c) => report.ipc.push(c), removeHandler() {}, removeListener() {} },
  Menu: { buildFromTemplate: (t) => t, setApplicationMenu: (t) => (report.menu = t.map((m) => m.label)) },
  MessageChannelMain: class { constructor() { this.port1 = {}; this.port2 = {}; } },
  dialog: {}, shell: { openExternal() {} },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? electron : load.call(this, request, ...rest); };
require(mainPath);
// Let start() run, then the editor page "finishes loading" (the first start sends the example).
setTimeout(() => {
  wins[0] && wins[0].webContents.emit('did-finish-load');
  setTimeout(() => process.stdout.write(JSON.stringify(report)), 300);
}, 300);
`;

describe('electron/build.mjs', () => {
  it('writes the main process and both preloads as CommonJS with electron external', async () => {
    const files = (await fs.readdir(out)).sort();
    expect(files).toEqual(['engineHostPreload.cjs', 'main.cjs', 'preload.cjs']);
    for (const f of files) {
      const code = await fs.readFile(path.join(out, f), 'utf8');
      expect(code, f).toContain('require("electron")');
      // ES module syntax starts a line (esbuild does not indent top-level statements); indented
      // words such as the CLI usage text's "  export <file> …" in the catalogue are not syntax.
      expect(code, f).not.toMatch(/^(import|export)[\s{*]/m);
    }
    const preload = await fs.readFile(path.join(out, 'preload.cjs'), 'utf8');
    expect(preload).toContain('exposeInMainWorld("deepwire"');
    expect(preload).toContain('deepwire-engine-port');
    // The preloads stay small: no zod, no engine.
    expect(preload.length).toBeLessThan(20_000);
    expect((await fs.readFile(path.join(out, 'engineHostPreload.cjs'), 'utf8')).length).toBeLessThan(5_000);
  });

  it('bundles a main process that starts and wires everything up', async () => {
    const harness = path.join(path.dirname(out), 'harness.cjs');
    await fs.writeFile(harness, HARNESS);
    const { stdout } = await run(process.execPath, [harness, path.join(out, 'main.cjs'), repo, userData], { cwd: repo });
    const report = JSON.parse(stdout);
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) }]);
    expect(report.lock).toBe(true);
    expect(report.handled).toEqual(['app']);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0].url).toBe('app://deepwire/index.html');
    expect(report.windows[0].title).toBe('Untitled — DeepWire');
    expect(report.windows[0].options.webPreferences).toMatchObject({
      preload: path.join(repo, 'dist', 'electron', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    const mainToEditor: string[] = [IPC.menuCommand, IPC.fileOpened, IPC.closeRequest, IPC.enginePort, IPC.engineRestarted];
    expect([...report.ipc].sort()).toEqual(Object.values(IPC).filter((c) => !mainToEditor.includes(c)).sort());
    expect(report.menu).toEqual(
      process.platform === 'darwin' ? ['DeepWire', 'File', 'Edit', 'View', 'Train', 'Lab', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Train', 'Lab', 'Help'],
    );
    // The session is marked as running (a crash before a clean quit will offer recovery).
    expect(await fs.readdir(path.join(userData, 'backups'))).toEqual(['session.json']);
    // A first start: the MNIST MLP example goes to the editor, marked as an example, and the
    // settings file now exists (the next start is not a first one).
    expect(report.sent).toEqual([
      { channel: IPC.fileOpened, args: [{ path: path.join(repo, 'assets', 'examples', 'mnist-mlp.dwire'), example: true, size: expect.any(Number) }] },
    ]);
    expect(JSON.parse(await fs.readFile(path.join(userData, 'settings.json'), 'utf8'))).toEqual({ version: 1, locale: null });
  });
});
