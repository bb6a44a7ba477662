/**
 * The training loop: epochs of shuffled mini-batches, metrics on train and validation each epoch
 * and on test at the end, progress events, probes, pause / resume / stop, and a clear stop when
 * the loss stops being a number.
 */
import { DeepWireError } from '../core/errors';
import { msg } from '../i18n/message';
import type { Tensor } from '../core/tensor';
import { Batcher, splitTensors } from '../data/batcher';
import type { CompiledGraph } from '../graph/compile';
import { correctFraction } from '../nn/metrics';
import { add, backward, noGrad, scope, withStraightThroughStep } from '../ops';
import { histogram, type Histogram } from './histogram';
import type { PreparedData } from './prepareData';

/** The loss became NaN or infinite; names where, and what to try. */
export class TrainingDivergedError extends DeepWireError {
  constructor(readonly epoch: number, readonly batch: number, readonly loss: number) {
    super(msg('run.diverged', { epoch, batch, loss: String(loss) }));
  }
}

export interface EpochMetrics {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
  readonly seconds: number;
  readonly samplesPerSec: number;
}

export interface LayerProbe {
  readonly nodeId: string;
  /** The node's output on the fixed probe batch (inference mode). */
  readonly activations: Histogram;
  /** Per parameter (kernel, bias, gamma …): values and the gradient of the probed batch. */
  readonly weights: Readonly<Record<string, Histogram>>;
  readonly gradients: Readonly<Record<string, Histogram>>;
}

export type TrainEvent =
  | { type: 'start'; epochs: number; batchesPerEpoch: number; trainSamples: number; parameters: number }
  | { type: 'batch'; epoch: number; batch: number; batches: number; loss: number; samplesPerSec: number; etaSeconds: number }
  | ({ type: 'epoch' } & EpochMetrics)
  | { type: 'probe'; epoch: number; batch: number; layers: readonly LayerProbe[] }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; status: 'completed' | 'stopped'; testLoss?: number; testAccuracy?: number; seconds: number };

export interface TrainerOptions {
  /** Overrides the Training node's epochs. */
  epochs?: number;
  /**
   * False: no evaluation on the test split at the end (a search trial chooses on validation only,
   * so the test split stays unseen). Default true.
   */
  evaluateTest?: boolean;
  /** The first epoch to run (default 1): a run continued elsewhere picks up where it stopped. */
  startEpoch?: number;
  /** Called with each event; the loop waits for a returned promise (a host may read GPU tensors then). */
  onEvent?: (event: TrainEvent) => unknown;
  /** Probe every this many batches (0: only at the end of each epoch; undefined: never). */
  probeEvery?: number;
  /**
   * Decides per batch whether to probe (given the batches done so far, this one included);
   * overrides `probeEvery`. Hosts probe by time this way (a few probes a second).
   */
  probeWhen?: (batchesDone: number) => boolean;
  /**
   * Called after every batch; the loop waits for it. A host returns a task-queue turn now and
   * then so pause / stop / predict messages get in (a resolved promise only lets microtasks in).
   */
  yieldToHost?: () => Promise<void>;
  probeBins?: number;
  /** Size of the fixed probe batch (default 256). */
  probeSamples?: number;
  /** Milliseconds clock (injectable for tests). */
  now?: () => number;
}

export interface RunSummary {
  readonly status: 'completed' | 'stopped';
  readonly epochs: readonly EpochMetrics[];
  readonly test?: { loss: number; accuracy?: number };
  readonly seconds: number;
}

const EVAL_BATCH = 512;

/** Without a host's yield, the loop still lets its thread's other work in this often (ms). */
const DEFAULT_YIELD_MS = 50;

/**
 * One turn of the task queue (a resolved promise would only let microtasks in): timers, I/O and
 * messages of whatever runs the loop — a test runner's RPC, a CLI's signals — get their turn.
 */
function macrotask(): Promise<void> {
  const timer = (globalThis as { setTimeout?: (f: () => void, ms: number) => unknown }).setTimeout;
  return timer ? new Promise((resolve) => void timer(resolve, 0)) : Promise.resolve();
}

export class Trainer {
  /** Whether `stop` was asked for. */
  stopRequested = false;
  private pauseGate: { promise: Promise<void>; release: () => void } | null = null;
  private readonly now: () => number;
  private readonly classification: boolean;

  constructor(readonly compiled: CompiledGraph, readonly data: PreparedData, readonly options: TrainerOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.classification = compiled.target.task === 'classification';
  }

  /** Asks the loop to stop after the current batch; `run` then resolves with status 'stopped'. */
  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Holds the loop before the next batch until `resume`. */
  pause(): void {
    if (this.pauseGate) return;
    let release!: () => void;
    const promise = new Promise<void>((r) => (release = r));
    this.pauseGate = { promise, release };
    void this.emit({ type: 'paused' });
  }

  resume(): void {
    const gate = this.pauseGate;
    if (!gate) return;
    this.pauseGate = null;
    gate.release();
    if (!this.stopRequested) void this.emit({ type: 'resumed' });
  }

  /** Batches in one epoch (known once `run` has started). */
  batchesPerEpoch = 0;

  async run(): Promise<RunSummary> {
    const { compiled, data } = this;
    const { model, training } = compiled;
    const epochs = this.options.epochs ?? training.epochs;
    const tensorOptions = { tensor: { dtype: compiled.dtype, backend: compiled.backend } };
    const batcher = new Batcher(data.dataset, data.splits.train, {
      batchSize: training.batchSize, shuffle: training.shuffle, seed: training.seed, ...tensorOptions,
    });
    const { probeWhen, probeEvery, yieldToHost } = this.options;
    const probeBatch = probeEvery === undefined && !probeWhen ? null : this.probeBatch().keep();
    const started = this.now();
    const history: EpochMetrics[] = [];
    this.batchesPerEpoch = batcher.batchesPerEpoch;
    const startEpoch = this.options.startEpoch ?? 1;
    const totalBatches = Math.max(0, epochs - startEpoch + 1) * batcher.batchesPerEpoch;
    let done = 0;
    let samplesSeen = 0;
    let lastYield = this.now();
    await this.emit({ type: 'start', epochs, batchesPerEpoch: batcher.batchesPerEpoch, trainSamples: data.splits.train.length, parameters: model.parameterCount() });

    for (let epoch = startEpoch; epoch <= epochs && !this.stopRequested; epoch++) {
      const epochStart = this.now();
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let batchIndex = 0;
      for (const batch of batcher.epoch(epoch - 1)) {
        if (this.pauseGate) await this.pauseGate.promise;
        if (this.stopRequested) break;
        batchIndex++;
        const probeNow = probeBatch !== null && (probeWhen ? probeWhen(done + 1) : probeEvery! > 0 && (done + 1) % probeEvery! === 0);
        const { loss, acc, grads } = await this.step(batch.x, batch.y, probeNow);
        batch.x.dispose();
        batch.y.dispose();
        if (!Number.isFinite(loss)) throw new TrainingDivergedError(epoch, batchIndex, loss);
        const n = batch.indices.length;
        lossSum += loss * n;
        if (acc !== undefined) correct += acc * n;
        seen += n;
        samplesSeen += n;
        done++;
        const elapsed = (this.now() - started) / 1000;
        const rate = samplesSeen / Math.max(elapsed, 1e-9);
        await this.emit({
          type: 'batch', epoch, batch: batchIndex, batches: batcher.batchesPerEpoch, loss, samplesPerSec: rate,
          etaSeconds: ((totalBatches - done) * (samplesSeen / done)) / rate,
        });
        if (probeNow) await this.emitProbe(probeBatch!, epoch, batchIndex, grads!);
        // Let pause/stop requests and the host's messages in.
        if (yieldToHost) await yieldToHost();
        else if (this.now() - lastYield >= DEFAULT_YIELD_MS) {
          await macrotask();
          lastYield = this.now();
        }
      }
      if (seen === 0) break;
      const seconds = (this.now() - epochStart) / 1000;
      const val = data.splits.validation.length ? await this.evaluate(data.splits.validation) : undefined;
      const metrics: EpochMetrics = {
        epoch, loss: lossSum / seen, ...(this.classification ? { accuracy: correct / seen } : {}),
        ...(val ? { valLoss: val.loss, ...(val.accuracy !== undefined ? { valAccuracy: val.accuracy } : {}) } : {}),
        seconds, samplesPerSec: seen / Math.max(seconds, 1e-9),
      };
      history.push(metrics);
      await this.emit({ type: 'epoch', ...metrics });
      if (probeBatch && !probeWhen && probeEvery === 0) await this.emitProbe(probeBatch, epoch, batchIndex, null);
    }
    const status = this.stopRequested ? 'stopped' : 'completed';
    const testIndices = data.testIsTrain ? data.splits.train : data.splits.test;
    const test = status === 'completed' && testIndices.length && this.options.evaluateTest !== false ? await this.evaluate(testIndices) : undefined;
    probeBatch?.dispose();
    const seconds = (this.now() - started) / 1000;
    await this.emit({ type: 'done', status, ...(test ? { testLoss: test.loss, ...(test.accuracy !== undefined ? { testAccuracy: test.accuracy } : {}) } : {}), seconds });
    return { status, epochs: history, ...(test ? { test } : {}), seconds };
  }

  /**
   * One gradient step; returns the batch loss and accuracy, and gradients when asked (for probes).
   * The step's tensors are freed as it ends (GPU memory is not the garbage collector's). The loss
   * is read before the update, so a diverged batch leaves the weights as they were.
   */
  private async step(x: Tensor, y: Tensor, keepGrads: boolean): Promise<{ loss: number; acc?: number; grads?: Map<Tensor, Float32Array | Float64Array> }> {
    const { model, optimizer, loss: lossFn } = this.compiled;
    const forward = () => scope(() => {
      model.train();
      const out = model.forward(x);
      const loss = lossFn(out.lossInput, y);
      const penalty = model.regularizationLoss();
      backward(penalty ? add(loss, penalty) : loss);
      const params = model.parameters().filter((p) => p.value.grad);
      return {
        loss: loss.data(),
        acc: this.classification ? correctFraction(out.prediction, y).data() : undefined,
        grads: keepGrads ? params.map((p) => p.value.grad!.data()) : undefined,
        // Kept past the scope for the update.
        gradients: params.map((p) => p.value.grad!),
        owners: params.map((p) => p.value),
      };
    });
    const pending = optimizer.straightThroughStep ? withStraightThroughStep(forward) : forward();
    const [lossValues, accValues, gradValues] = await Promise.all([pending.loss, pending.acc, pending.grads && Promise.all(pending.grads)]);
    const value = lossValues[0];
    scope(() => {
      // Skip the update on a diverged batch so the weights stay inspectable.
      if (Number.isFinite(value)) optimizer.step(model.parameters());
      else optimizer.zeroGrad(model.parameters());
    });
    for (const g of pending.gradients) g.dispose();
    const grads = gradValues ? new Map(pending.owners.map((w, i) => [w, gradValues[i]])) : undefined;
    return { loss: value, acc: accValues?.[0], grads };
  }

  /** Mean loss (and accuracy) over `indices`, in inference mode. */
  async evaluate(indices: Uint32Array): Promise<{ loss: number; accuracy?: number }> {
    const { model, loss: lossFn, backend, dtype } = this.compiled;
    let lossSum = 0;
    let correct = 0;
    try {
      for (let start = 0; start < indices.length; start += EVAL_BATCH) {
        const part = indices.subarray(start, start + EVAL_BATCH);
        const reads = noGrad(() => scope(() => {
          model.eval();
          const { x, y } = splitTensors(this.data.dataset, part, { tensor: { dtype, backend } });
          const out = model.forward(x);
          return [lossFn(out.lossInput, y).data(), this.classification ? correctFraction(out.prediction, y).data() : undefined];
        }));
        const [l, c] = await Promise.all(reads);
        lossSum += l![0] * part.length;
        if (c) correct += c[0] * part.length;
      }
    } finally {
      model.train();
    }
    return { loss: lossSum / indices.length, ...(this.classification ? { accuracy: correct / indices.length } : {}) };
  }

  /** A fixed batch for probes: the first samples of the validation set (or of the training set). */
  private probeBatch(): Tensor {
    const { validation, train } = this.data.splits;
    const pool = validation.length ? validation : train;
    const rows = pool.subarray(0, this.options.probeSamples ?? 256);
    return splitTensors(this.data.dataset, rows, { tensor: { dtype: this.compiled.dtype, backend: this.compiled.backend } }).x;
  }

  private async emitProbe(x: Tensor, epoch: number, batch: number, grads: Map<Tensor, Float32Array | Float64Array> | null): Promise<void> {
    const bins = this.options.probeBins ?? 30;
    const { model } = this.compiled;
    const reads = noGrad(() => scope(() => {
      model.eval();
      try {
        const outputs = model.forward(x).outputs;
        return model.steps.map((s) => ({
          activations: outputs.get(s.nodeId)!.data(),
          weights: s.layer.parameters().map((p) => [p.name, p.value.data()] as const),
        }));
      } finally {
        model.train();
      }
    }));
    const layers: LayerProbe[] = [];
    for (const [i, s] of model.steps.entries()) {
      const r = reads[i];
      layers.push({
        nodeId: s.nodeId,
        activations: histogram(await r.activations, bins),
        weights: Object.fromEntries(await Promise.all(r.weights.map(async ([name, data]) => [name, histogram(await data, bins)]))),
        gradients: Object.fromEntries(s.layer.parameters().flatMap((p) => {
          const g = grads?.get(p.value);
          return g ? [[p.name, histogram(g, bins)]] : [];
        })),
      });
    }
    await this.emit({ type: 'probe', epoch, batch, layers });
  }

  private async emit(event: TrainEvent): Promise<void> {
    await this.options.onEvent?.(event);
  }
}
