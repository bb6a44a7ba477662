/**
 * The desktop app itself, driven by Playwright's `_electron`: build it (`npm run build:desktop`),
 * launch it from the repository (`electron .`) with a fresh data folder, open the MNIST example
 * (the first start opens it), train one epoch, save — through main's real IPC, preload, engine
 * host window and atomic write (the save dialog answered by the test).
 *
 * It runs only where the Electron binary exists (`require('electron')` names a file that is
 * there) and, on Linux, a display is available (use `xvfb-run` on a headless machine); elsewhere
 * it is skipped and says why. Our build machines install without the binary (DEVELOPERS.md).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { graph as g, project } from '../../engine';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

/** The Electron binary, or why this machine cannot run the app. */
function electronBinary(): { path: string } | { skip: string } {
  let binary: unknown;
  try {
    binary = createRequire(import.meta.url)('electron');
  } catch (e) {
    return { skip: `require('electron') failed (${(e as Error).message.split('\n')[0]}): the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD)` };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { skip: `require('electron') names ${String(binary)}, which does not exist` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display (DISPLAY/WAYLAND_DISPLAY unset): run it under xvfb-run' };
  }
  return { path: binary };
}

const electron = electronBinary();
const skipReason = 'skip' in electron ? electron.skip : null;
if (skipReason) console.log(`electron.e2e: skipped — ${skipReason}`);

let app: ElectronApplication;
let editor: Page;
let dataDir: string;
const errors: string[] = [];

/** The editor's window (not the hidden engine host). */
async function editorWindow(a: ElectronApplication): Promise<Page> {
  await expect.poll(() => a.windows().some((w) => w.url().endsWith('/index.html')), { timeout: 60_000 }).toBe(true);
  return a.windows().find((w) => w.url().endsWith('/index.html'))!;
}

const mainTitles = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().filter((w) => w.isVisible()).map((w) => w.getTitle()));
const status = () => editor.getByTestId('train-status').getAttribute('data-status');

describe('the desktop app (Electron)', () => {
  beforeAll(async () => {
    if (skipReason) return;
    await promisify(execFile)('npm', ['run', 'build:desktop'], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, shell: process.platform === 'win32' });
    dataDir = await mkdtemp(join(tmpdir(), 'deepwire-electron-e2e-'));
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: [REPO_ROOT, `--user-data-dir=${join(dataDir, 'user')}`],
      cwd: REPO_ROOT,
      // A fresh data folder, so this is a first start (the example opens) with no recovery.
      env: { ...process.env, XDG_CONFIG_HOME: dataDir, APPDATA: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
    });
    editor = await editorWindow(app);
    editor.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    editor.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await editor.getByTestId('app').waitFor({ state: 'visible', timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close().catch(() => {});
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)('opens the MNIST example, trains one epoch in the engine host, and saves the project', async () => {
    expect(await editor.evaluate(() => typeof window.deepwire)).toBe('object');
    // The first start's example; should this machine's data folder not be fresh, open it from the gallery.
    const opened = await expect.poll(() => editor.locator('.react-flow__node').count(), { timeout: 15_000 }).toBeGreaterThan(0).then(() => true, () => false);
    if (!opened) {
      await editor.getByTestId('btn-templates').click();
      await editor.getByTestId('template-mnist-mlp').click();
    }
    await expect.poll(() => editor.getByTestId('status-valid').isVisible()).toBe(true);

    await editor.getByTestId('node-training').click();
    await editor.getByTestId('param-epochs').fill('1');
    await editor.getByTestId('param-epochs').press('Enter');
    await expect.poll(async () => (await mainTitles()).join(' ')).toMatch(/●/);

    await editor.getByTestId('btn-train').click();
    await expect.poll(status, { timeout: 240_000 }).toBe('completed');
    // The engine ran in its own window: the hidden engine host.
    expect(app.windows().some((w) => w.url().endsWith('/engine-host.html'))).toBe(true);

    // An untitled example: Save asks where (main's dialog, answered here).
    const file = join(dataDir, 'mnist.dwire');
    await app.evaluate(({ dialog }, target) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
    }, file);
    await editor.getByTestId('btn-save').click();
    await expect.poll(() => existsSync(file), { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => (await mainTitles()).join(' ')).toMatch(/^mnist — DeepWire$/);

    const saved = project.loadProject(new Uint8Array(await readFile(file)), { isKnownKind: g.isKnownKind });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.project.runs.at(-1)).toMatchObject({ status: 'completed' });
    expect(saved.project.runs.at(-1)!.epochs).toHaveLength(1);
    expect(saved.weights?.size ?? 0).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
