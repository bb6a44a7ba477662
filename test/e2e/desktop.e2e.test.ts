/**
 * The editor as the desktop app runs it, in Chromium: a fake `window.deepwire` (the preload's
 * API, electron/api.ts) is injected before the editor's scripts and records every call in
 * `window.__calls`; the test plays main through `window.__emit`. The fake's connectEngine()
 * loads the real engine host page (engine-host.html) in a hidden frame and hands one end of a
 * MessageChannel to it and the other to the editor, as main and the two preloads do: training
 * runs over the MessagePort transport, in the engine worker the browser build uses.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graph as g, project } from '../../engine';
import { screenshot, startEditor, type Editor } from './harness';

type Call = { method: string; args: unknown[] };
interface FakeSetup {
  recovery: { bytes: number[]; path: string | null; savedAt: number } | null;
}

/** Runs in the page before its scripts: the preload's API, faked. */
function installFakeDesktop(setup: FakeSetup) {
  type Handler = (...args: unknown[]) => void;
  const w = window as unknown as Record<string, unknown>;
  const calls: { method: string; args: unknown[] }[] = [];
  const handlers: Record<'menu' | 'file' | 'close' | 'restarted', Set<Handler>> = { menu: new Set(), file: new Set(), close: new Set(), restarted: new Set() };
  const fake = { saveAs: '/home/user/saved.dwire' as string | null, lastSaved: null as number[] | null, frames: [] as HTMLIFrameElement[] };
  // Bytes are recorded by size; the last saved file is kept whole for the test to read.
  const record = (method: string, ...args: unknown[]) => calls.push({
    method,
    args: args.map((a) => (a && typeof a === 'object' && 'bytes' in a ? { ...a, bytes: (a as { bytes: Uint8Array }).bytes.length } : a)),
  });
  const on = (kind: keyof typeof handlers) => (h: Handler) => {
    handlers[kind].add(h);
    return () => handlers[kind].delete(h);
  };
  w.__calls = calls;
  w.__fake = fake;
  w.__emit = {
    menu: (command: string) => handlers.menu.forEach((h) => h(command)),
    file: (file: { path: string; bytes: number[]; example?: boolean }) => handlers.file.forEach((h) => h({ ...file, bytes: new Uint8Array(file.bytes) })),
    close: () => handlers.close.forEach((h) => h()),
    restarted: (sentence: string) => handlers.restarted.forEach((h) => h(sentence)),
  };
  w.deepwire = {
    platform: 'linux',
    openDialog: async () => (record('openDialog'), null),
    openPath: async (path: string) => {
      record('openPath', path);
      throw new Error(`Could not open ${path}`);
    },
    save: async (request: { path: string | null; bytes: Uint8Array; suggestedName: string }) => {
      record('save', request);
      const path = request.path ?? fake.saveAs;
      if (path) fake.lastSaved = Array.from(request.bytes);
      return path ? { path } : null;
    },
    exportFile: async (request: { suggestedName: string }) => (record('exportFile', request), `/home/user/${request.suggestedName}`),
    recentFiles: async () => [],
    setDocumentState: (state: unknown) => record('setDocumentState', state),
    backup: (state: unknown) => record('backup', state),
    takeRecovery: async () => {
      record('takeRecovery');
      const r = setup.recovery;
      return r ? { ...r, bytes: new Uint8Array(r.bytes) } : null;
    },
    discardRecovery: async () => record('discardRecovery'),
    onMenuCommand: on('menu'),
    onFileOpened: on('file'),
    onSaveBeforeClose: on('close'),
    answerClose: (answer: string) => record('answerClose', answer),
    connectEngine: () => {
      record('connectEngine');
      // Main's part: a channel, one end to the engine host, the other to the editor. As in the
      // app, one engine host serves every channel (the toolbar's engine and the lab's).
      const channel = new MessageChannel();
      const hand = (frame: HTMLIFrameElement) => {
        const host = frame.contentWindow as Window & typeof globalThis;
        // As the host's preload posts it: from the host window itself.
        host.dispatchEvent(new host.MessageEvent('message', { data: { type: 'deepwire-engine-port' }, ports: [channel.port2], source: host }));
        window.postMessage({ type: 'deepwire-engine-port' }, '*', [channel.port1]);
      };
      const live = fake.frames.find((f) => f.isConnected && f.dataset.loaded === '1');
      if (live) {
        hand(live);
        return;
      }
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.src = 'engine-host.html';
      frame.addEventListener('load', () => {
        frame.dataset.loaded = '1';
        hand(frame);
      });
      document.body.appendChild(frame);
      fake.frames.push(frame);
    },
    onEngineRestarted: on('restarted'),
    setLocale: (locale: string) => record('setLocale', locale),
  };
}

let editor: Editor;
let page: Page;
const example = async (name: string) => new Uint8Array(await readFile(new URL(`../../assets/examples/${name}.dwire`, import.meta.url)));
const nodesIn = (bytes: Uint8Array) => {
  const r = project.loadProject(bytes, { isKnownKind: g.isKnownKind });
  if (!r.ok) throw new Error(r.error.message);
  return r.project.graph.nodes.length;
};

const calls = (method: string) => page.evaluate((m) => (window as unknown as { __calls: Call[] }).__calls.filter((c) => c.method === m).map((c) => c.args[0]), method);
const lastState = async () => (await calls('setDocumentState')).at(-1) as { path: string | null; name: string; dirty: boolean };
const nodeCount = () => page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
const status = () => page.getByTestId('train-status').getAttribute('data-status');
const emit = (kind: 'menu' | 'restarted', arg: string) => page.evaluate(([k, a]) => (window as unknown as { __emit: Record<string, (x: string) => void> }).__emit[k](a), [kind, arg] as const);
const openFile = (path: string, bytes: Uint8Array) => page.evaluate(([p, b]) => (window as unknown as { __emit: { file(f: unknown): void } }).__emit.file({ path: p, bytes: b }), [path, Array.from(bytes)] as const);

async function setParam(nodeId: string, param: string, value: string) {
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId(`param-${param}`).fill(value);
  await page.getByTestId(`param-${param}`).press('Enter');
}

/** Deletes the node `id` (an edit: the document becomes unsaved). */
async function deleteNode(id: string) {
  await page.getByTestId(`node-${id}`).click();
  await page.keyboard.press('Delete');
}

const RECOVERY_TIME = Date.UTC(2025, 2, 14, 9, 26);

beforeAll(async () => {
  editor = await startEditor({ path: '?engineTimeout=4000' });
  page = editor.page;
  page.on('dialog', (d) => void d.accept().catch(() => {}));
  const lost = await example('xor-mlp');
  await page.addInitScript(installFakeDesktop, { recovery: { bytes: Array.from(lost), path: '/home/user/lost.dwire', savedAt: RECOVERY_TIME } } satisfies FakeSetup);
  await page.reload({ waitUntil: 'load' });
  await editor.waitForApp();
});

afterAll(async () => {
  await editor?.close();
});

describe('the editor in the desktop app', () => {
  it('offers a crashed session\'s backup with its time, and restores it as unsaved work with its path', async () => {
    await expect.poll(() => page.getByTestId('recovery-banner').isVisible()).toBe(true);
    const message = await page.getByTestId('recovery-message').textContent();
    expect(message).toContain('lost');
    expect(message).toContain('2025');
    // The desktop app opens nothing by itself at start (main sends the first start's example).
    expect(await nodeCount()).toBe(0);
    expect(await calls('takeRecovery')).toHaveLength(1);
    expect(await calls('setLocale')).toEqual(['en']);
    // The README's picture of the desktop app's crash recovery (written only with DEEPWIRE_SCREENSHOTS=1).
    await screenshot(page, 'desktop-recovery');

    await page.getByTestId('recovery-restore').click();
    await expect.poll(nodeCount).toBe(nodesIn(await example('xor-mlp')));
    expect(await page.getByTestId('recovery-banner').count()).toBe(0);
    await expect.poll(lastState).toEqual({ path: '/home/user/lost.dwire', name: 'lost', dirty: true });
    expect(await page.getByTestId('project-name').textContent()).toMatch(/•/);
    // Backed up at once, so main can let the old backup go.
    await expect.poll(async () => (await calls('backup')).length).toBe(1);
    expect((await calls('backup'))[0]).toMatchObject({ path: '/home/user/lost.dwire' });
  });

  it('backs up unsaved work every few seconds, only after a change', async () => {
    await page.waitForTimeout(6000);
    expect(await calls('backup')).toHaveLength(1);
    await deleteNode('tanh');
    await expect.poll(async () => (await calls('backup')).length, { timeout: 8000 }).toBe(2);
    expect((await calls('backup'))[1]).toMatchObject({ path: '/home/user/lost.dwire' });
  });

  it('tells main the document state on New, on a template and on each edit', async () => {
    await emit('menu', 'new');
    await expect.poll(lastState).toEqual({ path: null, name: 'Untitled', dirty: false });
    expect(await nodeCount()).toBe(0);
    await emit('menu', 'templates');
    await page.getByTestId('template-xor-mlp').click();
    await expect.poll(lastState).toEqual({ path: null, name: 'Two layers solve XOR', dirty: false });
    await deleteNode('tanh');
    await expect.poll(lastState).toEqual({ path: null, name: 'Two layers solve XOR', dirty: true });
  });

  it('menu Save asks where the first time (path null), then saves to that path; Ctrl+S and the toolbar save there too', async () => {
    await emit('menu', 'save');
    await expect.poll(lastState).toEqual({ path: '/home/user/saved.dwire', name: 'saved', dirty: false });
    expect(await calls('save')).toEqual([{ path: null, bytes: expect.any(Number), suggestedName: 'Two layers solve XOR.dwire' }]);
    const saved = await page.evaluate(() => (window as unknown as { __fake: { lastSaved: number[] } }).__fake.lastSaved);
    expect(nodesIn(new Uint8Array(saved))).toBe(await nodeCount());

    await deleteNode('loss');
    await expect.poll(async () => (await lastState()).dirty).toBe(true);
    await page.keyboard.press('Control+S');
    await expect.poll(async () => (await calls('save')).length).toBe(2);
    expect((await calls('save'))[1]).toMatchObject({ path: '/home/user/saved.dwire', suggestedName: 'saved.dwire' });
    await expect.poll(lastState).toEqual({ path: '/home/user/saved.dwire', name: 'saved', dirty: false });

    await page.getByTestId('btn-save').click();
    await expect.poll(async () => (await calls('save')).length).toBe(3);
    expect((await calls('save'))[2]).toMatchObject({ path: '/home/user/saved.dwire' });
  });

  it('loads a file opened from outside; a damaged one shows the error and keeps the graph', async () => {
    const mnist = await example('mnist-mlp');
    const before = await nodeCount();
    await openFile('/home/user/digits.dwire', mnist);
    await expect.poll(nodeCount).toBe(nodesIn(mnist));
    expect(nodesIn(mnist)).not.toBe(before);
    await expect.poll(lastState).toEqual({ path: '/home/user/digits.dwire', name: 'digits', dirty: false });

    await openFile('/home/user/broken.dwire', mnist.slice(0, mnist.length >> 1));
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toMatch(/Could not open broken\.dwire/);
    expect(await page.getByTestId('toast').last().getAttribute('class')).toMatch(/error/);
    expect(await nodeCount()).toBe(nodesIn(mnist));
    expect(await lastState()).toEqual({ path: '/home/user/digits.dwire', name: 'digits', dirty: false });
  });

  it('menu Train trains in the engine host page, over a MessagePort', async () => {
    await openFile('/home/user/xor.dwire', await example('xor-mlp'));
    await expect.poll(nodeCount).toBe(nodesIn(await example('xor-mlp')));
    await emit('menu', 'train');
    await expect.poll(status, { timeout: 60_000 }).toBe('completed');
    expect(await calls('connectEngine')).toHaveLength(1);
    // No engine worker of the editor's own: the engine lives in the host frame.
    expect(page.frames().some((f) => f.url().endsWith('/engine-host.html'))).toBe(true);
    expect(await page.getByTestId('train-backend').textContent()).toMatch(/CPU/);
  });

  it('an engine restart fails the running run at once with main\'s sentence; the next Train connects afresh', async () => {
    await setParam('training', 'epochs', '100000');
    await emit('menu', 'train');
    await expect.poll(status).toBe('running');
    const sentence = 'The engine stopped (it crashed) and is restarting. Any training in progress has stopped; your graph is unchanged.';
    const before = await nodeCount();
    // The host process goes away (its frame, and the worker in it), and main says so.
    await page.evaluate(() => (window as unknown as { __fake: { frames: HTMLIFrameElement[] } }).__fake.frames.forEach((f) => f.remove()));
    await emit('restarted', sentence);
    await expect.poll(status, { timeout: 2000 }).toBe('failed');
    expect(await page.getByTestId('train-status').getAttribute('title')).toBe(sentence);
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toContain(sentence);
    expect(await nodeCount()).toBe(before);

    await setParam('training', 'epochs', '20');
    await emit('menu', 'train');
    await expect.poll(status, { timeout: 60_000 }).toBe('completed');
    expect(await calls('connectEngine')).toHaveLength(2);
  });

  it('the Lab menu opens an experiment whose runs train beside the toolbar\'s run, each engine a worker of the one host', async () => {
    await setParam('training', 'epochs', '100000');
    await emit('menu', 'train');
    await expect.poll(status).toBe('running');
    await emit('menu', 'labPerceptron');
    await expect.poll(() => page.getByTestId('panel-lab').getAttribute('data-experiment')).toBe('perceptron');
    await page.getByTestId('lab-perceptron-run').click();
    const accuracy = (dataset: string) => page.locator(`[data-testid="lab-perceptron-card"][data-dataset="${dataset}"]`).getAttribute('data-accuracy');
    await expect.poll(async () => Number(await accuracy('and')), { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => Number(await accuracy('or')), { timeout: 60_000 }).toBe(1);
    // Longer than the 4 s heartbeat timeout: the toolbar's engine was not ended by the lab's.
    await page.waitForTimeout(5000);
    expect(await status()).toBe('running');
    expect(page.frames().filter((f) => f.url().endsWith('/engine-host.html'))).toHaveLength(1);
    await emit('menu', 'stop');
    await expect.poll(status).toBe('stopped');
  });

  it('menu Pause and Stop drive the run', async () => {
    await setParam('training', 'epochs', '100000');
    await emit('menu', 'train');
    await expect.poll(status).toBe('running');
    await emit('menu', 'pause');
    await expect.poll(status).toBe('paused');
    await emit('menu', 'pause');
    await expect.poll(status).toBe('running');
    await emit('menu', 'stop');
    await expect.poll(status).toBe('stopped');
  });

  it('saves before closing when main asks, then lets the window close', async () => {
    expect((await lastState()).dirty).toBe(true); // the runs above are in the project's history
    await page.evaluate(() => (window as unknown as { __emit: { close(): void } }).__emit.close());
    await expect.poll(() => calls('answerClose')).toEqual(['close']);
    expect((await calls('save')).at(-1)).toMatchObject({ path: '/home/user/xor.dwire' });
    expect((await lastState()).dirty).toBe(false);
  });

  it('menu Language switches the editor and tells main; About shows the version', async () => {
    await emit('menu', 'language');
    await expect.poll(() => page.getByTestId('btn-save').textContent()).toBe('저장');
    await expect.poll(() => calls('setLocale')).toEqual(['en', 'ko']);
    await emit('menu', 'language');
    await expect.poll(() => page.getByTestId('btn-save').textContent()).toBe('Save');
    await emit('menu', 'about');
    await expect.poll(() => page.getByTestId('about-version').textContent()).toMatch(/^Version \d+\.\d+\.\d+/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('about').count()).toBe(0);
    expect(editor.consoleErrors).toEqual([]);
  });
});
