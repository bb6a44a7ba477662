import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, textNow } from '../i18n';
import { DesktopExporter, suggestedName, type ExportedFile, type ExportTarget } from './exporting';
import { FakeDesktopApi, recordingHost } from './fakeDesktop';

const bytes = (...b: number[]) => new Uint8Array(b);

function setup(files: ExportedFile[] | Error, name = 'XOR') {
  const api = new FakeDesktopApi();
  const host = recordingHost();
  const asked: ExportTarget[] = [];
  const exporter = new DesktopExporter(api, host, async (target) => {
    asked.push(target);
    if (files instanceof Error) throw files;
    return files;
  }, () => name);
  return { api, host, asked, exporter };
}

afterEach(() => setLocale('en'));

describe('DesktopExporter', () => {
  it('hands main every file of the export with the main file’s kind, and says what went where', async () => {
    const files = [{ name: 'model_keras.py', bytes: bytes(1) }, { name: 'data.safetensors', bytes: bytes(2) }, { name: 'weights.safetensors', bytes: bytes(3) }];
    const { api, host, asked, exporter } = setup(files);
    expect(await exporter.export('keras')).toBe(true);
    expect(asked).toEqual(['keras']);
    expect(api.callsOf('exportFiles')).toEqual([{ files, suggestedName: 'model_keras.py', kind: 'python' }]);
    expect(host.toasts).toEqual([{ text: { key: 'desktopUi.exportedWith', vars: { name: 'model_keras.py', files: 'data.safetensors, weights.safetensors' } }, kind: 'info' }]);
    setLocale('ko');
    expect(textNow(host.toasts[0].text)).toBe('model_keras.py 내보냄 (옆에 data.safetensors, weights.safetensors)');
  });

  it('names a single model or table after the project', async () => {
    const { api, host, exporter } = setup([{ name: 'history.csv', bytes: bytes(1) }], 'MNIST MLP');
    expect(await exporter.export('history')).toBe(true);
    expect(api.callsOf('exportFiles')[0]).toMatchObject({ suggestedName: 'MNIST MLP-history.csv', kind: 'csv' });
    expect(host.toasts).toEqual([{ text: { key: 'desktopUi.exported', vars: { name: 'MNIST MLP-history.csv' } }, kind: 'info' }]);
    expect(suggestedName('onnx', 'model.onnx', '  ')).toBe('model.onnx');
  });

  it('says nothing when the dialog is cancelled', async () => {
    const { api, host, exporter } = setup([{ name: 'model.onnx', bytes: bytes(1) }]);
    api.exportFolder = null;
    expect(await exporter.export('onnx')).toBe(false);
    expect(host.toasts).toEqual([]);
  });

  it('shows the engine’s reason when it cannot export, and asks main nothing', async () => {
    const { api, host, exporter } = setup(new Error('the graph has 2 problems: Dense “hidden”: units must be at least 1'));
    expect(await exporter.export('pytorch')).toBe(false);
    expect(api.callsOf('exportFiles')).toEqual([]);
    expect(host.toasts).toEqual([{ text: { key: 'desktopUi.exportFailed', vars: { message: 'the graph has 2 problems: Dense “hidden”: units must be at least 1' } }, kind: 'error' }]);
  });

  it('says in the reader\'s language when the engine wrote no files', async () => {
    const { api, host, exporter } = setup([]);
    expect(await exporter.export('onnx')).toBe(false);
    expect(api.callsOf('exportFiles')).toEqual([]);
    expect(host.toasts).toEqual([{ text: { key: 'desktopUi.exportFailed', vars: { message: { key: 'app.engine.noFiles' } } }, kind: 'error' }]);
    setLocale('ko');
    expect(textNow(host.toasts[0].text)).toBe('내보내지 못했습니다: 엔진이 파일을 하나도 쓰지 않았습니다');
  });

  it('shows main’s error without Electron’s wrapping', async () => {
    const { api, host, exporter } = setup([{ name: 'model.onnx', bytes: bytes(1) }]);
    api.exportFiles = async () => {
      throw new Error("Error invoking remote method 'dw:file:export-files': Error: Could not save /x/model.onnx: the disk is full. The file on disk is unchanged.");
    };
    expect(await exporter.export('onnx')).toBe(false);
    expect(host.toasts[0].text).toEqual({ key: 'desktopUi.exportFailed', vars: { message: 'Could not save /x/model.onnx: the disk is full. The file on disk is unchanged.' } });
  });
});
