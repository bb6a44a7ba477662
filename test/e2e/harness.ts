/**
 * Browser tests of the editor: the production build of renderer/, served on 127.0.0.1, in
 * Debian's Chromium driven by playwright-core.
 *
 *   const editor = await startEditor();          // in beforeAll (importing this file sets e2e timeouts)
 *   await editor.waitForApp();                   // [data-testid="app"] visible, or fail fast
 *   ...
 *   expect(editor.consoleErrors).toEqual([]);
 *   await editor.close();                        // in afterAll
 *
 * - The build happens once per vitest run and is shared by all e2e files (globalSetup.ts,
 *   server.ts); run outside that setup, the harness builds for itself.
 * - The browser is /usr/bin/chromium (override with DEEPWIRE_CHROMIUM=/path/to/chrome); it is
 *   never downloaded. Missing, the tests fail and say `apt-get install chromium`.
 * - Each startEditor() is a fresh browser with a fresh profile: no state leaks between files.
 * - Console errors, uncaught page errors and requests to anything but the editor's own server
 *   (which are blocked: the tests run offline) all land in `consoleErrors`.
 * - Downloads are accepted: `const d = await Promise.all([page.waitForEvent('download'), click])`,
 *   then `await d.path()` or `d.saveAs(file)`. Uploads: `page.getByTestId('file-input')
 *   .setInputFiles(path or { name, mimeType, buffer })`.
 * - Dialogs (window.confirm, alert) are dismissed unless the test answers them first:
 *   `page.once('dialog', (d) => d.accept())`.
 * - `screenshot(page, name)` writes docs/screenshots/<name>.png when DEEPWIRE_SCREENSHOTS=1.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, vi } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { BUILD_PATH, startEditorServer, type Build } from './server';

/** Per test: CI machines are slow. */
export const E2E_TIMEOUT = 180_000;
/** Per hook: the first one may wait for the editor's build, which takes minutes on a loaded 2-core machine. */
export const E2E_HOOK_TIMEOUT = 600_000;
// Importing the harness makes the importing test file's tests and hooks e2e-sized.
vi.setConfig({ testTimeout: E2E_TIMEOUT, hookTimeout: E2E_HOOK_TIMEOUT });

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

export { CHROMIUM, CHROMIUM_ARGS };

export interface StartOptions {
  /** Path and query to open, relative to the editor's root; default '' (index.html). */
  path?: string;
  /** Default 1440×900, the size of the README's screenshots. */
  viewport?: { width: number; height: number };
  /** Default 1. */
  deviceScaleFactor?: number;
  /** navigator.language; default 'en-US' so the editor starts in English. */
  locale?: string;
  /** Default 'light'. */
  colorScheme?: 'light' | 'dark';
  /** Launch with WebGPU (`--enable-unsafe-webgpu`; SwiftShader where there is no GPU). */
  webgpu?: boolean;
}

export interface Editor {
  page: Page;
  context: BrowserContext;
  /** The editor's root URL (`http://127.0.0.1:<port>/`). */
  url: string;
  /** Console errors, uncaught exceptions and blocked requests, in order; tests assert it is empty. */
  consoleErrors: string[];
  /** The build being served (its folder and how long it took). */
  build: Build;
  /** ms from launching Chromium to the page's `load` event. */
  launchMs: number;
  /**
   * Waits for the editor's root (`[data-testid="app"]`) to be visible. Fails at once, listing
   * the errors, if the page throws first (rather than after the whole timeout).
   */
  waitForApp(timeout?: number): Promise<void>;
  close(): Promise<void>;
}

/** Fails with the fix when the browser is missing, rather than skipping. */
export function assertChromium(path = CHROMIUM): void {
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}: the browser (e2e) tests need it. ` +
        'On Debian/Ubuntu: `sudo apt-get install chromium` ' +
        '(or point DEEPWIRE_CHROMIUM at a Chrome/Chromium binary).',
    );
  }
}

let ownServer: Promise<string> | null = null;

/** The shared server from globalSetup, or (run without it) one for this test file. */
function serverUrl(): Promise<string> {
  const shared = inject('deepwireEditorServer');
  if (shared) return Promise.resolve(shared);
  ownServer ??= startEditorServer().then((s) => {
    // Best effort: this worker's build folder goes when the worker does.
    process.once('exit', () => s.builtDirs().forEach((d) => rmSync(d, { recursive: true, force: true })));
    return s.url;
  });
  return ownServer;
}

/** Waits for the editor's build; a failed build fails the test with Vite's log. */
async function waitForBuild(base: string): Promise<Build> {
  const res = await fetch(base + BUILD_PATH);
  const body = await res.text();
  if (!res.ok) throw new Error(body);
  return JSON.parse(body) as Build;
}

/** data: URLs (inlined assets) would fill the screen; keep their type. */
const shortenDataUrls = (text: string) => text.replace(/(data:[^,\s'"]*,)[^\s'"]{40,}/g, '$1…');

const describeMessage = (m: { type(): string; text(): string; location(): { url: string; lineNumber: number } }) => {
  const at = m.location();
  return `console.${m.type()}: ${shortenDataUrls(m.text())}${at.url ? ` (${at.url}:${at.lineNumber})` : ''}`;
};

/** Builds (once per run) and serves the editor, opens it in a fresh headless Chromium. */
export async function startEditor(options: StartOptions = {}): Promise<Editor> {
  assertChromium();
  const base = await serverUrl();
  const build = await waitForBuild(base);
  const url = `${base}/`;

  const profile = await mkdtemp(join(tmpdir(), 'deepwire-e2e-chromium-'));
  const consoleErrors: string[] = [];
  const started = performance.now();
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: options.webgpu ? [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] : CHROMIUM_ARGS,
      acceptDownloads: true,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      locale: options.locale ?? 'en-US',
      timezoneId: 'UTC',
      colorScheme: options.colorScheme ?? 'light',
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }

  // Offline by design: anything not from the editor's server is a bug (a CDN font, a telemetry call).
  await context.route(
    (u) => u.origin !== base && (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:'),
    (route) => {
      consoleErrors.push(`blocked request to ${route.request().url()} (the editor must work offline)`);
      return route.abort('blockedbyclient');
    },
  );

  /** Uncaught errors (the page's or a worker's) and crashes; waitForApp stops at the first. */
  let fatalSeen = false;
  const onFatal = new Set<() => void>();
  const fatal = (message: string) => {
    consoleErrors.push(message);
    fatalSeen = true;
    onFatal.forEach((f) => f());
  };
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(describeMessage(m));
    });
    p.on('pageerror', (e) => fatal(`uncaught: ${shortenDataUrls(e.stack ?? e.message)}`));
    p.on('crash', () => fatal('the page crashed'));
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const page = context.pages()[0] ?? (await context.newPage());
  try {
    await page.goto(url + (options.path ?? ''), { waitUntil: 'load' });
  } catch (e) {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const launchMs = Math.round(performance.now() - started);

  const errorList = () => (consoleErrors.length ? `; errors:\n${consoleErrors.join('\n')}` : '; no console errors');
  async function waitForApp(timeout = 30_000) {
    let stop = () => {};
    const failed = new Promise<never>((_, reject) => {
      const check = () => {
        if (fatalSeen) reject(new Error(`the page threw while waiting for [data-testid="app"]${errorList()}`));
      };
      onFatal.add(check);
      stop = () => onFatal.delete(check);
      check();
    });
    try {
      await Promise.race([page.getByTestId('app').waitFor({ state: 'visible', timeout }), failed]);
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') throw new Error(`[data-testid="app"] not visible after ${timeout} ms${errorList()}`);
      throw e;
    } finally {
      stop();
    }
  }

  return {
    page,
    context,
    url,
    consoleErrors,
    build,
    launchMs,
    waitForApp,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A PNG of the page's viewport. Written to docs/screenshots/<name>.png
 * only when DEEPWIRE_SCREENSHOTS=1 (that is how the README's pictures are made); returns the
 * bytes and the path written, if any.
 */
export async function screenshot(page: Page, name: string): Promise<{ png: Buffer; path: string | null }> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name ${JSON.stringify(name)}: use letters, digits, '.', '_' or '-'`);
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  if (process.env.DEEPWIRE_SCREENSHOTS !== '1') return { png, path: null };
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await writeFile(path, png);
  return { png, path };
}

/** Opens an example from the template gallery and waits until its graph is shown valid. */
export async function openTemplate(page: Page, name: string): Promise<void> {
  await page.getByTestId('btn-templates').click();
  await page.getByTestId(`template-${name}`).click();
  await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
}

/** The centre of the element with this test id, in page coordinates. */
export async function centerOf(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a wire from output handle `from` (`<node>-<port>`) to input handle `to`, as a person does. */
export async function connectPorts(page: Page, from: string, to: string): Promise<void> {
  const a = await centerOf(page, `out-${from}`);
  const b = await centerOf(page, `in-${to}`);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/**
 * One editor for a test file: started in beforeAll (dialogs accepted, the app up), closed in
 * afterAll. Read `.editor` and `.page` inside tests.
 */
export function editorForFile(options: StartOptions = {}): { readonly editor: Editor; readonly page: Page } {
  let editor: Editor | undefined;
  beforeAll(async () => {
    editor = await startEditor(options);
    editor.page.on('dialog', (d) => void d.accept().catch(() => {}));
    await editor.waitForApp();
  });
  afterAll(async () => {
    await editor?.close();
  });
  return {
    get editor() {
      if (!editor) throw new Error('the editor is not started yet (use it inside a test)');
      return editor;
    },
    get page() {
      return this.editor.page;
    },
  };
}
