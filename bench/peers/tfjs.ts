/**
 * TensorFlow.js (`@tensorflow/tfjs-core`) as a benchmark runner, on its `wasm` backend (XNNPACK
 * kernels) or its `cpu` backend (plain JS kernels), whichever the job's system names.
 *
 * There is no tfjs-layers here, so the models are written from core ops: matMul, add, relu,
 * conv2d, maxPool and a cross-entropy from logSoftmax (the same formula every runner uses);
 * training is `tf.train.adam(...).minimize` over the variables, the loss read back each step.
 * Matmul is `tf.matMul` with its transpose flags, the call TF.js's own MatMul gradient makes.
 *
 * tfjs-core's Node bundle has no gradients; tfjsGradients.ts registers them.
 *
 * The wasm backend cannot train the CNN: TF.js registers no Conv2DBackpropFilter kernel for wasm.
 * The runner tries, and reports TF.js's own message as 'n/a'.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerTfjsGradients } from './tfjsGradients';
import { NotApplicable, runPeer, timeMatmul, timeTraining, type CaseOutput, type Peer } from '../cases/harness';
import { ADAM, CNN, MATMUL_N, MLP, POOL_SAMPLES, SEED, type Job, type System } from '../cases/spec';
import { batchOf, cnnInit, makePool, mlpInit, uniforms, type LayerInit } from '../cases/synthetic';

const system = (JSON.parse(process.argv[2] ?? '{}') as { system?: System }).system ?? 'tfjs-wasm';
const backend = system === 'tfjs-cpu' ? 'cpu' : 'wasm';

type Model = (vars: tf.Variable[], x: tf.Tensor) => tf.Tensor;

function crossEntropy(logits: tf.Tensor, y: tf.Tensor, batch: number): tf.Scalar {
  return tf.div(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)))), batch) as tf.Scalar;
}

function batches(batch: number, imageShape: number[]): { xs: tf.Tensor[]; ys: tf.Tensor[] } {
  const pool = makePool(POOL_SAMPLES, 784);
  const xs: tf.Tensor[] = [];
  const ys: tf.Tensor[] = [];
  for (let b = 0; b < POOL_SAMPLES / batch; b++) {
    const { x, y } = batchOf(pool, b, batch);
    xs.push(tf.tensor(x, [batch, ...imageShape]));
    ys.push(tf.tensor(y, [batch, 10]));
  }
  return { xs, ys };
}

function variables(inits: readonly LayerInit[]): tf.Variable[] {
  return inits.flatMap((w, i) => [
    tf.variable(tf.tensor(w.kernel, [...w.shape]), true, `kernel${i}`),
    tf.variable(tf.tensor(w.bias, [w.bias.length]), true, `bias${i}`),
  ]);
}

async function train(job: Job, model: Model, inits: readonly LayerInit[], batch: number, imageShape: number[]): Promise<CaseOutput> {
  const { xs, ys } = batches(batch, imageShape);
  const vars = variables(inits);
  const optimizer = tf.train.adam(ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.eps);
  return timeTraining(job, batch, (b) => {
    const i = b % xs.length;
    const cost = optimizer.minimize(() => crossEntropy(model(vars, xs[i]), ys[i], batch), true, vars);
    if (!cost) throw new Error('optimizer.minimize returned no cost');
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  });
}

const peer: Peer = {
  async setup(job) {
    if (backend === 'wasm') {
      const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
      setWasmPaths(`${path.dirname(main)}${path.sep}`);
      setThreadsCount(job.threads);
    }
    await registerTfjsGradients();
    if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not initialise its '${backend}' backend`);
    await tf.ready();
    const info: Record<string, string> = { library: `@tensorflow/tfjs-core ${tf.version_core}`, backend };
    if (backend === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const mt = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      info.flags = `SIMD ${simd ? 'on' : 'off'}, threads ${mt ? 'on' : 'off'}`;
      info.threads = String(getThreadsCount());
      if (!mt) info.threadsWhy = 'TF.js turns wasm threads off under Node (tfjs issue #3830)';
    } else {
      info.threads = '1';
      info.threadsWhy = 'the cpu backend runs plain JS kernels on the calling thread';
    }
    return info;
  },

  async matmul(job) {
    const a = tf.tensor(uniforms(MATMUL_N * MATMUL_N, SEED.matA), [MATMUL_N, MATMUL_N]);
    const b = tf.tensor(uniforms(MATMUL_N * MATMUL_N, SEED.matB), [MATMUL_N, MATMUL_N]);
    return timeMatmul(job, (layout) => {
      const c = tf.matMul(a, b, layout === 'TN', layout === 'NT');
      c.dataSync();
      c.dispose();
    });
  },

  async mlp(job) {
    const model: Model = (v, x) => {
      let h = x;
      for (let i = 0; i < 3; i++) {
        h = tf.add(tf.matMul(h, v[2 * i]), v[2 * i + 1]);
        if (i < 2) h = tf.relu(h);
      }
      return h;
    };
    return train(job, model, mlpInit(), MLP.batch, [784]);
  },

  async cnn(job) {
    const B = CNN.batch;
    const model: Model = (v, x) => {
      let h = tf.relu(tf.add(tf.conv2d(x as tf.Tensor4D, v[0] as tf.Tensor4D, 1, 'valid'), v[1]));
      h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
      h = tf.relu(tf.add(tf.conv2d(h as tf.Tensor4D, v[2] as tf.Tensor4D, 1, 'valid'), v[3]));
      h = tf.reshape(tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid'), [B, CNN.flat]);
      return tf.add(tf.matMul(h, v[4]), v[5]);
    };
    try {
      return await train(job, model, cnnInit(), B, [CNN.image, CNN.image, 1]);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A kernel the backend lacks is the library's limit, not a failure of this benchmark.
      if (/not registered/i.test(message)) throw new NotApplicable(message);
      throw e;
    }
  },
};

await runPeer(system, peer);
