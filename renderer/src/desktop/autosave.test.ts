import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useEditor } from '../store/editorStore';
import { Autosave, BACKUP_INTERVAL_MS } from './autosave';
import { DesktopDocument } from './document';
import { FakeDesktopApi, projectFile, recordingHost, resetEditor, storeModel } from './fakeDesktop';

let api: FakeDesktopApi;
let model: ReturnType<typeof storeModel>;
let host: ReturnType<typeof recordingHost>;
let doc: DesktopDocument;
let autosave: Autosave;

const edit = () => useEditor.getState().addNode('Dense', { x: 0, y: 0 });
const backups = () => api.callsOf('backup') as { bytes: Uint8Array; path: string | null }[];

beforeEach(() => {
  resetEditor('Net');
  api = new FakeDesktopApi();
  model = storeModel();
  host = recordingHost();
  doc = new DesktopDocument(api, model, host);
  autosave = new Autosave(api, model, doc);
});

afterEach(() => {
  autosave.stop();
  model.dispose();
  vi.useRealTimers();
});

describe('backups while unsaved', () => {
  it('backs up only unsaved work, and only when it changed since the last backup', () => {
    expect(autosave.tick()).toBe(false);
    edit();
    expect(autosave.tick()).toBe(true);
    expect(autosave.tick()).toBe(false);
    useEditor.getState().select(['dense']);
    expect(autosave.tick()).toBe(false);
    edit();
    expect(autosave.tick()).toBe(true);
    expect(backups()).toHaveLength(2);
    // The bytes are the project as it is: it loads with both nodes.
    resetEditor();
    expect(model.load(backups()[1].bytes, 'x.dwire').ok).toBe(true);
    expect(useEditor.getState().graph.nodes).toHaveLength(2);
  });

  it('carries the path the work belongs to, and backs up again when the path changes', async () => {
    edit();
    autosave.tick();
    expect(backups()[0].path).toBeNull();
    await doc.save();
    edit();
    autosave.tick();
    expect(backups()[1].path).toBe('/home/user/net.dwire');
  });

  it('runs every few seconds on a timer', () => {
    vi.useFakeTimers();
    autosave.start();
    edit();
    vi.advanceTimersByTime(BACKUP_INTERVAL_MS - 1);
    expect(backups()).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(backups()).toHaveLength(1);
    vi.advanceTimersByTime(BACKUP_INTERVAL_MS * 3);
    expect(backups()).toHaveLength(1);
    edit();
    vi.advanceTimersByTime(BACKUP_INTERVAL_MS);
    expect(backups()).toHaveLength(2);
    autosave.stop();
    edit();
    vi.advanceTimersByTime(BACKUP_INTERVAL_MS * 2);
    expect(backups()).toHaveLength(2);
  });
});

describe('crash recovery', () => {
  it('asks main once for a backup; an error there means none', async () => {
    expect(await autosave.takeRecovery()).toBeNull();
    api.recovery = { bytes: projectFile('Lost', 3), path: '/p/lost.dwire', savedAt: 1_700_000_000_000 };
    expect(await autosave.takeRecovery()).toBe(api.recovery);
    api.takeRecovery = () => Promise.reject(new Error('unreadable'));
    expect(await autosave.takeRecovery()).toBeNull();
  });

  it('restores a backup as unsaved work with its path, and backs it up at once', () => {
    doc.start();
    const recovery = { bytes: projectFile('Lost', 3), path: '/p/lost.dwire', savedAt: 1_700_000_000_000 };
    expect(autosave.restore(recovery)).toBe(true);
    expect(useEditor.getState().graph.nodes).toHaveLength(3);
    expect(model.dirty()).toBe(true);
    expect(doc.path).toBe('/p/lost.dwire');
    expect((api.callsOf('setDocumentState') as { dirty: boolean }[]).at(-1)).toEqual({ path: '/p/lost.dwire', name: 'lost', dirty: true });
    expect(backups()).toHaveLength(1);
    expect(backups()[0].path).toBe('/p/lost.dwire');
    // Nothing changed since: the timer has nothing to add.
    expect(autosave.tick()).toBe(false);
  });

  it('a damaged backup says so and changes nothing', () => {
    edit();
    const before = useEditor.getState().graph;
    expect(autosave.restore({ bytes: new Uint8Array([80, 75, 3, 4, 0]), path: null, savedAt: 0 })).toBe(false);
    expect(useEditor.getState().graph).toBe(before);
    expect(host.toasts.at(-1)).toMatchObject({ kind: 'error', text: { key: 'desktopUi.recovery.failed' } });
    expect(backups()).toHaveLength(0);
  });

  it('discards through main', async () => {
    await autosave.discard();
    expect(api.callsOf('discardRecovery')).toHaveLength(1);
  });
});
