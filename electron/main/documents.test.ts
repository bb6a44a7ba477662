import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Autosave } from './autosave';
import { Documents, safeFileName, type Dialogs } from './documents';
import { RecentFiles } from './recent';

let dir: string;
let home: string;
let bundled: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-docs-'));
  home = path.join(dir, 'Documents');
  bundled = path.join(dir, 'app', 'assets', 'examples');
  await fs.mkdir(home, { recursive: true });
  await fs.mkdir(bundled, { recursive: true });
  await fs.writeFile(path.join(bundled, 'mnist-mlp.dwire'), 'example');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Dialogs that answer from a script and record what they were asked. */
function scripted(answers: { open?: string | null; save?: string | null; replace?: boolean }) {
  const asked: { kind: 'open' | 'save' | 'message'; options: Record<string, unknown> }[] = [];
  const dialogs: Dialogs = {
    showOpenDialog: async (options) => {
      asked.push({ kind: 'open', options });
      return answers.open ? { canceled: false, filePaths: [answers.open] } : { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (options) => {
      asked.push({ kind: 'save', options });
      return answers.save ? { canceled: false, filePath: answers.save } : { canceled: true };
    },
    showMessageBox: async (options) => {
      asked.push({ kind: 'message', options });
      return { response: answers.replace ? 0 : 1 };
    },
  };
  return { dialogs, asked };
}

async function setup(answers: { open?: string | null; save?: string | null; replace?: boolean } = {}, locale: 'en' | 'ko' = 'en') {
  const { dialogs, asked } = scripted(answers);
  const recent = new RecentFiles({ file: path.join(dir, 'userData', 'recent.json'), caseInsensitive: false });
  const autosave = new Autosave({ folder: path.join(dir, 'userData', 'backups') });
  await autosave.start();
  const docs = new Documents({ dialogs, recent, autosave, locale: () => locale, bundledFolders: [path.join(dir, 'app')], defaultFolder: () => home });
  return { docs, asked, recent, autosave };
}

const bytes = (t: string) => new TextEncoder().encode(t);

describe('Documents', () => {
  it('Save with no path asks where (filtered to .dwire, the suggested name in Documents), writes, lists, and drops the backup', async () => {
    const target = path.join(home, 'xor');
    const { docs, asked, recent, autosave } = await setup({ save: target });
    autosave.backup(bytes('unsaved'), null);
    await autosave.flush();
    const saved = await docs.save({ path: null, bytes: bytes('project'), suggestedName: 'XOR: MLP?.dwire' });
    expect(saved).toEqual({ path: `${target}.dwire` });
    expect(await fs.readFile(`${target}.dwire`, 'utf8')).toBe('project');
    expect(asked[0].options).toMatchObject({ defaultPath: path.join(home, 'XOR- MLP-.dwire'), filters: [{ name: 'DeepWire project', extensions: ['dwire'] }] });
    expect(await recent.list()).toEqual([`${target}.dwire`]);
    expect(await fs.readdir(path.join(dir, 'userData', 'backups'))).toEqual(['session.json']);
  });

  it('Save with a path writes there without asking; a cancelled dialog saves nothing', async () => {
    const { docs, asked } = await setup({ save: null });
    const file = path.join(home, 'a.dwire');
    expect(await docs.save({ path: file, bytes: bytes('v2'), suggestedName: 'a.dwire' })).toEqual({ path: file });
    expect(asked).toEqual([]);
    expect(await docs.save({ path: null, bytes: bytes('v3'), suggestedName: 'a.dwire' })).toBeNull();
    expect(await fs.readFile(file, 'utf8')).toBe('v2');
  });

  it('never writes over a bundled example: Save asks where instead', async () => {
    const example = path.join(bundled, 'mnist-mlp.dwire');
    const { docs, asked } = await setup({ save: path.join(home, 'mine.dwire') });
    expect(await docs.save({ path: example, bytes: bytes('edited'), suggestedName: 'MNIST MLP.dwire' })).toEqual({ path: path.join(home, 'mine.dwire') });
    expect(asked).toHaveLength(1);
    expect(await fs.readFile(example, 'utf8')).toBe('example');
    const sneaky = await setup({ save: path.join(bundled, 'other') });
    await expect(sneaky.docs.save({ path: null, bytes: bytes('x'), suggestedName: 'x' })).rejects.toThrow(/app’s own folder/);
  });

  it('opens by dialog and by path, adding to the recent files (but not the examples)', async () => {
    const file = path.join(home, 'b.dwire');
    await fs.writeFile(file, 'bee');
    const { docs, recent, asked } = await setup({ open: file });
    const opened = await docs.openDialog();
    expect(opened!.path).toBe(file);
    expect(new TextDecoder().decode(opened!.bytes)).toBe('bee');
    expect(asked[0].options).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['dwire'] }] });
    await docs.openPath(path.join(bundled, 'mnist-mlp.dwire'));
    expect(await recent.list()).toEqual([file]);
    expect(await (await setup({ open: null })).docs.openDialog()).toBeNull();
  });

  it('names the path when a recent file has gone, in the user’s language, and drops it from the list', async () => {
    const file = path.join(home, 'gone.dwire');
    await fs.writeFile(file, 'x');
    const { docs, recent } = await setup({}, 'ko');
    await docs.openPath(file);
    await fs.rm(file);
    await expect(docs.openPath(file)).rejects.toThrow(`${file}을(를) 열 수 없습니다: 파일이나 폴더가 없습니다.`);
    expect(await recent.list()).toEqual([]);
  });

  it('exports with the kind’s filter and extension, outside the recent files', async () => {
    const { docs, asked, recent } = await setup({ save: path.join(home, 'weights') });
    const out = await docs.exportFile({ bytes: bytes('st'), suggestedName: 'MNIST MLP.safetensors', kind: 'safetensors' });
    expect(out).toBe(path.join(home, 'weights.safetensors'));
    expect(asked[0].options).toMatchObject({ filters: [{ name: 'Weights (safetensors)', extensions: ['safetensors'] }] });
    expect(await recent.list()).toEqual([]);
    const py = await setup({ save: path.join(home, 'model.py') });
    expect(await py.docs.exportFile({ bytes: bytes('import torch'), suggestedName: 'model', kind: 'python' })).toBe(path.join(home, 'model.py'));
  });

  it('exports code with its data beside it: the dialog for the main file, the others in its folder by their names', async () => {
    const { docs, asked, recent } = await setup({ save: path.join(home, 'xor') });
    const files = [
      { name: 'model.py', bytes: bytes('class Model: ...') },
      { name: 'data.safetensors', bytes: bytes('data') },
      { name: 'weights.safetensors', bytes: bytes('weights') },
    ];
    expect(await docs.exportFiles({ files, suggestedName: 'model.py', kind: 'python' })).toBe(path.join(home, 'xor.py'));
    expect(asked).toHaveLength(1);
    expect(asked[0].options).toMatchObject({ defaultPath: path.join(home, 'model.py'), filters: [{ name: 'Python script', extensions: ['py'] }] });
    expect((await fs.readdir(home)).sort()).toEqual(['data.safetensors', 'weights.safetensors', 'xor.py']);
    expect(await fs.readFile(path.join(home, 'xor.py'), 'utf8')).toBe('class Model: ...');
    expect(await fs.readFile(path.join(home, 'weights.safetensors'), 'utf8')).toBe('weights');
    expect(await recent.list()).toEqual([]);
  });

  it('asks before replacing files beside the main one, and writes nothing when told not to', async () => {
    await fs.writeFile(path.join(home, 'data.safetensors'), 'my own data');
    const files = [{ name: 'model_keras.py', bytes: bytes('keras') }, { name: 'data.safetensors', bytes: bytes('exported data') }];
    const no = await setup({ save: path.join(home, 'model_keras.py'), replace: false }, 'ko');
    expect(await no.docs.exportFiles({ files, suggestedName: 'model_keras.py', kind: 'python' })).toBeNull();
    expect(no.asked[1]).toMatchObject({ kind: 'message', options: { message: `“${home}”에 이 이름의 파일이 이미 있습니다: data.safetensors. 바꿀까요?`, buttons: ['바꾸기', '취소'], cancelId: 1 } });
    expect(await fs.readdir(home)).toEqual(['data.safetensors']);
    expect(await fs.readFile(path.join(home, 'data.safetensors'), 'utf8')).toBe('my own data');

    const yes = await setup({ save: path.join(home, 'model_keras.py'), replace: true });
    expect(await yes.docs.exportFiles({ files, suggestedName: 'model_keras.py', kind: 'python' })).toBe(path.join(home, 'model_keras.py'));
    expect(await fs.readFile(path.join(home, 'data.safetensors'), 'utf8')).toBe('exported data');
  });

  it('refuses a main file named like a file written beside it, and names that are not plain', async () => {
    const { docs } = await setup({ save: path.join(home, 'data.safetensors') });
    const files = [{ name: 'weights.safetensors', bytes: bytes('w') }, { name: 'data.safetensors', bytes: bytes('d') }];
    await expect(docs.exportFiles({ files, suggestedName: 'w.safetensors', kind: 'safetensors' })).rejects.toThrow(/Cannot export as “data.safetensors”/);
    await expect(docs.exportFiles({ files: [{ name: '../evil.py', bytes: bytes('x') }], suggestedName: 'x', kind: 'python' })).rejects.toThrow(/not a plain file name/);
    expect(await fs.readdir(home)).toEqual([]);
  });

  it('makes safe file names', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', 'Untitled')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(safeFileName(' .. ', 'Untitled')).toBe('Untitled');
    expect(safeFileName('MNIST MLP', 'Untitled')).toBe('MNIST MLP');
  });
});
