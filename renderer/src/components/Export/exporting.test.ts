/**
 * The editor's export requests against a real engine (an EngineSession in this process behind an
 * asynchronous transport): what the engine writes from the editor's project, and the editor's
 * own state left as it was.
 */
import { strFromU8, unzipSync } from 'fflate';
import onnxProto from 'onnx-proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../../assets/examples/definitions';
import { project, protocol } from '../../../../engine';
import { useEditor } from '../../store/editorStore';
import { currentWeights, engineFactory, resetEngineForTests, useTraining } from '../../store/trainingStore';
import type { EngineTransport } from '../../training/EngineClient';
import { fileStem, packageForDownload } from './download';
import { EXPORT_ITEMS, requestExport, unavailableReason, type ExportState } from './exporting';

function inProcessTransport(): EngineTransport {
  let handler: (d: unknown) => void = () => {};
  let terminated = false;
  const session = new protocol.EngineSession({
    post: (m) => setTimeout(() => !terminated && handler(structuredClone(m)), 0),
    now: () => performance.now(),
    yieldToHost: () => new Promise((r) => setImmediate(r)),
    sources: () => ({}),
    backend: 'CPU',
    threads: 1,
  });
  return {
    post: (m) => setTimeout(() => !terminated && session.handle(structuredClone(m)), 0),
    onMessage: (h) => (handler = h),
    onFailure: () => {},
    terminate: () => (terminated = true),
  };
}

const saved = { ...engineFactory };
beforeEach(() => {
  engineFactory.transport = inProcessTransport;
  engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
  const xor = structuredClone(EXAMPLES.find((e) => e.name === 'xor-mlp')!.graph);
  xor.nodes.find((n) => n.kind === 'Training')!.params.epochs = 20;
  useEditor.getState().load('XOR: two layers', xor, []);
  useTraining.setState({ run: null });
});
afterEach(() => {
  resetEngineForTests();
  Object.assign(engineFactory, saved);
});

async function train(): Promise<void> {
  await useTraining.getState().train();
  await expect.poll(() => useTraining.getState().run?.status, { timeout: 30_000 }).toBe('completed');
  await expect.poll(() => useEditor.getState().runs.length).toBe(1);
}

describe('which exports are offered', () => {
  const state = (s: Partial<ExportState>): ExportState => ({ nodes: 6, hasWeights: false, runsWithEpochs: 0, ...s });

  it('greys out weights before training, history before any epoch, everything but history on an empty canvas', () => {
    expect(unavailableReason('onnx', state({}))).toBeNull();
    expect(unavailableReason('pytorch', state({}))).toBeNull();
    expect(unavailableReason('safetensors', state({}))).toBe('export.noWeights');
    expect(unavailableReason('safetensors', state({ hasWeights: true }))).toBeNull();
    expect(unavailableReason('history', state({}))).toBe('export.noRuns');
    expect(unavailableReason('history', state({ nodes: 0, runsWithEpochs: 2 }))).toBeNull();
    expect(unavailableReason('keras', state({ nodes: 0 }))).toBe('export.noGraph');
  });

  it('lists every engine target once, with texts in both languages', async () => {
    const { EXPORT_TARGETS } = await import('../../../../engine/export');
    expect(EXPORT_ITEMS.map((i) => i.target)).toEqual([...EXPORT_TARGETS]);
    const { en, ko } = await import('./messages');
    for (const item of EXPORT_ITEMS) for (const key of [item.label, item.hint]) expect(Object.keys(en)).toContain(key);
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('exports written by the engine', () => {
  it('ONNX of the untrained graph: a model onnx-proto decodes, with the initial weights', async () => {
    const [file, ...rest] = await requestExport('onnx');
    expect(rest).toEqual([]);
    expect(file.name).toBe('model.onnx');
    const model = onnxProto.onnx.ModelProto.decode(file.bytes);
    expect(model.graph?.initializer?.length).toBeGreaterThan(0);
    expect(model.graph?.input?.[0]?.name).toBeTruthy();
  });

  it('refuses weights and history before training, with the engine’s reason', async () => {
    await expect(requestExport('safetensors')).rejects.toThrow(/no trained weights/);
    await expect(requestExport('history')).rejects.toThrow(/no training history/);
  });

  it('after training: the trained weights (the editor keeps its own), and one CSV row per epoch', async () => {
    await train();
    const before = currentWeights()!;
    const kernel = before.get('hidden.kernel')!;
    const copy = Float64Array.from(kernel.data);

    const [weights] = await requestExport('safetensors');
    const decoded = project.decodeSafetensors(weights.bytes);
    expect([...decoded.tensors.keys()]).toContain('hidden.kernel');
    expect(Array.from(decoded.tensors.get('hidden.kernel')!.data, Number)).toEqual(Array.from(copy));
    // Copied, not transferred: the editor's weights are still there to save.
    expect(currentWeights()!.get('hidden.kernel')!.data.length).toBe(copy.length);

    const [csv] = await requestExport('history');
    const lines = strFromU8(csv.bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('run,label,status,epoch,loss,accuracy,val_loss,val_accuracy,seconds');
    expect(lines).toHaveLength(21);
    expect(lines[20].split(',')[3]).toBe('20');
  });

  it('PyTorch: model.py beside the data and the trained weights, zipped for a download', async () => {
    await train();
    const files = await requestExport('pytorch');
    expect(files.map((f) => f.name)).toEqual(['model.py', 'data.safetensors', 'weights.safetensors']);
    expect(strFromU8(files[0].bytes)).toMatch(/class Model/);
    const data = project.decodeSafetensors(files[1].bytes, { int32: true });
    expect(data.tensors.get('x')!.shape).toEqual([4, 2]);

    const zip = packageForDownload('pytorch', files, useEditor.getState().projectName);
    expect(zip.name).toBe('XOR- two layers-pytorch.zip');
    const entries = unzipSync(zip.bytes);
    expect(Object.keys(entries)).toEqual(['model.py', 'data.safetensors', 'weights.safetensors']);
    expect(entries['data.safetensors']).toEqual(files[1].bytes);
  });
});

describe('downloads', () => {
  it('names a single file after the project, keeping the engine’s names inside a zip', () => {
    const one = (name: string) => [{ name, bytes: new Uint8Array([1]) }];
    expect(packageForDownload('onnx', one('model.onnx'), 'MNIST MLP').name).toBe('MNIST MLP.onnx');
    expect(packageForDownload('history', one('history.csv'), 'MNIST MLP').name).toBe('MNIST MLP-history.csv');
    expect(packageForDownload('safetensors', one('weights.safetensors'), '').name).toBe('model-weights.safetensors');
    expect(packageForDownload('onnx', one('model.onnx'), 'a/b:c').name).toBe('a-b-c.onnx');
  });

  it('makes safe file stems', () => {
    expect(fileStem(' ..x.. ')).toBe('x');
    expect(fileStem('\u0001*?')).toBe('---');
    expect(fileStem('...', 'untitled')).toBe('untitled');
    expect(fileStem('한국어 이름')).toBe('한국어 이름');
  });
});
