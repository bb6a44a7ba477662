/**
 * Training on the WebGPU backend (Dawn on SwiftShader here, vitest.config.ts): one whole step of
 * mnist-cnn (forward, backward, update) matches the same step on the CPU; a run's GPU memory
 * reaches a steady state (buffers come back to the pool, none created after the first steps);
 * a small network trains to the CPU's accuracy; the session and CLI say which device trains.
 */
import { describe, expect, it } from 'vitest';
import { compileGraph, type CompiledGraph } from '../engine/graph/compile';
import { readWeights } from '../engine/graph/weights';
import { nodeWebGpuBackend } from '../engine/hosts/node/webgpu';
import { add, backward, scope, tensor } from '../engine/ops';
import { prepareData } from '../engine/train/prepareData';
import { Trainer } from '../engine/train/Trainer';
import { assertClose, randomArray } from '../engine/backend/webgpu/testing';
import { graphOf } from './trainExample';
import { chooseDevice } from '../engine/protocol/EngineSession';

const gpu = await nodeWebGpuBackend();
if (!gpu.ok) console.log(`webgpu training tests skipped: ${gpu.message}`);

/** Forward, loss, backward on one batch; the loss and every parameter's gradient, read back. */
async function gradients(c: CompiledGraph, x: Float32Array, y: Float32Array, batch: number) {
  const reads = scope(() => {
    const xs = tensor(x, [batch, 28, 28, 1], { backend: c.backend });
    const ys = tensor(y, [batch, 10], { backend: c.backend });
    c.model.train();
    const out = c.model.forward(xs);
    const loss = c.loss(out.lossInput, ys);
    const penalty = c.model.regularizationLoss();
    backward(penalty ? add(loss, penalty) : loss);
    return { loss: loss.data(), grads: c.model.parameters().map((p) => p.value.grad!.data()), keep: c.model.parameters().map((p) => p.value.grad!) };
  });
  return { loss: (await reads.loss)[0], grads: await Promise.all(reads.grads) };
}

describe.skipIf(!gpu.ok)('training on WebGPU', () => {
  const backend = gpu.ok ? gpu.backend : null!;

  it('one mnist-cnn step (forward, backward, Adam update) matches the CPU step', async () => {
    const batch = 16;
    const x = randomArray(batch * 784, 7, -1, 2);
    const y = new Float32Array(batch * 10);
    for (let i = 0; i < batch; i++) y[i * 10 + (i * 7) % 10] = 1;
    const onCpu = compileGraph(graphOf('mnist-cnn'));
    const onGpu = compileGraph(graphOf('mnist-cnn'), { backend });
    const before = await readWeights(onGpu.model);
    for (const [name, w] of await readWeights(onCpu.model)) assertClose(before.get(name)!.data, w.data, 0, 0, `initial ${name}`);

    const cpu = await gradients(onCpu, x, y, batch);
    const gpuStep = await gradients(onGpu, x, y, batch);
    expect(gpuStep.loss).toBeCloseTo(cpu.loss, 4);
    cpu.grads.forEach((g, i) => {
      const scale = Array.from(g).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      assertClose(gpuStep.grads[i], g, 1e-3, 1e-4 * scale + 1e-7, `gradient ${onCpu.model.parameters()[i].name} of ${i}`);
    });

    scope(() => onCpu.optimizer.step(onCpu.model.parameters()));
    scope(() => onGpu.optimizer.step(onGpu.model.parameters()));
    const lr = 0.0005;
    const after = await readWeights(onGpu.model);
    for (const [name, w] of await readWeights(onCpu.model)) {
      const g = after.get(name)!.data;
      // Adam's first step moves each weight by ≈ lr·sign(gradient): equal wherever the gradient is
      // clearly non-zero; a gradient within rounding of zero may take the other sign.
      let far = 0;
      w.data.forEach((v, i) => {
        const d = Math.abs(g[i] - v);
        expect(d, `${name}[${i}]`).toBeLessThanOrEqual(2 * lr + 1e-5);
        if (d > 1e-5) far++;
      });
      expect(far / w.data.length, name).toBeLessThan(0.01);
    }
  }, 120_000);

  it('a run reaches a steady state of GPU memory: no buffers created, none leaked, after the first batches', async () => {
    const c = compileGraph(graphOf('spiral-mlp'), { backend });
    const data = await prepareData(c);
    const samples: { live: number; created: number }[] = [];
    const trainer = new Trainer(c, data, {
      epochs: 6, probeEvery: 5,
      onEvent: (e) => {
        if (e.type === 'batch') samples.push({ live: backend.runtime.stats.live, created: backend.runtime.stats.created });
      },
    });
    await trainer.run();
    expect(samples.length).toBeGreaterThan(20);
    const settled = samples.slice(10);
    expect(new Set(settled.map((s) => s.created)).size, 'buffers created after batch 10').toBe(1);
    expect(new Set(settled.map((s) => s.live)).size, 'live buffers after batch 10').toBe(1);
  }, 120_000);

  it('xor-mlp trains to accuracy 1 on the GPU, as on the CPU', async () => {
    const c = compileGraph(graphOf('xor-mlp'), { backend });
    const result = await new Trainer(c, await prepareData(c)).run();
    expect(result.test!.accuracy).toBe(1);
  }, 120_000);

  it('auto prefers a hardware adapter: the software one here leaves the run on the CPU, saying why; webgpu insists', async () => {
    const host = { webgpu: async () => ({ ok: true as const, backend, adapterName: gpu.ok ? gpu.adapterName : '', software: true }) };
    const auto = await chooseDevice(host, 'auto');
    expect(auto).toMatchObject({ kind: 'cpu', fallback: expect.stringMatching(/runs on the CPU/) });
    expect(await chooseDevice(host, 'webgpu')).toMatchObject({ kind: 'webgpu', backend, adapter: expect.stringMatching(/SwiftShader/) });
    expect(await chooseDevice({ webgpu: async () => ({ ok: false as const, reason: 'no GPU adapter was found' }) }, 'auto'))
      .toEqual({ kind: 'cpu', fallback: 'no GPU adapter was found' });
    await expect(chooseDevice({}, 'webgpu')).rejects.toThrow(/asks for WebGPU, which is not available here/);
  });
});

describe.skipIf(!gpu.ok)('a GPU lost mid-run', () => {
  it('the session says so and the run goes on on the CPU from the last epoch, to the end', async () => {
    const { MessageChannel } = await import('node:worker_threads');
    const { EngineSession } = await import('../engine/protocol/EngineSession');
    const { parseEngineMessage } = await import('../engine/protocol/codec');
    const { PROTOCOL_VERSION } = await import('../engine/protocol/messages');
    const { requestNodeGpu } = await import('../engine/hosts/node/webgpu');
    const { createWebGpuBackend } = await import('../engine/backend/webgpu/WebGpuBackend');
    const device = await requestNodeGpu();
    if (!device.ok) throw new Error(device.message);
    const own = createWebGpuBackend(device.device, device.adapterName);
    const { port1, port2 } = new MessageChannel();
    const received: { type: string; [k: string]: unknown }[] = [];
    let lost = false;
    const finished = new Promise<void>((resolve) => port1.on('message', (d) => {
      const m = parseEngineMessage(d) as { type: string; [k: string]: unknown };
      received.push(m);
      // Pull the plug once the second epoch has been reported.
      if (m.type === 'update' && !lost && (m.epochs as unknown[]).some((e) => (e as { epoch: number }).epoch >= 2)) {
        lost = true;
        device.device.destroy();
      }
      if (m.type === 'done' || m.type === 'error') resolve();
    }));
    const session = new EngineSession({
      post: (m, transfer) => port2.postMessage(m, transfer),
      now: () => performance.now(),
      yieldToHost: () => new Promise((r) => setImmediate(r)),
      sources: () => ({}),
      backend: 'CPU',
      threads: 1,
      webgpu: async () => ({ ok: true, backend: own, adapterName: device.adapterName }),
    });
    port2.on('message', (d) => session.handle(d));
    const graph = graphOf('spiral-mlp');
    const training = graph.nodes.find((n) => n.kind === 'Training')!;
    training.params = { ...training.params, backend: 'webgpu', epochs: 8 };
    port1.postMessage({ id: 1, type: 'hello', version: PROTOCOL_VERSION });
    port1.postMessage({ id: 2, type: 'train', runId: 'lost', graph, options: { updateRate: 20 } });
    await finished;
    port1.close();
    device.release();
    const start = received.find((m) => m.type === 'run-start');
    expect(start, JSON.stringify(received.slice(0, 3))).toBeDefined();
    expect(start!.device).toMatchObject({ kind: 'webgpu', adapter: device.adapterName });
    const fallback = received.find((m) => m.type === 'device-fallback');
    expect(fallback, received.map((m) => m.type).join(', ')).toMatchObject({ reason: 'lost', message: expect.stringMatching(/was lost.*continue on the CPU/) });
    expect(fallback!.resumeEpoch as number).toBeGreaterThanOrEqual(2);
    const done = received.find((m) => m.type === 'done');
    expect(done, JSON.stringify(received.find((m) => m.type === 'error'))).toMatchObject({ status: 'completed' });
    const epochs = received.filter((m) => m.type === 'update').flatMap((m) => (m.epochs as { epoch: number }[]).map((e) => e.epoch));
    expect(epochs.at(-1)).toBe(8);
    expect(received.filter((m) => m.type === 'run-start')).toHaveLength(1);
  }, 180_000);
});
