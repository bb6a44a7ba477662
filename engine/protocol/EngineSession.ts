/**
 * The engine's side of the protocol, for any host (Web Worker, Electron engine window, Node
 * worker_threads): it checks each incoming message, trains one run at a time, and streams the
 * run back throttled to a few updates a second, however fast batches go. Hosts provide only the
 * transport, a clock, a way to yield to their task queue, and their data sources — the session
 * itself touches no DOM and no Node API.
 */
import type { DatasetSources } from '../data/builtins';
import { DataFileMissingError, hashSource } from '../data/fileRef';
import { bytesSource, type ByteSource } from '../data/files/source';
import { importData, type ChosenFile, type ImportRequest } from '../data/importData';
import { exportProject } from '../export';
import { isKnownKind } from '../graph/registry';
import { parseProject } from '../project/format';
import type { Backend } from '../backend/backend';
import { DeepWireError } from '../core/errors';
import { englishText, msg, type Message } from '../i18n/message';
import { compileGraph, type CompiledGraph } from '../graph/compile';
import { importWeights, readWeights } from '../graph/weights';
import { GpuError } from '../backend/webgpu/runtime';
import { checkGradients } from '../train/gradcheck';
import { boundaryGrid, confusionCounts, layerOutputGrid, paddedRanges, predictRaw, predictSamples, rawRows } from '../train/inspect';
import { prepareData, type PreparedData } from '../train/prepareData';
import { Trainer, type EpochMetrics, type LayerProbe, type TrainEvent } from '../train/Trainer';
import { errorInfo, parseClientMessage, ProtocolError, transferables } from './codec';
import {
  MAX_UPDATE_RATE,
  PROTOCOL_VERSION,
  type BlobLike,
  type ClientMessage,
  type EngineMessage,
  type Probe,
  type RequestOf,
  type Samples,
} from './messages';

export interface EngineHost {
  /** Sends a message; `transfer` lists buffers handed over without a copy. */
  post(message: EngineMessage, transfer: ArrayBuffer[]): void;
  /** Milliseconds, monotonic. */
  now(): number;
  /** Resolves after the host's pending messages had a chance to run (a task-queue turn). */
  yieldToHost(): Promise<void>;
  /** Where built-in data that lives outside the engine (MNIST) comes from; `dataBase` from the handshake. */
  sources(dataBase: string | undefined): DatasetSources;
  /** The backend in words ('CPU') and its thread count. */
  readonly backend: string;
  readonly threads: number;
  /**
   * Sets the CPU threads for the next run (0: one per core); resolves with the threads in use
   * and, when fewer than asked, why. Hosts without a pool leave it out (one thread).
   */
  setThreads?(requested: number): Promise<{ threads: number; limited?: 'no-shared-memory' }>;
  /**
   * The WebGPU backend, created on first call (hosts without WebGPU leave it out): the backend and
   * its adapter's name, or why there is none (for the user: words, or a catalogue message).
   */
  webgpu?(): Promise<{ ok: true; backend: Backend; adapterName: string; software?: boolean } | { ok: false; reason: string | Message }>;
}

/** Which device trains a run: the Training node's choice, what the host has, and why a choice fell back. */
export interface DeviceChoice {
  readonly backend?: Backend;
  readonly kind: 'cpu' | 'webgpu';
  readonly adapter?: string;
  /** Why the run trains on the CPU although WebGPU was asked for or preferred (English). */
  readonly fallback?: string;
  /** The same reason as a catalogue message, when there is one. */
  readonly fallbackMsg?: Message;
}

/** A reason as the English words the protocol's `fallback` field carries. */
const reasonText = (reason: string | Message) => (typeof reason === 'string' ? reason : englishText(reason));

/** `auto` takes WebGPU when the host has an adapter, else the CPU with the reason; `webgpu` insists. */
export async function chooseDevice(host: Pick<EngineHost, 'webgpu'>, wanted: 'auto' | 'cpu' | 'webgpu'): Promise<DeviceChoice> {
  if (wanted === 'cpu') return { kind: 'cpu' };
  const gpu = host.webgpu ? await host.webgpu() : { ok: false as const, reason: msg('run.gpu.noHostWebgpu') };
  if (gpu.ok && (wanted === 'webgpu' || !gpu.software)) return { backend: gpu.backend, kind: 'webgpu', adapter: gpu.adapterName };
  if (gpu.ok) {
    const why = msg('run.gpu.softwareOnly', { adapter: gpu.adapterName });
    return { kind: 'cpu', fallback: englishText(why), fallbackMsg: why };
  }
  if (wanted === 'webgpu') throw new WebGpuUnavailableError(gpu.reason);
  return { kind: 'cpu', fallback: reasonText(gpu.reason), ...(typeof gpu.reason === 'string' ? {} : { fallbackMsg: gpu.reason }) };
}

/** The Training node asks for WebGPU and there is none. */
export class WebGpuUnavailableError extends DeepWireError {
  constructor(readonly reason: string | Message) {
    super(msg('run.webgpuUnavailable', { reason }));
  }
}

/** Probes (histograms) and sample predictions cost a forward pass: a few a second is plenty. */
const PROBE_INTERVAL_MS = 250;
const SAMPLES_INTERVAL_MS = 1000;
/** How long the loop may run before letting messages in. */
const YIELD_INTERVAL_MS = 15;

interface ActiveRun {
  readonly runId: string;
  /** Null while the run compiles and loads its data. */
  trainer: Trainer | null;
  finished: boolean;
  /** Pause or stop asked for before the trainer existed: applied as soon as it does. */
  early: 'pause' | 'stop' | null;
}

/** What the latest run leaves behind for predictions. */
interface HeldModel {
  readonly runId: string;
  readonly compiled: CompiledGraph;
  readonly data: PreparedData;
  /** 2-D data: the plotted ranges of the training points (the features grid spans them). */
  readonly ranges?: { xRange: [number, number]; yRange: [number, number] };
}

/** Everything an update carries, gathered between two sends. */
class PendingUpdate {
  position: { epoch: number; batch: number; batches: number; samplesPerSec: number; etaSeconds: number } | null = null;
  firstBatch = 0;
  losses: number[] = [];
  epochs: EpochMetrics[] = [];
  probe: Probe | null = null;
  samples: Samples | null = null;
  get empty() {
    return !this.position && this.epochs.length === 0 && !this.probe && !this.samples;
  }
}

export class EngineSession {
  private dataBase: string | undefined;
  private greeted = false;
  private active: ActiveRun | null = null;
  private held: HeldModel | null = null;
  /** The user's data files the editor handed over ('put-data', 'import-data'), by SHA-256. */
  private readonly dataFiles = new Map<string, BlobLike | Uint8Array>();

  constructor(private readonly host: EngineHost) {}

  /** The host's data sources plus the user's files this session holds. */
  private sources(): DatasetSources {
    return {
      ...this.host.sources(this.dataBase),
      files: async (ref) => {
        const data = this.dataFiles.get(ref.sha256);
        if (!data) {
          throw new DataFileMissingError(msg('run.dataFileMissing', { name: ref.name }), ref);
        }
        return data instanceof Uint8Array ? bytesSource(data) : blobSource(data);
      },
    };
  }

  /** Handles one incoming message (anything: it is checked here). */
  handle(data: unknown): void {
    let message: ClientMessage;
    try {
      message = parseClientMessage(data);
    } catch (e) {
      const id = (data as { id?: unknown } | null)?.id;
      this.send({ type: 'error', ...(Number.isInteger(id) && (id as number) >= 0 ? { id: id as number } : {}), error: errorInfo(e) });
      return;
    }
    try {
      this.dispatch(message);
    } catch (e) {
      this.send({ type: 'error', id: message.id, error: errorInfo(e) });
    }
  }

  private dispatch(message: ClientMessage): void {
    if (message.type !== 'hello' && !this.greeted) throw new ProtocolError(`'${message.type}' before the handshake: send 'hello' first`);
    switch (message.type) {
      case 'hello':
        if (message.version !== PROTOCOL_VERSION) {
          throw new ProtocolError(msg('run.protocolVersion', { version: message.version, current: PROTOCOL_VERSION }));
        }
        this.greeted = true;
        this.dataBase = message.dataBase;
        this.send({ type: 'ready', id: message.id, version: PROTOCOL_VERSION, backend: this.host.backend, threads: this.host.threads });
        return;
      case 'train':
        if (this.active && !this.active.finished) {
          const error = new ProtocolError(msg('run.busy', { runId: this.active.runId }));
          this.send({ type: 'error', id: message.id, error: { ...errorInfo(error), kind: 'busy' } });
          return;
        }
        this.send({ type: 'ack', id: message.id });
        void this.train(message);
        return;
      case 'pause':
      case 'resume':
      case 'stop': {
        const run = this.active;
        if (!run || run.runId !== message.runId || run.finished) throw new ProtocolError(msg('run.notTraining', { action: message.type, runId: message.runId }));
        if (run.trainer) run.trainer[message.type]();
        else run.early = message.type === 'resume' ? null : message.type === 'stop' || run.early === 'stop' ? 'stop' : 'pause';
        this.send({ type: 'ack', id: message.id });
        return;
      }
      case 'predict':
        void this.predict(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
      case 'gradcheck':
        void this.gradcheck(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
      case 'features':
        void this.features(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
      case 'put-data':
        void this.putData(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
      case 'import-data':
        void this.importData(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
      case 'export':
        void this.exportProject(message).catch((e: unknown) => this.send({ type: 'error', id: message.id, error: errorInfo(e) }));
        return;
    }
  }

  /** Keeps a data file for "From file" nodes after checking it is what its SHA-256 says. */
  private async putData(message: RequestOf<'put-data'>): Promise<void> {
    if (!this.dataFiles.has(message.sha256)) {
      const source = message.data instanceof Uint8Array ? bytesSource(message.data) : blobSource(message.data);
      const { sha256 } = await hashSource(source);
      if (sha256 !== message.sha256) throw new ProtocolError(msg('run.dataHash', { actual: sha256, expected: message.sha256 }));
      this.dataFiles.set(message.sha256, message.data);
    }
    this.send({ type: 'ack', id: message.id });
  }

  private async importData(message: RequestOf<'import-data'>): Promise<void> {
    const r = message.request;
    const open = (data: BlobLike | Uint8Array) => () => (data instanceof Uint8Array ? bytesSource(data) : blobSource(data));
    const chosen = (f: { name: string; path: string; data: BlobLike | Uint8Array }): ChosenFile =>
      ({ name: f.name, path: f.path, size: f.data instanceof Uint8Array ? f.data.length : f.data.size, open: open(f.data) });
    let request: ImportRequest;
    let total = 0;
    if (r.format === 'csv') {
      request = { format: 'csv', file: chosen(r.file), options: { ...r.options, columns: r.options.columns && Object.fromEntries(Object.entries(r.options.columns).map(([k, v]) => [Number(k), v])) } };
      total = 2 * request.file.size;
    } else if (r.format === 'idx') {
      const files: Record<string, ChosenFile> = {};
      for (const [role, f] of Object.entries(r.files)) if (f) files[role] = chosen(f);
      request = { format: 'idx', files };
    } else {
      const entries = await Promise.all(r.entries.map(async (e) => ({ path: e.path, bytes: e.data instanceof Uint8Array ? e.data : new Uint8Array(await e.data.arrayBuffer()) })));
      request = { format: 'images', name: r.name, path: r.path, entries, width: r.width, height: r.height, channels: r.channels };
    }
    let last = 0;
    let offset = 0;
    let previous = 0;
    const onBytes = (bytes: number) => {
      // Hashing reads the file once, scanning once more: progress counts both passes.
      if (bytes < previous) offset += previous;
      previous = bytes;
      const now = this.host.now();
      if (total && now - last > 100) {
        last = now;
        this.send({ type: 'import-progress', id: message.id, bytes: Math.min(total, offset + bytes), total });
      }
    };
    const result = await importData(request, { onBytes, decode: this.host.sources(this.dataBase).decodeImage });
    const packed: { sha256: string; bytes: Uint8Array }[] = [];
    for (const [sha256, blob] of result.blobs) {
      if (blob instanceof Uint8Array) {
        this.dataFiles.set(sha256, blob);
        if (r.format === 'images') packed.push({ sha256, bytes: blob });
      } else {
        const wire = r.format === 'csv' ? r.file.data : undefined;
        if (wire) this.dataFiles.set(sha256, wire);
      }
    }
    const p = result.preview;
    this.send({
      type: 'data-imported', id: message.id, params: { ...result.params }, packed,
      preview: {
        ...(p.header ? { header: [...p.header] } : {}),
        ...(p.rows ? { rows: p.rows.map((row) => [...row]) } : {}),
        ...(p.problems ? { problems: p.problems.map((q) => ({ ...q })) } : {}),
        ...(p.samples ? { samples: { pixels: p.samples.pixels, labels: p.samples.labels, shape: [...p.samples.shape] } } : {}),
        ...(p.skipped ? { skipped: [...p.skipped] } : {}),
      },
    });
  }

  private async exportProject(message: RequestOf<'export'>): Promise<void> {
    const project = parseProject(message.project, { isKnownKind });
    const weights = message.weights && new Map(message.weights.map((w) => [w.name, w.data instanceof Float64Array
      ? { dtype: 'float64' as const, shape: w.shape, data: w.data }
      : { dtype: 'float32' as const, shape: w.shape, data: w.data }]));
    const files = await exportProject(message.target, { project, weights, sources: this.sources() });
    this.send({ type: 'exported', id: message.id, files: files.map((f) => ({ name: f.name, bytes: f.bytes })) });
  }

  private async predict(message: RequestOf<'predict'>): Promise<void> {
    const held = this.held;
    if (!held || held.runId !== message.runId) throw new ProtocolError(msg('run.predict.noRun', { runId: message.runId }));
    const shape = held.data.dataset.featureShape;
    const size = shape.reduce((p, d) => p * d, 1);
    if (message.input.length !== size * message.count) {
      throw new ProtocolError(msg('run.predict.shape', { values: message.input.length, count: message.count, shape: shape.join(', '), expected: size * message.count }));
    }
    const { values } = await predictRaw(held.compiled, held.data.normalization, shape, message.input, message.count);
    this.send({ type: 'prediction', id: message.id, outputs: values, count: message.count });
  }

  /** Backprop against central differences for a graph (float64, one batch of its data), with both timings. */
  private async gradcheck(message: RequestOf<'gradcheck'>): Promise<void> {
    const report = await checkGradients(message.graph, this.sources(), message.options);
    this.send({
      type: 'gradcheck-result', id: message.id, threshold: report.threshold, backpropSeconds: report.backpropSeconds,
      numericalSeconds: report.numericalSeconds, notes: [...report.notes],
      tensors: report.tensors.map((t) => ({ name: t.name, shape: [...t.shape], checked: t.checked, relativeError: t.relativeError, pass: t.pass })),
    });
  }

  /** One node's output over the plane of the held run's 2-D data. */
  private async features(message: RequestOf<'features'>): Promise<void> {
    const held = this.held;
    if (!held || held.runId !== message.runId) throw new ProtocolError(msg('run.features.noRun', { runId: message.runId }));
    if (!held.ranges) throw new ProtocolError(msg('run.features.not2d', { runId: message.runId }));
    if (!held.compiled.model.steps.some((s) => s.nodeId === message.nodeId)) {
      throw new ProtocolError(msg('run.features.notLayer', { node: message.nodeId, runId: message.runId }));
    }
    const { xRange, yRange } = held.ranges;
    const { units, values } = await layerOutputGrid(held.compiled, held.data.normalization, message.nodeId, xRange, yRange, message.resolution);
    this.send({ type: 'features', id: message.id, nodeId: message.nodeId, units, resolution: message.resolution, values, xRange, yRange });
  }

  private async train(request: RequestOf<'train'>): Promise<void> {
    const { runId, options } = request;
    const rate = options.updateRate ?? MAX_UPDATE_RATE;
    const interval = 1000 / Math.min(rate, MAX_UPDATE_RATE);
    const run: ActiveRun = { runId, trainer: null, finished: false, early: null };
    this.active = run;
    this.held = null;
    try {
      const planned = compileGraph(request.graph);
      const device = await chooseDevice(this.host, planned.training.backend);
      let compiled = device.backend ? compileGraph(request.graph, { backend: device.backend }) : planned;
      // On a GPU, the weights after each epoch are kept on the host: if the device is lost, the run
      // goes on on the CPU from there.
      let snapshot = device.backend ? await readWeights(compiled.model) : null;
      let epochsDone = 0;
      let announced = false;
      const threading = this.host.setThreads ? await this.host.setThreads(compiled.training.threads) : { threads: this.host.threads };
      const data = await prepareData(compiled, this.sources());
      const dataset = data.dataset;
      const classes = dataset.task === 'classification' ? dataset.classes : undefined;
      const twoD = classes !== undefined && dataset.featureShape.length === 1 && dataset.featureShape[0] === 2;
      const image = classes !== undefined && dataset.featureShape.length === 3;
      const points = twoD ? (() => {
        const rows = data.splits.train;
        const xy = rawRows(dataset, data.normalization, rows);
        return { xy, labels: Uint8Array.from(rows, (r) => dataset.y[r]), ...paddedRanges(xy) };
      })() : undefined;
      const testRows = data.testIsTrain ? data.splits.train : data.splits.test;
      // A search trial never looks at the test split: no test metrics, confusion or sample predictions.
      const evaluateTest = options.evaluateTest !== false;
      // Spread over the whole test split (MNIST's is ordered by digit), so every class shows.
      const sampleCount = image && evaluateTest ? Math.min(options.sampleImages ?? 24, testRows.length) : 0;
      const sampleRows = Uint32Array.from({ length: sampleCount }, (_, i) => testRows[Math.floor(((i + 0.5) * testRows.length) / sampleCount)]);

      const pending = new PendingUpdate();
      let lastSend = -Infinity;
      let lastProbe = -Infinity;
      let lastSamples = -Infinity;
      let batchesDone = 0;
      let lastYield = this.host.now();
      let totalEpochs = 0;

      const flush = async () => {
        if (pending.empty) return;
        const pos = pending.position ?? { epoch: 1, batch: 0, batches: 1, samplesPerSec: 0, etaSeconds: 0 };
        const boundary = points && classes ? {
          resolution: options.boundaryResolution ?? 48,
          classes,
          probs: await boundaryGrid(compiled, data.normalization, points.xRange, points.yRange, options.boundaryResolution ?? 48, classes),
        } : undefined;
        this.send({
          type: 'update', runId, ...pos, firstBatch: pending.firstBatch, batchLosses: Float32Array.from(pending.losses),
          epochs: pending.epochs, ...(pending.probe ? { probe: pending.probe } : {}), ...(boundary ? { boundary } : {}),
          ...(pending.samples ? { samples: pending.samples } : {}),
        });
        pending.position = null;
        pending.firstBatch = batchesDone;
        pending.losses = [];
        pending.epochs = [];
        pending.probe = null;
        pending.samples = null;
        lastSend = this.host.now();
      };
      const maybeFlush = async () => {
        if (this.host.now() - lastSend >= interval) await flush();
      };
      const samples = async (): Promise<Samples | null> => {
        if (!image || sampleRows.length === 0 || classes === undefined) return null;
        const { predicted, confidence } = await predictSamples(compiled, dataset, sampleRows, classes);
        return {
          images: rawRows(dataset, data.normalization, sampleRows), shape: [...dataset.featureShape],
          labels: Uint8Array.from(sampleRows, (r) => dataset.y[r]), predicted, confidence,
        };
      };

      const onEvent = async (e: TrainEvent) => {
        switch (e.type) {
          case 'start':
            totalEpochs = e.epochs;
            if (announced) return;
            announced = true;
            this.send({
              type: 'run-start', runId, epochs: e.epochs, batchesPerEpoch: e.batchesPerEpoch, trainSamples: e.trainSamples,
              validationSamples: data.splits.validation.length, testSamples: testRows.length, testIsTrain: data.testIsTrain,
              parameters: e.parameters, task: dataset.task, ...(classes !== undefined ? { classes } : {}),
              ...(dataset.task === 'classification' && dataset.classNames ? { classNames: [...dataset.classNames] } : {}),
              featureShape: [...dataset.featureShape],
              layers: compiled.model.steps.map((s) => ({
                nodeId: s.nodeId, kind: request.graph.nodes.find((n) => n.id === s.nodeId)?.kind ?? '', params: s.layer.parameters().map((p) => p.name),
              })),
              backend: device.kind === 'webgpu' ? `WebGPU · ${device.adapter}` : this.host.backend, threads: device.kind === 'webgpu' ? 1 : threading.threads,
              device: { kind: device.kind, ...(device.adapter ? { adapter: device.adapter } : {}), ...(device.fallback ? { fallback: device.fallback } : {}), ...(device.fallbackMsg ? { fallbackMsg: device.fallbackMsg } : {}) },
              ...('limited' in threading && threading.limited ? { threadsLimited: threading.limited } : {}), ...(points ? { points } : {}),
            });
            return;
          case 'batch':
            batchesDone++;
            pending.losses.push(e.loss);
            pending.position = { epoch: e.epoch, batch: e.batch, batches: e.batches, samplesPerSec: e.samplesPerSec, etaSeconds: e.etaSeconds };
            await maybeFlush();
            return;
          case 'probe':
            pending.probe = { epoch: e.epoch, batch: e.batch, layers: e.layers.map(layerProbe) };
            return;
          case 'epoch': {
            epochsDone = e.epoch;
            if (compiled.backend === device.backend && device.backend) snapshot = await readWeights(compiled.model);
            const { type: _type, ...metrics } = e;
            pending.epochs.push(metrics);
            const now = this.host.now();
            if (now - lastSamples >= SAMPLES_INTERVAL_MS || e.epoch === totalEpochs) {
              lastSamples = now;
              pending.samples = await samples();
            }
            await maybeFlush();
            return;
          }
          case 'paused':
          case 'resumed':
            await flush();
            this.send({ type: e.type, runId });
            return;
          case 'done':
            return;
        }
      };

      const makeTrainer = (startEpoch: number) => new Trainer(compiled, data, {
        epochs: options.epochs,
        evaluateTest,
        startEpoch,
        probeBins: options.histogramBins ?? 30,
        onEvent,
        now: () => this.host.now(),
        probeWhen: (done) => {
          const now = this.host.now();
          if (done > 1 && now - lastProbe < PROBE_INTERVAL_MS) return false;
          lastProbe = now;
          return true;
        },
        yieldToHost: async () => {
          const now = this.host.now();
          if (now - lastYield < YIELD_INTERVAL_MS) return;
          await this.host.yieldToHost();
          lastYield = this.host.now();
        },
      });
      let trainer = makeTrainer(1);
      run.trainer = trainer;
      const ranges = points ? { xRange: points.xRange, yRange: points.yRange } : undefined;
      this.held = { runId, compiled, data, ...(ranges ? { ranges } : {}) };
      // Stop or pause pressed while the data loaded: a stop before the first batch; a pause after
      // it (the run has announced itself by then, so the editor sees run-start, then paused).
      if (run.early === 'stop') trainer.stop();
      const running = trainer.run();
      if (run.early === 'pause') trainer.pause();
      let summary: Awaited<typeof running>;
      try {
        summary = await running;
      } catch (e) {
        if (!(e instanceof GpuError) || !snapshot) throw e;
        // The GPU failed (lost, out of memory): the same graph on the CPU, from the last epoch's weights.
        const resumeEpoch = epochsDone + 1;
        batchesDone = epochsDone * trainer.batchesPerEpoch;
        pending.firstBatch = batchesDone;
        pending.losses = [];
        this.send({ type: 'device-fallback', runId, reason: e.reason, message: e.message, ...(e.msg ? { msg: e.msg } : {}), resumeEpoch });
        compiled = compileGraph(request.graph);
        importWeights(compiled.model, snapshot);
        snapshot = null;
        const stopped = trainer.stopRequested;
        trainer = makeTrainer(resumeEpoch);
        run.trainer = trainer;
        this.held = { runId, compiled, data, ...(ranges ? { ranges } : {}) };
        if (stopped) trainer.stop();
        summary = await trainer.run();
      }
      run.finished = true;
      pending.samples = (await samples()) ?? pending.samples;
      await flush();
      const weights = [...await readWeights(compiled.model)].map(([name, t]) => ({ name, shape: t.shape, data: t.data.slice() }));
      this.send({
        type: 'done', runId, status: summary.status, seconds: summary.seconds, ...(summary.test ? { test: summary.test } : {}),
        ...(classes !== undefined && testRows.length && evaluateTest ? { confusion: { classes, counts: await confusionCounts(compiled, dataset, testRows, classes) } } : {}),
        weights,
      });
    } catch (e) {
      run.finished = true;
      this.send({ type: 'error', runId, error: errorInfo(e) });
    } finally {
      run.finished = true;
    }
  }

  private send(message: EngineMessage): void {
    this.host.post(message, transferables(message));
  }
}

function layerProbe(l: LayerProbe) {
  return { nodeId: l.nodeId, activations: l.activations, weights: { ...l.weights }, gradients: { ...l.gradients } };
}

/** Slices a Blob into 4 MiB chunks, read one at a time. */
export async function* blobSource(blob: BlobLike, chunkSize = 4 << 20): ByteSource {
  for (let at = 0; at < blob.size; at += chunkSize) {
    yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + chunkSize)).arrayBuffer());
  }
}
