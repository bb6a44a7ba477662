import type { MessageBoxOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../api';
import { DocumentWindow, editorWindowOptions, windowTitle, type DocumentWindowLike } from './window';

class FakeWindow implements DocumentWindowLike {
  title = '';
  edited = false;
  represented = '';
  closed = false;
  crashed = false;
  sent: unknown[][] = [];
  private closeListener: ((e: { preventDefault(): void }) => void) | null = null;
  readonly webContents = {
    send: (...args: unknown[]) => void this.sent.push(args),
    isCrashed: () => this.crashed,
  };
  setTitle(t: string) {
    this.title = t;
  }
  setDocumentEdited(e: boolean) {
    this.edited = e;
  }
  setRepresentedFilename(f: string) {
    this.represented = f;
  }
  isDestroyed() {
    return this.closed;
  }
  on(_event: 'close', listener: (e: { preventDefault(): void }) => void) {
    this.closeListener = listener;
  }
  /** The user clicks the close button: true when the window really closes. */
  close() {
    let prevented = false;
    this.closeListener?.({ preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
    return !prevented;
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(platform: NodeJS.Platform = 'linux', answer = 0) {
  const win = new FakeWindow();
  const asked: MessageBoxOptions[] = [];
  const onCloseCancelled = vi.fn();
  const doc = new DocumentWindow({
    window: win,
    platform,
    appName: 'DeepWire',
    locale: () => 'en',
    showMessageBox: async (o) => {
      asked.push(o);
      return { response: answer };
    },
    onCloseCancelled,
  });
  return { win, doc, asked, onCloseCancelled };
}

describe('window title', () => {
  it('names the file and marks unsaved changes', () => {
    expect(windowTitle({ path: '/p/xor.dwire', name: 'XOR MLP', dirty: false }, 'DeepWire', 'en')).toBe('XOR MLP — DeepWire');
    expect(windowTitle({ path: null, name: 'XOR MLP', dirty: true }, 'DeepWire', 'en')).toBe('● XOR MLP — DeepWire');
    expect(windowTitle({ path: null, name: '  ', dirty: false }, 'DeepWire', 'ko')).toBe('제목 없음 — DeepWire');
  });

  it('follows the document, with macOS’s edited dot and proxy icon', () => {
    const { win, doc } = setup('darwin');
    expect(win.title).toBe('Untitled — DeepWire');
    doc.setState({ path: '/p/xor.dwire', name: 'xor', dirty: true });
    expect(win.title).toBe('● xor — DeepWire');
    expect(win.edited).toBe(true);
    expect(win.represented).toBe('/p/xor.dwire');
    const linux = setup('linux');
    linux.doc.setState({ path: '/p/xor.dwire', name: 'xor', dirty: true });
    expect(linux.win.edited).toBe(false);
  });
});

describe('closing', () => {
  it('closes at once without unsaved changes', () => {
    const { win, asked } = setup();
    expect(win.close()).toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks Save / Don’t Save / Cancel with unsaved changes; Don’t Save closes', async () => {
    const { win, doc, asked } = setup('linux', 1);
    doc.setState({ path: null, name: 'Spiral', dirty: true });
    expect(win.close()).toBe(false);
    await tick();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ buttons: ['Save', "Don't Save", 'Cancel'], defaultId: 0, cancelId: 2, message: 'Do you want to save the changes you made to “Spiral”?' });
    expect(win.closed).toBe(true);
  });

  it('Cancel keeps the window and calls off a quit', async () => {
    const { win, doc, onCloseCancelled } = setup('linux', 2);
    doc.setState({ path: null, name: 'Spiral', dirty: true });
    win.close();
    await tick();
    expect(win.closed).toBe(false);
    expect(onCloseCancelled).toHaveBeenCalled();
  });

  it('Save asks the editor to save first and closes when it answers close', async () => {
    const { win, doc } = setup('linux', 0);
    doc.setState({ path: '/p/a.dwire', name: 'a', dirty: true });
    win.close();
    await tick();
    expect(win.sent).toEqual([[IPC.closeRequest]]);
    expect(win.closed).toBe(false);
    doc.answerClose('close');
    expect(win.closed).toBe(true);
  });

  it('stays open when the save before closing was cancelled or failed', async () => {
    const { win, doc, onCloseCancelled } = setup('linux', 0);
    doc.setState({ path: null, name: 'a', dirty: true });
    win.close();
    await tick();
    doc.answerClose('cancel');
    expect(win.closed).toBe(false);
    expect(onCloseCancelled).toHaveBeenCalled();
    // A stray answer later does nothing.
    doc.answerClose('close');
    expect(win.closed).toBe(false);
  });

  it('asks once even if the user clicks close again while the box is open', async () => {
    const { win, doc, asked } = setup('linux', 2);
    doc.setState({ path: null, name: 'a', dirty: true });
    win.close();
    win.close();
    await tick();
    expect(asked).toHaveLength(1);
  });

  it('closes without asking when the editor has crashed (its backup holds the work)', () => {
    const { win, doc, asked } = setup();
    doc.setState({ path: null, name: 'a', dirty: true });
    win.crashed = true;
    expect(win.close()).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe('editor window options', () => {
  it('starts hidden and sandboxed with the editor preload', () => {
    const o = editorWindowOptions('/app/dist/electron/preload.cjs', 'win32', 'DeepWire');
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ preload: '/app/dist/electron/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});
