/**
 * What `project.json` holds, in the current format version, as zod schemas. Missing optional
 * fields get defaults on load (the excalidraw habit), so a file written by hand or by an
 * older build still opens. Older versions are brought here by `migrations.ts` first.
 */
import { z } from 'zod';
import { GraphSchema, IdSchema } from '../graph/schema';

/** The value of `format` in every DeepWire project file. */
export const FORMAT_NAME = 'deepwire';

/** The format version this build writes, and the newest it reads. */
export const CURRENT_FORMAT_VERSION = 1;

/** An ISO 8601 date-time, as `new Date().toISOString()` writes it (offsets accepted). */
const IsoDateTime = z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as "2025-01-31T12:00:00.000Z"' });

/**
 * A metric value. JSON has no NaN or Infinity, and a diverged run does produce them:
 * `JSON.stringify` writes them as `null`, and `null` reads back as NaN.
 */
const Metric = z
  .custom<number | null>((v) => v === null || typeof v === 'number', {
    error: 'expected a number (or null for a value that was not finite)',
  })
  .transform((v) => (v === null ? Number.NaN : v));

/** One finished epoch of a run. */
export const EpochRecordSchema = z.object({
  epoch: z.number().int().min(0),
  loss: Metric,
  accuracy: Metric.optional(),
  valLoss: Metric.optional(),
  valAccuracy: Metric.optional(),
  /** Wall-clock seconds the epoch took. */
  seconds: z.number().min(0),
});

/**
 * The training settings a run used. The common ones are typed; any others the trainer records
 * are kept as they are, so a newer trainer's settings survive a round trip.
 */
export const TrainingSettingsSchema = z.looseObject({
  epochs: z.number().int().min(0).optional(),
  batchSize: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
  backend: z.string().max(64).optional(),
  learningRate: z.number().min(0).optional(),
  optimizer: z.string().max(64).optional(),
  loss: z.string().max(64).optional(),
});

/** One training run: what it used, how each epoch went, and how it ended. */
export const RunRecordSchema = z.object({
  id: IdSchema,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.optional(),
  status: z.enum(['completed', 'stopped', 'failed']),
  /** Why a failed run failed, in words. */
  error: z.string().max(10_000).optional(),
  settings: TrainingSettingsSchema.default({}),
  /** A hash of the graph the run trained, to tell whether the graph changed since. */
  graphHash: z.string().max(128).optional(),
  epochs: z.array(EpochRecordSchema).max(1_000_000).default([]),
  /** The final evaluation on the test split, when there was one. */
  test: z.object({ loss: Metric, accuracy: Metric.optional() }).optional(),
  /** The run's name in legends (a lab run: "BatchNorm on", "trial 3"). */
  label: z.string().max(200).optional(),
  /** Runs made by the learning lab: which experiment, which batch of runs, and the values a search trial set. */
  lab: z.object({
    experiment: z.string().max(64),
    batch: z.string().max(64),
    values: z.record(z.string().max(200), z.number()).optional(),
  }).optional(),
});

/** The app that last wrote the file, for messages ("made by DeepWire 2.1.0"). */
export const AppInfoSchema = z.object({
  name: z.string().max(100),
  version: z.string().max(100),
});

/** `project.json`, current version. */
export const ProjectSchema = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.literal(CURRENT_FORMAT_VERSION),
  name: z.string().max(200).default('Untitled'),
  graph: GraphSchema,
  runs: z.array(RunRecordSchema).max(10_000).default([]),
  createdAt: IsoDateTime.optional(),
  app: AppInfoSchema.optional(),
});

/** A project as the app holds it (after defaults are filled in). */
export type Project = z.output<typeof ProjectSchema>;
/** A project as it may be written by hand: defaulted fields may be left out. */
export type ProjectInput = z.input<typeof ProjectSchema>;
export type RunRecord = z.output<typeof RunRecordSchema>;
export type EpochRecord = z.output<typeof EpochRecordSchema>;
export type TrainingSettings = z.output<typeof TrainingSettingsSchema>;
export type AppInfo = z.output<typeof AppInfoSchema>;
