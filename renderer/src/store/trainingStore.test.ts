/**
 * The training store's failures as the user meets them: an engine that cannot start, a run that
 * leaves the GPU, an engine that dies mid-run — each shown in the reader's language (a language
 * switch included), with English kept in the project's run history.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { protocol } from '../../../engine';
import { backendTitle } from '../components/TrainControls/TrainControls';
import { errorText, i18next, infoText, setLocale, textNow, tmsg, type Text } from '../i18n';
import type { EngineTransport } from '../training/EngineClient';
import { useEditor } from './editorStore';
import { engineFactory, resetEngineForTests, useTraining } from './trainingStore';

const HANGUL = /[\uac00-\ud7a3]/;
const GRAPH = {
  nodes: [{ id: 'data', kind: 'Dataset', position: { x: 0, y: 0 }, params: { source: 'xor' } }],
  edges: [],
};

/**
 * A transport to a scripted engine: `engine` answers each request the client posts; `fail` is
 * the transport failing as a worker's error event does.
 */
function scriptedTransport(engine: (m: { type: string; id: number; runId?: string }, emit: (m: unknown) => void) => void) {
  let handler: (d: unknown) => void = () => {};
  let failure: (reason: Text) => void = () => {};
  let terminated = false;
  const emit = (m: unknown) => setTimeout(() => !terminated && handler(m), 0);
  const transport: EngineTransport = {
    post: (m) => engine(m as { type: string; id: number }, emit),
    onMessage: (h) => (handler = h),
    onFailure: (h) => (failure = h),
    terminate: () => (terminated = true),
  };
  return { transport, fail: (reason: Text) => setTimeout(() => failure(reason), 0) };
}

/** The titles TrainControls shows now, in `locale`: the run's status (why it failed) and the backend badge. */
function controlsIn(locale: 'en' | 'ko'): { status: string; backend: string } {
  setLocale(locale);
  const { run, engine } = useTraining.getState();
  const t = (key: string, vars?: Record<string, unknown>) => i18next.t(key, vars ?? {}) as string;
  return { status: run?.error ? textNow(infoText(run.error)) : '', backend: backendTitle(engine, t, textNow) };
}

const saved = { ...engineFactory };
beforeEach(() => {
  useEditor.getState().load('Failing', structuredClone(GRAPH));
  useTraining.setState({ run: null, engine: null });
});
afterEach(() => {
  resetEngineForTests();
  Object.assign(engineFactory, saved);
  setLocale('en');
});

async function settled(): Promise<void> {
  for (let i = 0; i < 100 && useTraining.getState().run?.status !== 'failed'; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('an engine that cannot start', () => {
  it('fails the run with why, in Korean when the editor is in Korean, and keeps English in the run history', async () => {
    // The worker's error event came without the browser's words (as workerTransport reports it).
    const script = scriptedTransport((m) => {
      if (m.type === 'hello') script.fail(tmsg('app.engine.workerFailed'));
    });
    engineFactory.transport = () => script.transport;
    engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
    setLocale('ko');
    await useTraining.getState().train();

    const run = useTraining.getState().run!;
    expect(run.status).toBe('failed');
    const shown = infoText(run.error!);
    expect(textNow(shown)).toBe('엔진을 시작하지 못했습니다: 엔진이 비정상적으로 멈췄습니다: 엔진 워커를 시작하지 못했습니다');
    expect(controlsIn('ko').status).toBe('엔진을 시작하지 못했습니다: 엔진이 비정상적으로 멈췄습니다: 엔진 워커를 시작하지 못했습니다');
    // The same run, after a switch to English.
    expect(controlsIn('en').status).toBe('The engine could not start: The engine crashed: the engine worker failed to start');
    // The toast TrainControls shows is built from the same message.
    setLocale('ko');
    expect(textNow(tmsg('train.failed', { message: shown }))).toMatch(/^학습 실패: 엔진을 시작하지 못했습니다/);
    // The project file does not depend on the language it was saved in.
    expect(useEditor.getState().runs.at(-1)).toMatchObject({
      status: 'failed', error: 'The engine could not start: The engine crashed: the engine worker failed to start',
    });
  });
});

describe('a run that leaves the GPU, then loses its engine', () => {
  it('says why it trains on the CPU and why it failed, in the reader\'s language', async () => {
    let runId = '';
    const script = scriptedTransport((m, emit) => {
      if (m.type === 'hello') emit({ type: 'ready', id: m.id, version: protocol.PROTOCOL_VERSION, backend: 'CPU', threads: 1 });
      if (m.type === 'train') {
        runId = m.runId!;
        emit({ type: 'ack', id: m.id });
        emit({
          type: 'run-start', runId, epochs: 3, batchesPerEpoch: 4, trainSamples: 16, validationSamples: 0, testSamples: 4, testIsTrain: false,
          parameters: 10, task: 'classification', classes: 2, featureShape: [2], layers: [], backend: 'WebGPU', threads: 1,
          device: { kind: 'webgpu', adapter: 'Test GPU' },
        });
        emit({ type: 'device-fallback', runId, reason: 'out-of-memory', message: 'The GPU (Test GPU) ran out of memory: no room.', resumeEpoch: 2 });
      }
    });
    engineFactory.transport = () => script.transport;
    engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
    await useTraining.getState().train();
    for (let i = 0; i < 100 && useTraining.getState().engine?.device?.fallback === undefined; i++) await new Promise((r) => setTimeout(r, 5));

    expect(useTraining.getState().run?.status).toBe('running');
    const ko = controlsIn('ko').backend;
    expect(ko).toContain('GPU(Test GPU) 메모리가 부족합니다. 미니 배치나 모델을 줄이면 들어갈 수 있습니다');
    expect(ko).toMatch(/^CPU로 학습합니다/);
    expect(controlsIn('en').backend).toContain('WebGPU is not used because the GPU (Test GPU) ran out of memory; a smaller batch or model may fit it.');

    // The worker dies with the browser's words: those stay, the sentence around them is translated.
    script.fail('Uncaught RangeError: Array buffer allocation failed');
    await settled();
    const run = useTraining.getState().run!;
    expect(run.status).toBe('failed');
    expect(controlsIn('ko').status).toBe('엔진이 비정상적으로 멈췄습니다: Uncaught RangeError: Array buffer allocation failed');
    expect(run.error?.message).toBe('The engine crashed: Uncaught RangeError: Array buffer allocation failed');
    expect(HANGUL.test(run.error!.message)).toBe(false);
  });
});

describe('a run on the CPU because there is no WebGPU', () => {
  it('says why with the engine\'s message, in the reader\'s language', async () => {
    const script = scriptedTransport((m, emit) => {
      if (m.type === 'hello') emit({ type: 'ready', id: m.id, version: protocol.PROTOCOL_VERSION, backend: 'CPU', threads: 1 });
      if (m.type === 'train') {
        emit({ type: 'ack', id: m.id });
        emit({
          type: 'run-start', runId: m.runId, epochs: 3, batchesPerEpoch: 4, trainSamples: 16, validationSamples: 0, testSamples: 4, testIsTrain: false,
          parameters: 10, task: 'classification', classes: 2, featureShape: [2], layers: [], backend: 'CPU', threads: 1,
          device: { kind: 'cpu', fallback: 'this engine host has no WebGPU', fallbackMsg: { key: 'run.gpu.noHostWebgpu' } },
        });
      }
    });
    engineFactory.transport = () => script.transport;
    engineFactory.options = () => ({ heartbeatTimeoutMs: 60_000 });
    await useTraining.getState().train();
    for (let i = 0; i < 100 && useTraining.getState().engine?.device === undefined; i++) await new Promise((r) => setTimeout(r, 5));
    expect(controlsIn('ko').backend).toMatch(/^CPU로 학습합니다: .*이 엔진 호스트에는 WebGPU가 없습니다/);
    expect(controlsIn('en').backend).toMatch(/^Training on the CPU: WebGPU is not used because this engine host has no WebGPU\./);
  });
});

describe('predict', () => {
  it('without a trained model says so in the language shown when the error is displayed', async () => {
    const error = await useTraining.getState().predict(new Float32Array(2), 1).then(() => null, (e: unknown) => e);
    setLocale('ko');
    expect(textNow(errorText(error))).toBe('먼저 모델을 학습하세요. 엔진에 학습된 모델이 없습니다.');
    expect((error as Error).message).toBe('Train the model first: there is no trained model in the engine.');
  });
});
