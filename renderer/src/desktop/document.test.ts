import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeepWireError, graph as g, i18n, project } from '../../../engine';
import { errorText as shownError, setLocale, textNow } from '../i18n';
import { useEditor } from '../store/editorStore';
import { DesktopDocument } from './document';
import { FakeDesktopApi, projectFile, recordingHost, resetEditor, sampleGraph, storeModel } from './fakeDesktop';
import { errorText } from './model';

let api: FakeDesktopApi;
let model: ReturnType<typeof storeModel>;
let host: ReturnType<typeof recordingHost>;
let doc: DesktopDocument;

const edit = () => useEditor.getState().addNode('Dense', { x: 10, y: 10 });
const nodeCount = () => useEditor.getState().graph.nodes.length;
const states = () => api.callsOf('setDocumentState') as { path: string | null; name: string; dirty: boolean }[];
const saves = () => api.callsOf('save') as { path: string | null; bytes: Uint8Array; suggestedName: string }[];

beforeEach(() => {
  resetEditor('My net');
  api = new FakeDesktopApi();
  model = storeModel();
  host = recordingHost();
  doc = new DesktopDocument(api, model, host);
  doc.start();
});

afterEach(() => {
  doc.dispose();
  model.dispose();
  setLocale('en');
});

/** What the last toast says in `locale`. */
const lastToastIn = (locale: 'en' | 'ko') => {
  setLocale(locale);
  return textNow(host.toasts.at(-1)?.text);
};

describe('document state for the title', () => {
  it('reports at start and after each change of name or unsaved mark, never the same state twice', () => {
    expect(states()).toEqual([{ path: null, name: 'My net', dirty: false }]);
    edit();
    edit();
    useEditor.getState().select(['n0']);
    expect(states()).toEqual([{ path: null, name: 'My net', dirty: false }, { path: null, name: 'My net', dirty: true }]);
    useEditor.setState({ projectName: 'Renamed' });
    expect(states().at(-1)).toEqual({ path: null, name: 'Renamed', dirty: true });
  });
});

describe('save', () => {
  it('asks where the first time (path null), then saves to the chosen path; the title shows the file', async () => {
    edit();
    expect(await doc.save()).toBe(true);
    expect(saves()[0]).toMatchObject({ path: null, suggestedName: 'My net.dwire' });
    expect(doc.path).toBe('/home/user/net.dwire');
    expect(model.dirty()).toBe(false);
    expect(states().at(-1)).toEqual({ path: '/home/user/net.dwire', name: 'net', dirty: false });
    expect(host.toasts.at(-1)?.text).toEqual({ key: 'file.saved', vars: { name: 'net.dwire' } });

    edit();
    expect(states().at(-1)?.dirty).toBe(true);
    expect(await doc.save()).toBe(true);
    expect(saves()[1]).toMatchObject({ path: '/home/user/net.dwire', suggestedName: 'net.dwire' });
    // What was written is the project, edits included.
    const reopened = storeModel();
    resetEditor();
    expect(reopened.load(saves()[1].bytes, 'net.dwire')).toEqual({ ok: true, name: 'My net' });
    expect(nodeCount()).toBe(2);
    reopened.dispose();
  });

  it('Save As always asks, and the document moves to the new path', async () => {
    edit();
    await doc.save();
    api.saveAs = '/elsewhere/copy.dwire';
    expect(await doc.saveAs()).toBe(true);
    expect(saves()[1].path).toBeNull();
    expect(doc.path).toBe('/elsewhere/copy.dwire');
  });

  it('a cancelled dialog saves nothing and keeps the unsaved mark', async () => {
    edit();
    api.saveAs = null;
    expect(await doc.save()).toBe(false);
    expect(doc.path).toBeNull();
    expect(model.dirty()).toBe(true);
    expect(host.toasts).toEqual([]);
  });

  it('a failed write says why (without Electron\'s IPC wrapping) and keeps the unsaved mark', async () => {
    edit();
    api.saveError = new Error("Error invoking remote method 'dw:file:save': Error: Could not save /x.dwire: the disk is full. The file on disk is unchanged.");
    expect(await doc.save()).toBe(false);
    expect(model.dirty()).toBe(true);
    const said = 'Could not save /x.dwire: the disk is full. The file on disk is unchanged.';
    expect(host.toasts).toEqual([{ kind: 'error', text: { key: 'desktopUi.saveFailed', vars: { message: said } } }]);
    // A message, not a string: the toast shown follows a language switch (main's sentence is its own).
    expect(lastToastIn('ko')).toBe(`저장하지 못했습니다: ${said}`);
    expect(lastToastIn('en')).toBe(`Not saved: ${said}`);
  });

  it('edits made while main writes keep the document unsaved', async () => {
    edit();
    const saving = doc.save();
    edit();
    expect(await saving).toBe(true);
    expect(model.dirty()).toBe(true);
  });

  it('runs one save at a time: a second Save while one runs gets its answer', async () => {
    edit();
    const [a, b] = [doc.save(), doc.save()];
    expect(await a).toBe(true);
    expect(await b).toBe(true);
    expect(saves()).toHaveLength(1);
  });
});

describe('save before close', () => {
  it('saves, then lets the window close', async () => {
    edit();
    await doc.saveBeforeClose();
    expect(api.callsOf('answerClose')).toEqual(['close']);
    expect(saves()).toHaveLength(1);
  });

  it('keeps the window open when the save is cancelled or fails', async () => {
    edit();
    api.saveAs = null;
    await doc.saveBeforeClose();
    api.saveError = new Error('disk full');
    await doc.saveBeforeClose();
    expect(api.callsOf('answerClose')).toEqual(['cancel', 'cancel']);
  });
});

describe('open', () => {
  it('loads a file opened from outside, with its path; the title shows it, saved', () => {
    edit();
    model.markSaved();
    expect(doc.openFile({ path: '/p/three.dwire', bytes: projectFile('Three', 3) })).toBe(true);
    expect(nodeCount()).toBe(3);
    expect(doc.path).toBe('/p/three.dwire');
    expect(states().at(-1)).toEqual({ path: '/p/three.dwire', name: 'three', dirty: false });
    expect(host.fits).toBe(1);
  });

  it('a damaged file shows the error and changes nothing', () => {
    useEditor.getState().load('Kept', sampleGraph(2));
    doc.openFile({ path: '/p/good.dwire', bytes: projectFile('Good', 2) });
    const before = useEditor.getState().graph;
    for (const bytes of [new Uint8Array([1, 2, 3]), projectFile('Cut', 4).slice(0, 60)]) {
      expect(doc.openFile({ path: '/p/bad.dwire', bytes })).toBe(false);
      expect(host.toasts.at(-1)?.kind).toBe('error');
      // The file's error as the loader gives it (its catalogue message where it has one).
      const loaded = project.loadProject(bytes, { isKnownKind: g.isKnownKind });
      expect(loaded.ok).toBe(false);
      const reason = loaded.ok ? '' : shownError(loaded.error);
      expect(host.toasts.at(-1)?.text).toEqual({ key: 'file.openFailed', vars: { name: 'bad.dwire', message: reason } });
      expect(lastToastIn('ko')).toBe(`bad.dwire을(를) 열 수 없습니다: ${textNow(reason)}`);
      setLocale('en');
    }
    expect(useEditor.getState().graph).toBe(before);
    expect(doc.path).toBe('/p/good.dwire');
  });

  it('asks before replacing unsaved changes, and keeps them when the user says no', () => {
    host = recordingHost(false);
    doc.dispose();
    doc = new DesktopDocument(api, model, host);
    edit();
    expect(doc.openFile({ path: '/p/three.dwire', bytes: projectFile('Three', 3) })).toBe(false);
    expect(host.confirms).toBe(1);
    expect(nodeCount()).toBe(1);
  });

  it('opens a bundled example as a new, untitled project named after it', async () => {
    doc.openFile({ path: '/app/assets/examples/mnist-mlp.dwire', bytes: projectFile('mnist-mlp', 4), example: true });
    expect(doc.path).toBeNull();
    expect(model.name()).toBe('MNIST digits');
    await doc.save();
    expect(saves()[0].path).toBeNull();
  });

  it('Open… shows main\'s dialog and loads the answer; a cancelled dialog changes nothing', async () => {
    await doc.open();
    expect(nodeCount()).toBe(0);
    api.openAnswer = { path: '/p/two.dwire', bytes: projectFile('Two', 2) };
    await doc.open();
    expect(nodeCount()).toBe(2);
    expect(doc.path).toBe('/p/two.dwire');
    expect(api.callsOf('openDialog')).toHaveLength(2);
  });

  it('New empties the editor and forgets the file', () => {
    doc.openFile({ path: '/p/two.dwire', bytes: projectFile('Two', 2) });
    expect(doc.newDocument()).toBe(true);
    expect(nodeCount()).toBe(0);
    expect(doc.path).toBeNull();
    expect(states().at(-1)).toEqual({ path: null, name: 'Untitled', dirty: false });
  });
});

describe('export weights', () => {
  it('says to train first when there are no weights', async () => {
    expect(await doc.exportWeights()).toBe(false);
    expect(host.toasts.at(-1)).toEqual({ kind: 'error', text: { key: 'desktopUi.noWeights' } });
    expect(lastToastIn('ko')).toMatch(/^내보낼 학습된 가중치가 없습니다/);
    expect(api.callsOf('exportFile')).toEqual([]);
  });

  it('hands the safetensors bytes to main\'s export dialog, named after the document', async () => {
    model.weights = new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 123, 125]);
    doc.openFile({ path: '/p/two.dwire', bytes: projectFile('Two', 2) });
    expect(await doc.exportWeights()).toBe(true);
    expect(api.callsOf('exportFile')).toEqual([{ bytes: model.weights, suggestedName: 'two.safetensors', kind: 'safetensors' }]);
  });
});

describe('errorText', () => {
  it('strips Electron\'s IPC prefix and the error class', () => {
    expect(errorText(new Error("Error invoking remote method 'dw:file:open-path': Error: Could not open /a: denied."))).toBe('Could not open /a: denied.');
    expect(errorText(new TypeError('plain'))).toBe('plain');
    expect(errorText('text')).toBe('text');
  });

  it('gives an engine error\'s catalogue message, so a save that failed in the editor shows in the reader\'s language', async () => {
    const full = i18n.msg('desktop.error.save', { path: '/x.dwire', reason: i18n.msg('desktop.error.reason.diskFull') });
    expect(errorText(new DeepWireError(full))).toBe(full);
    edit();
    model.bytes = () => {
      throw new DeepWireError(full);
    };
    expect(await doc.save()).toBe(false);
    expect(host.toasts.at(-1)).toEqual({ kind: 'error', text: { key: 'desktopUi.saveFailed', vars: { message: full } } });
    expect(lastToastIn('ko')).toBe('저장하지 못했습니다: /x.dwire에 저장할 수 없습니다: 디스크가 가득 찼습니다. 디스크의 파일은 바뀌지 않았습니다.');
    expect(lastToastIn('en')).toBe('Not saved: Could not save /x.dwire: the disk is full. The file on disk is unchanged.');
  });
});
