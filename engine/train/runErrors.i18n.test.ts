/**
 * Runs, requests and exports the engine refuses are explained in the reader's language: a run
 * that diverges (through the real Trainer and through an EngineSession), a second run while one
 * trains, a request about a run the engine does not hold, a request with bad values, WebGPU asked
 * for where there is none, an export with no history, no weights or weights of another graph,
 * and a GPU that fails. Each error carries a catalogue message whose English is its message and
 * whose Korean holds the same values; across the protocol, ErrorInfo carries it.
 */
import { expectBilingual } from '../testing/bilingual';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import { GpuError, GpuRuntime } from '../backend/webgpu/runtime';
import { exportProject, ExportError } from '../export';
import { compileGraph } from '../graph/compile';
import { makeGraph } from '../graph/makeGraph';
import type { Graph } from '../graph/schema';
import { exportWeights } from '../graph/weights';
import { nodeDatasetSources } from '../hosts/node/mnist';
import { englishText, msg, type Message } from '../i18n';
import { createProject } from '../project/format';
import { errorInfo, parseEngineMessage } from '../protocol/codec';
import { EngineSession, type EngineHost } from '../protocol/EngineSession';
import { PROTOCOL_VERSION, type EngineMessage, type MessageOf } from '../protocol/messages';
import { prepareData } from './prepareData';
import { Trainer, TrainingDivergedError } from './Trainer';


/** The Korean text of `m`: Hangul, every value, no placeholder left. */
function korean(m: Message | undefined, values: readonly (string | number)[] = []): string {
  return expectBilingual(m, { values });
}

/** The same checks on a thrown error, and on the ErrorInfo the protocol sends for it. */
function koreanError(e: unknown, key: string, values: readonly (string | number)[] = []): string {
  const error = e as Error & { msg?: Message };
  expect(error.msg?.key).toBe(key);
  expect(englishText(error.msg!)).toBe(error.message);
  for (const value of values) expect(error.message).toContain(String(value));
  expect(errorInfo(e).msg).toEqual(error.msg);
  return korean(error.msg, values);
}

/** Circles through three ReLU layers with SGD at learning rate 50: the loss leaves the numbers within an epoch. */
const diverging = () => makeGraph([
  ['data', 'Dataset', { source: 'circles', samples: 200 }], ['h', 'Dense', { units: 32, init: 'normal1' }], ['r', 'ReLU'],
  ['h2', 'Dense', { units: 32, init: 'normal1' }], ['r2', 'ReLU'], ['out', 'Dense', { units: 2, init: 'normal1' }],
  ['mse', 'MSE'], ['sgd', 'SGD', { learningRate: 50 }], ['train', 'Training', { epochs: 20, batchSize: 8 }],
], ['data.x -> h.x', 'h.y -> r.x', 'r.y -> h2.x', 'h2.y -> r2.x', 'r2.y -> out.x', 'out.y -> mse.pred', 'data.y -> mse.y', 'mse.loss -> sgd.loss']);

const example = (name: string): Graph => structuredClone(EXAMPLES.find((e) => e.name === name)!.graph);

describe('a run that diverges, in Korean', () => {
  it('the Trainer names the epoch, the batch and the loss', async () => {
    const compiled = compileGraph(diverging());
    const error = await new Trainer(compiled, await prepareData(compiled)).run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const d = error as TrainingDivergedError;
    const ko = koreanError(d, 'run.diverged', [d.epoch, d.batch, String(d.loss)]);
    expect(ko).toContain(`에폭 ${d.epoch}, 배치 ${d.batch}에서 학습이 발산했습니다: 손실이 ${d.loss}`);
    expect(ko).toContain('학습률을 낮추');
    expect(errorInfo(d).kind).toBe('diverged');
  });
});

/** A session whose every message is structured-cloned and checked, as a worker's would be. */
function session(host: Partial<EngineHost> = {}) {
  const received: EngineMessage[] = [];
  const waiters: (() => void)[] = [];
  const s = new EngineSession({
    post: (m) => {
      received.push(parseEngineMessage(structuredClone(m)));
      for (const w of waiters.splice(0)) w();
    },
    now: () => performance.now(),
    yieldToHost: () => new Promise((r) => setImmediate(r)),
    sources: () => nodeDatasetSources,
    backend: 'CPU',
    threads: 1,
    ...host,
  });
  let id = 1;
  const send = (m: Record<string, unknown>) => {
    const sent = id++;
    s.handle({ id: sent, ...m });
    return sent;
  };
  const error = async (test: (m: MessageOf<'error'>) => boolean) => {
    for (;;) {
      const found = received.find((m): m is MessageOf<'error'> => m.type === 'error' && test(m));
      if (found) return found.error;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  send({ type: 'hello', version: PROTOCOL_VERSION });
  return { send, error, received };
}

describe('runs and requests the engine refuses, in Korean', () => {
  it('a diverging run ends with a Korean error that crossed the protocol', async () => {
    const c = session();
    c.send({ type: 'train', runId: 'boom', graph: diverging() });
    const info = await c.error((m) => m.runId === 'boom');
    expect(info.kind).toBe('diverged');
    expect(info.msg?.key).toBe('run.diverged');
    expect(info.message).toBe(englishText(info.msg!));
    const [, epoch, batch] = /epoch (\d+), batch (\d+)/.exec(info.message)!;
    expect(korean(info.msg, [epoch, batch])).toContain('발산');
  });

  it('a second run while one trains, and controls for a run that is not training', async () => {
    const c = session();
    const graph = example('xor-mlp');
    c.send({ type: 'train', runId: 'long', graph, options: { epochs: 100_000 } });
    const second = c.send({ type: 'train', runId: 'other', graph });
    const busy = await c.error((m) => m.id === second);
    expect(busy.kind).toBe('busy');
    expect(korean(busy.msg, ["'long'"])).toContain('아직 학습 중입니다');
    const pause = c.send({ type: 'pause', runId: 'ghost' });
    expect(korean((await c.error((m) => m.id === pause)).msg, ["'pause'", "'ghost'"])).toContain('학습 중이 아닙니다');
    const predict = c.send({ type: 'predict', runId: 'ghost', input: new Float32Array(2), count: 1 });
    expect(korean((await c.error((m) => m.id === predict)).msg, ["'ghost'"])).toContain('먼저 학습하세요');
    c.send({ type: 'stop', runId: 'long' });
  });

  it('a request with bad values names the field, and an old editor is told to reload', async () => {
    const c = session();
    const bad = c.send({ type: 'train', runId: 'r', graph: example('xor-mlp'), options: { epochs: 0 } });
    const info = await c.error((m) => m.id === bad);
    expect(info.kind).toBe('protocol');
    expect(info.message).toContain("malformed 'train' message — options.epochs: Too small: expected number to be >=1");
    const ko = korean(info.msg, ['options.epochs', '>=1']);
    expect(ko).toBe("엔진으로 보낸 메시지: 'train' 메시지가 올바르지 않습니다 — options.epochs: 너무 작습니다: 값이 >=1이어야 합니다");
    const old = c.send({ type: 'hello', version: PROTOCOL_VERSION + 1 });
    expect(korean((await c.error((m) => m.id === old)).msg, [PROTOCOL_VERSION + 1, PROTOCOL_VERSION])).toContain('새로 고침');
  });

  it('WebGPU asked for where the host has none: the reason in Korean too', async () => {
    const c = session({ webgpu: async () => ({ ok: false, reason: msg('webgpu.unavailable.package') }) });
    const graph = example('xor-mlp');
    graph.nodes.find((n) => n.kind === 'Training')!.params.backend = 'webgpu';
    c.send({ type: 'train', runId: 'gpu', graph });
    const info = await c.error((m) => m.runId === 'gpu');
    expect(info.message).toBe('The Training node asks for WebGPU, which is not available here (WebGPU is not available: the optional npm package "webgpu" is not installed (npm install webgpu).). Set its backend to Auto or CPU.');
    const ko = korean(info.msg);
    expect(ko).toContain('학습 설정 노드가 WebGPU를 요청했지만');
    expect(ko).toContain('선택 npm 패키지 "webgpu"가 설치되어 있지 않습니다');
  });

  it('an export of a project file with a wrong field names the field in Korean', async () => {
    const c = session();
    const project = { ...createProject('x', example('xor-mlp')), name: 42 };
    const id = c.send({ type: 'export', target: 'onnx', project });
    const info = await c.error((m) => m.id === id);
    expect(info.message).toContain('name: expected string, received number');
    expect(korean(info.msg, ['name'])).toContain('name: 문자열 값이어야 하는데 숫자 값입니다');
  });
});

describe('exports the target cannot make, in Korean', () => {
  const project = createProject('xor', example('xor-mlp'));

  it('no history, no weights', async () => {
    const history = await exportProject('history', { project }).catch((e: unknown) => e);
    expect(history).toBeInstanceOf(ExportError);
    expect(koreanError(history, 'exportError.noHistory')).toContain('내보낼 학습 기록이 없습니다');
    const weights = await exportProject('safetensors', { project }).catch((e: unknown) => e);
    expect(koreanError(weights, 'exportError.noWeights')).toContain('학습된 가중치가 없습니다');
  });

  it('weights trained before the graph changed: the tensor and both shapes', async () => {
    const trained = exportWeights(compileGraph(project.graph).model);
    const changed = structuredClone(project);
    changed.graph.nodes.find((n) => n.id === 'hidden')!.params.units = 8;
    for (const target of ['onnx', 'pytorch'] as const) {
      const error = await exportProject(target, { project: changed, weights: trained, sources: nodeDatasetSources }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      const ko = koreanError(error, 'exportError.weightShape', ["'hidden.kernel'", '2, 4', '2, 8']);
      expect(ko).toContain("가중치 'hidden.kernel'의 형상은 [2, 4]인데 그래프에는 [2, 8]이(가) 필요합니다");
    }
  });
});

describe('a GPU that fails, in Korean', () => {
  /** Just enough of a GPUDevice for the runtime's error paths (no kernels run). */
  function device() {
    let lose!: (info: { message: string; reason: string }) => void;
    const lost = new Promise<{ message: string; reason: string }>((resolve) => (lose = resolve));
    const d = { limits: { maxStorageBufferBindingSize: 1 << 20, maxBufferSize: 1 << 20 }, lost, onuncapturederror: null as unknown };
    return { d, lose };
  }

  it('a tensor larger than any buffer, running out of memory, and a lost device', async () => {
    const big = device();
    const runtime = new GpuRuntime(big.d as unknown as GPUDevice, 'Test Adapter');
    const tooLarge = (() => {
      try {
        runtime.alloc(3 << 20);
      } catch (e) {
        return e;
      }
    })();
    expect(tooLarge).toBeInstanceOf(GpuError);
    expect(koreanError(tooLarge, 'run.gpu.tooLarge', ['3.0', 'Test Adapter', '1'])).toContain('배치를 줄이거나 CPU에서 이어 가세요');

    class GPUOutOfMemoryError { constructor(readonly message: string) {} }
    (big.d.onuncapturederror as (e: { error: unknown }) => void)({ error: new GPUOutOfMemoryError('allocation of 64 MiB failed') });
    expect(koreanError(runtime.error, 'run.gpu.outOfMemory', ['Test Adapter', 'allocation of 64 MiB failed'])).toContain('메모리가 부족합니다');

    const other = device();
    const lostRuntime = new GpuRuntime(other.d as unknown as GPUDevice, 'Other Adapter');
    other.lose({ message: '', reason: 'destroyed' });
    await expect.poll(() => lostRuntime.error?.reason).toBe('lost');
    expect(koreanError(lostRuntime.error, 'run.gpu.lost', ['Other Adapter', 'destroyed'])).toContain('CPU에서 이어 갈 수 있습니다');
  });
});
