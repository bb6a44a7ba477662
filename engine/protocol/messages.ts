/**
 * The editor ⇄ engine protocol: every message either side may send, as zod schemas. One module
 * for both ends (VS Code's habit): the editor's client and the engine host validate what they
 * receive against these schemas and reject anything else with a `ProtocolError`.
 *
 * - Requests carry an `id`; the engine answers each with `ready`, `ack`, `prediction` or an
 *   `error` carrying the same id.
 * - A training run streams events tagged with its `runId`: `run-start`, throttled `update`s
 *   (at most ~20 a second, whatever the batch rate), `paused`/`resumed`, then `done` or an
 *   `error`.
 * - Bulk data (batch losses, histogram bins, decision-boundary grids, images, weights) travels
 *   as typed arrays, transferred rather than copied (`transferables` in codec.ts).
 */
import { z } from 'zod';
import { GraphSchema, IdSchema } from '../graph/schema';
import type { Message } from '../i18n/message';
import type { MessageKey } from '../i18n/en';

/** Bumped whenever a message changes shape; the handshake refuses a mismatch. */
export const PROTOCOL_VERSION = 1;

/** The most updates a second the engine sends during a run. */
export const MAX_UPDATE_RATE = 20;

const RequestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const RunId = IdSchema;
const Count = z.number().int().min(0);
/** Any number, NaN and ±Infinity included (a diverging run reports them). */
const Finite = z.custom<number>((v) => typeof v === 'number', { error: 'expected a number' });
const F32 = z.custom<Float32Array>((v) => v instanceof Float32Array, { error: 'expected a Float32Array' });
const F64 = z.custom<Float64Array>((v) => v instanceof Float64Array, { error: 'expected a Float64Array' });
const U32 = z.custom<Uint32Array>((v) => v instanceof Uint32Array, { error: 'expected a Uint32Array' });
const U8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: 'expected a Uint8Array' });
const Range = z.tuple([Finite, Finite]);

// --- editor → engine ----------------------------------------------------------------------------

export const HelloSchema = z.object({
  type: z.literal('hello'),
  id: RequestId,
  version: z.number().int(),
  /** Base URL the engine fetches bundled data from (MNIST), where the host fetches. */
  dataBase: z.string().max(2000).optional(),
});

export const TrainOptionsSchema = z.object({
  /** Overrides the Training node's epochs. */
  epochs: z.number().int().min(1).max(100_000).optional(),
  /** Updates per second, at most MAX_UPDATE_RATE. */
  updateRate: z.number().min(0.5).max(MAX_UPDATE_RATE).optional(),
  /** Bins of each histogram in probes. */
  histogramBins: z.number().int().min(4).max(200).optional(),
  /** Cells per side of the decision-boundary grid (2-D inputs only). */
  boundaryResolution: z.number().int().min(4).max(200).optional(),
  /** Test images shown with their predictions (image data only). */
  sampleImages: z.number().int().min(0).max(64).optional(),
  /**
   * False: the run never evaluates on the test split (no test metrics, no confusion matrix, no
   * sample predictions): a hyperparameter-search trial chooses on validation only.
   */
  evaluateTest: z.boolean().optional(),
});

export const TrainSchema = z.object({
  type: z.literal('train'),
  id: RequestId,
  runId: RunId,
  graph: GraphSchema,
  options: TrainOptionsSchema.default({}),
});

const RunControl = <T extends 'pause' | 'resume' | 'stop'>(type: T) =>
  z.object({ type: z.literal(type), id: RequestId, runId: RunId });

export const PredictSchema = z.object({
  type: z.literal('predict'),
  id: RequestId,
  /** The run whose model answers (the engine keeps the latest run's model). */
  runId: RunId,
  /** `count` samples of the model's input shape, raw (the engine normalises as in training). */
  input: F32,
  count: z.number().int().min(1).max(4096),
});

/** Backprop against numerical gradients for a graph (in float64, on one batch of its data). */
export const GradCheckSchema = z.object({
  type: z.literal('gradcheck'),
  id: RequestId,
  graph: GraphSchema,
  options: z.object({
    threshold: z.number().positive().max(1).optional(),
    samplesPerTensor: z.number().int().min(1).max(1000).optional(),
    batchRows: z.number().int().min(1).max(256).optional(),
  }).default({}),
});

/**
 * What one layer computes over the plane of a 2-D input (the hidden features of an XOR net): the
 * held run's model evaluated on a resolution × resolution grid over the training points' ranges.
 */
export const FeaturesRequestSchema = z.object({
  type: z.literal('features'),
  id: RequestId,
  runId: RunId,
  /** The node whose output is returned (e.g. the hidden activation). */
  nodeId: IdSchema,
  resolution: z.number().int().min(2).max(200),
});

/**
 * File contents crossing the boundary: bytes, or a Blob (a File the user picked), which the
 * engine reads in slices so a 100 MB file never sits in the editor's memory twice.
 */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): BlobLike;
  arrayBuffer(): Promise<ArrayBuffer>;
}
const BlobData = z.custom<BlobLike | Uint8Array>(
  (v) => v instanceof Uint8Array || (typeof v === 'object' && v !== null && typeof (v as BlobLike).size === 'number' &&
    typeof (v as BlobLike).slice === 'function' && typeof (v as BlobLike).arrayBuffer === 'function'),
  { error: 'expected file contents (a Uint8Array or a Blob)' },
);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const WireFile = z.object({ name: z.string().min(1).max(260), path: z.string().max(4096).default(''), data: BlobData });

/** Gives the engine a data file's contents for "From file" nodes, under its SHA-256 (checked). */
export const PutDataSchema = z.object({
  type: z.literal('put-data'),
  id: RequestId,
  sha256: Sha256,
  data: BlobData,
});

/**
 * Imports the user's data: the engine reads the files once (hash, scan, a preview), keeps them
 * for training, and answers `data-imported` with the node's parameters.
 */
export const ImportDataSchema = z.object({
  type: z.literal('import-data'),
  id: RequestId,
  request: z.discriminatedUnion('format', [
    z.object({
      format: z.literal('csv'),
      file: WireFile,
      options: z.object({
        delimiter: z.enum(['auto', ',', ';', '\t', '|']).optional(),
        header: z.enum(['auto', 'yes', 'no']).optional(),
        missing: z.enum(['drop', 'fill', 'error']).optional(),
        task: z.enum(['auto', 'classification', 'regression']).optional(),
        columns: z.record(z.string().regex(/^\d+$/), z.object({
          role: z.enum(['feature', 'target', 'ignore']).optional(),
          type: z.enum(['number', 'category']).optional(),
          encoding: z.enum(['onehot', 'index']).optional(),
        })).optional(),
      }).default({}),
    }),
    z.object({
      format: z.literal('idx'),
      files: z.object({ images: WireFile.optional(), labels: WireFile.optional(), testImages: WireFile.optional(), testLabels: WireFile.optional() }),
    }),
    z.object({
      format: z.literal('images'),
      name: z.string().min(1).max(260),
      path: z.string().max(4096).default(''),
      entries: z.array(z.object({ path: z.string().min(1).max(4096), data: BlobData })).max(200_000),
      width: z.number().int().min(1).max(512),
      height: z.number().int().min(1).max(512),
      channels: z.union([z.literal(1), z.literal(3)]),
    }),
  ]),
});

/** Exports a project: code, ONNX, weights or history, as files. */
export const ExportRequestSchema = z.object({
  type: z.literal('export'),
  id: RequestId,
  target: z.enum(['pytorch', 'keras', 'onnx', 'safetensors', 'history']),
  /** The project as project.json holds it. */
  project: z.unknown(),
  weights: z.array(z.object({ name: z.string().max(200), shape: z.array(z.number().int().min(0)), data: z.union([F32, F64]) })).optional(),
});

export const ClientMessageSchema = z.discriminatedUnion('type', [
  PutDataSchema,
  ImportDataSchema,
  ExportRequestSchema,
  HelloSchema,
  TrainSchema,
  RunControl('pause'),
  RunControl('resume'),
  RunControl('stop'),
  PredictSchema,
  GradCheckSchema,
  FeaturesRequestSchema,
]);

// --- engine → editor ----------------------------------------------------------------------------

export const HistogramSchema = z.object({
  min: Finite,
  max: Finite,
  mean: Finite,
  std: Finite,
  count: Count,
  nonFinite: Count,
  bins: U32,
});

export const EpochSchema = z.object({
  epoch: z.number().int().min(1),
  loss: Finite,
  accuracy: Finite.optional(),
  valLoss: Finite.optional(),
  valAccuracy: Finite.optional(),
  seconds: Finite,
  samplesPerSec: Finite,
});

export const LayerProbeSchema = z.object({
  nodeId: IdSchema,
  activations: HistogramSchema,
  weights: z.record(z.string(), HistogramSchema),
  gradients: z.record(z.string(), HistogramSchema),
});

export const ProbeSchema = z.object({
  epoch: z.number().int().min(1),
  batch: Count,
  layers: z.array(LayerProbeSchema),
});

export const BoundarySchema = z.object({
  resolution: z.number().int().min(1),
  /** Per grid cell (row-major, y from top to bottom), the class probabilities: resolution² × classes. */
  probs: F32,
  classes: z.number().int().min(1),
});

export const SamplesSchema = z.object({
  /** `count` images, raw pixels (before normalisation), each of `shape`. */
  images: F32,
  shape: z.array(z.number().int().min(1)),
  labels: U8,
  predicted: U8,
  /** Probability of the predicted class. */
  confidence: F32,
});

/** A catalogue message as it travels (see engine/i18n/message.ts): a key and its values. */
export const MessageSchema: z.ZodType<Message> = z.lazy(() => z.object({
  key: z.string().max(200) as z.ZodType<MessageKey>,
  vars: z.record(z.string().max(64), z.union([z.string().max(20_000), z.number(), MessageSchema])).optional(),
}));

export const ErrorKindSchema = z.enum(['protocol', 'graph', 'data', 'diverged', 'memory', 'internal', 'busy']);

export const ErrorInfoSchema = z.object({
  name: z.string().max(200),
  message: z.string().max(20_000),
  /** The same text as a catalogue message, when the error has one (shown in the reader's language). */
  msg: MessageSchema.optional(),
  kind: ErrorKindSchema,
  /** The node the error belongs to, when it belongs to one. */
  nodeId: z.string().max(64).optional(),
  stack: z.string().max(20_000).optional(),
});

export const ReadySchema = z.object({
  type: z.literal('ready'),
  id: RequestId,
  version: z.number().int(),
  /** The backend that trains, in words ('CPU'), and how many threads it uses. */
  backend: z.string().max(200),
  threads: z.number().int().min(1),
});

export const AckSchema = z.object({ type: z.literal('ack'), id: RequestId });

export const ErrorMessageSchema = z.object({
  type: z.literal('error'),
  /** The request that failed, when the error answers one. */
  id: RequestId.optional(),
  /** The run that failed, when the error ends one. */
  runId: RunId.optional(),
  error: ErrorInfoSchema,
});

export const RunStartSchema = z.object({
  type: z.literal('run-start'),
  runId: RunId,
  epochs: z.number().int().min(1),
  batchesPerEpoch: z.number().int().min(1),
  trainSamples: Count,
  validationSamples: Count,
  testSamples: Count,
  /** True when the set is too small to hold samples out: test metrics are on the training set. */
  testIsTrain: z.boolean(),
  parameters: Count,
  task: z.enum(['classification', 'regression']),
  classes: z.number().int().min(1).optional(),
  classNames: z.array(z.string().max(200)).optional(),
  featureShape: z.array(z.number().int().min(1)),
  /** The model's steps in order: node id, node kind, parameter names. */
  layers: z.array(z.object({ nodeId: IdSchema, kind: z.string().max(64), params: z.array(z.string().max(64)) })),
  backend: z.string().max(200),
  /** CPU threads training this run. */
  threads: z.number().int().min(1),
  /** Why fewer threads than asked: the runtime has no shared memory (a page without cross-origin isolation). */
  threadsLimited: z.enum(['no-shared-memory']).optional(),
  /** The device that trains: the CPU or a WebGPU adapter (by name), and why WebGPU was not used when it was preferred. */
  device: z.object({
    kind: z.enum(['cpu', 'webgpu']),
    adapter: z.string().max(200).optional(),
    fallback: z.string().max(500).optional(),
    /** The same reason as a catalogue message, shown in the reader's language. */
    fallbackMsg: MessageSchema.optional(),
  }).optional(),
  /** 2-D data: the training points (raw, x0 y0 x1 y1 …), their classes, and the plotted ranges. */
  points: z.object({ xy: F32, labels: U8, xRange: Range, yRange: Range }).optional(),
});

export const UpdateSchema = z.object({
  type: z.literal('update'),
  runId: RunId,
  epoch: z.number().int().min(1),
  batch: Count,
  batches: z.number().int().min(1),
  samplesPerSec: Finite,
  etaSeconds: Finite,
  /** Index (over the whole run, from 0) of the first entry of `batchLosses`. */
  firstBatch: Count,
  /** The loss of every batch since the previous update. */
  batchLosses: F32,
  /** Epochs finished since the previous update. */
  epochs: z.array(EpochSchema),
  probe: ProbeSchema.optional(),
  boundary: BoundarySchema.optional(),
  samples: SamplesSchema.optional(),
});

const RunEvent = <T extends 'paused' | 'resumed'>(type: T) => z.object({ type: z.literal(type), runId: RunId });

export const WeightSchema = z.object({
  name: z.string().max(200),
  shape: z.array(z.number().int().min(0)),
  data: z.union([F32, F64]),
});

export const DoneSchema = z.object({
  type: z.literal('done'),
  runId: RunId,
  status: z.enum(['completed', 'stopped']),
  seconds: Finite,
  test: z.object({ loss: Finite, accuracy: Finite.optional() }).optional(),
  /** Classification: counts[true × classes + predicted] over the test split. */
  confusion: z.object({ classes: z.number().int().min(1), counts: U32 }).optional(),
  /** The trained model's state (`<nodeId>.<param>`), for weights.safetensors. */
  weights: z.array(WeightSchema),
});

export const PredictionSchema = z.object({
  type: z.literal('prediction'),
  id: RequestId,
  /** count × classes (or outputs) values: probabilities for classification. */
  outputs: F32,
  count: z.number().int().min(1),
});

export const GradCheckResultSchema = z.object({
  type: z.literal('gradcheck-result'),
  id: RequestId,
  tensors: z.array(z.object({
    /** `<nodeId>.<param>`. */
    name: z.string().max(200),
    shape: z.array(z.number().int().min(0)),
    checked: Count,
    relativeError: Finite,
    pass: z.boolean(),
  })),
  threshold: Finite,
  backpropSeconds: Finite,
  numericalSeconds: Finite,
  notes: z.array(MessageSchema),
});

export const FeaturesSchema = z.object({
  type: z.literal('features'),
  id: RequestId,
  nodeId: IdSchema,
  /** Output values per grid point of the node (flattened). */
  units: z.number().int().min(1),
  resolution: z.number().int().min(2),
  /** units × resolution² values: unit-major, each unit's grid row-major with y from top to bottom (as BoundarySchema). */
  values: F32,
  xRange: Range,
  yRange: Range,
});

export const HeartbeatSchema = z.object({ type: z.literal('heartbeat'), time: Finite });

/**
 * The GPU failed mid-run (device lost, out of memory): the run goes on on the CPU from the last
 * completed epoch's weights; `message` says what happened, for the user.
 */
export const DeviceFallbackSchema = z.object({
  type: z.literal('device-fallback'),
  runId: RunId,
  reason: z.enum(['lost', 'out-of-memory', 'too-large', 'validation']),
  message: z.string().max(2000),
  /** The same text as a catalogue message, when the error has one. */
  msg: MessageSchema.optional(),
  /** The epoch the CPU continues with. */
  resumeEpoch: z.number().int().min(1),
});

/** Bytes read so far by an import (hashing, then scanning: the total is read twice). */
export const ImportProgressSchema = z.object({
  type: z.literal('import-progress'),
  id: RequestId,
  bytes: Count,
  total: Count,
});

export const DataImportedSchema = z.object({
  type: z.literal('data-imported'),
  id: RequestId,
  /** The "From file" node's new parameters (format, files, csv, info, image size). */
  params: z.record(z.string(), z.unknown()),
  preview: z.object({
    header: z.array(z.string()).optional(),
    rows: z.array(z.array(z.string())).optional(),
    problems: z.array(z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string(), msg: MessageSchema.optional() })).optional(),
    samples: z.object({ pixels: F32, labels: z.custom<Uint16Array>((v) => v instanceof Uint16Array), shape: z.array(z.number().int()) }).optional(),
    skipped: z.array(z.string()).optional(),
  }),
  /** Bytes the editor must keep to embed the data (an image folder's packed archive), by SHA-256. */
  packed: z.array(z.object({ sha256: Sha256, bytes: U8 })),
});

export const ExportedSchema = z.object({
  type: z.literal('exported'),
  id: RequestId,
  files: z.array(z.object({ name: z.string().min(1).max(260), bytes: U8 })),
});

export const EngineMessageSchema = z.discriminatedUnion('type', [
  ImportProgressSchema,
  DataImportedSchema,
  ExportedSchema,
  ReadySchema,
  DeviceFallbackSchema,
  AckSchema,
  ErrorMessageSchema,
  RunStartSchema,
  UpdateSchema,
  RunEvent('paused'),
  RunEvent('resumed'),
  DoneSchema,
  PredictionSchema,
  GradCheckResultSchema,
  FeaturesSchema,
  HeartbeatSchema,
]);

export type ClientMessage = z.infer<typeof ClientMessageSchema>;
export type EngineMessage = z.infer<typeof EngineMessageSchema>;
export type TrainOptions = z.input<typeof TrainOptionsSchema>;
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;
export type ErrorKind = z.infer<typeof ErrorKindSchema>;
export type RunStart = z.infer<typeof RunStartSchema>;
export type Update = z.infer<typeof UpdateSchema>;
export type Done = z.infer<typeof DoneSchema>;
export type EpochInfo = z.infer<typeof EpochSchema>;
export type Probe = z.infer<typeof ProbeSchema>;
export type LayerProbeInfo = z.infer<typeof LayerProbeSchema>;
export type HistogramInfo = z.infer<typeof HistogramSchema>;
export type Boundary = z.infer<typeof BoundarySchema>;
export type Samples = z.infer<typeof SamplesSchema>;
export type Weight = z.infer<typeof WeightSchema>;
export type GradCheckResult = z.infer<typeof GradCheckResultSchema>;
export type Features = z.infer<typeof FeaturesSchema>;
export type MessageOf<T extends EngineMessage['type']> = Extract<EngineMessage, { type: T }>;
export type RequestOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;
