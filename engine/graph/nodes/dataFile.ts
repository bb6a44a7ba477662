/**
 * The "From file" data node: the user's own data — a CSV/TSV table, MNIST-style IDX files or an
 * image folder. Importing (in the editor, or `scanDataFiles` in a host) reads the files once and
 * stores what training needs to know in advance: the references (name, path, size, SHA-256),
 * the CSV's column schema, and `info` (sample shape, task, classes). Shape inference reads only
 * `info`, so the graph validates without the data; training loads the files through the host.
 */
import { z } from 'zod';
import { FileRefSchema } from '../../data/fileRef';
import { msg, type MessageKey } from '../../i18n/index';
import { defineNode, NodeInferenceError } from '../registry';
import type { TargetInfo } from '../types';

export const DATA_FILE_FORMATS = ['csv', 'idx', 'images'] as const;

const CsvColumnSchema = z.object({
  name: z.string().max(1000),
  role: z.enum(['feature', 'target', 'ignore']),
  type: z.enum(['number', 'category']),
  encoding: z.enum(['onehot', 'index']).default('onehot'),
  levels: z.array(z.string().max(1000)).max(10_000).optional(),
  missing: z.number().int().min(0).default(0),
  fill: z.union([z.number(), z.string().max(1000)]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

/** The CSV's column schema from the import scan (engine/data/files/csv.ts `CsvSchema`). */
export const CsvSchemaSchema = z.object({
  delimiter: z.enum([',', ';', '\t', '|']),
  header: z.boolean(),
  columns: z.array(CsvColumnSchema).min(1).max(10_000),
  rows: z.number().int().min(0),
  usableRows: z.number().int().min(0),
  missing: z.enum(['drop', 'fill', 'error']),
  task: z.enum(['classification', 'regression']),
  classes: z.array(z.string().max(1000)).max(10_000),
  featureSize: z.number().int().min(1),
  targetSize: z.number().int().min(1),
});

/** What the import found: enough for shape inference and the inspector. */
export const DataInfoSchema = z.object({
  featureShape: z.array(z.number().int().min(1)).min(1).max(4),
  task: z.enum(['classification', 'regression']),
  /** Classes (classification) or target values per sample (regression). */
  classes: z.number().int().min(1).max(100_000),
  classNames: z.array(z.string().max(1000)).max(10_000).optional(),
  samples: z.number().int().min(0),
  /** Samples of a fixed test set (IDX test files). */
  testSamples: z.number().int().min(0).default(0),
});
export type DataInfo = z.output<typeof DataInfoSchema>;

export const DataFileParams = z.object({
  format: z.enum(DATA_FILE_FORMATS).default('csv'),
  /** csv: one 'data'; idx: 'images' + 'labels' (+ 'testImages' + 'testLabels'); images: one 'folder'. */
  files: z.array(FileRefSchema).max(4).default([]),
  csv: CsvSchemaSchema.optional(),
  /** Image folders: every image is resized to width × height with this many channels. */
  width: z.number().int().min(1).max(512).default(28),
  height: z.number().int().min(1).max(512).default(28),
  channels: z.union([z.literal(1), z.literal(3)]).default(1),
  info: DataInfoSchema.optional(),
  normalize: z.enum(['none', 'standardize', 'minmax']).default('none'),
  /** Store the data inside the project file: 'auto' does when it is small (see EMBED_LIMIT_BYTES). */
  embed: z.enum(['auto', 'always', 'never']).default('auto'),
});
export type DataFileParams = z.output<typeof DataFileParams>;

/** Data up to this size are stored in the project file when `embed` is 'auto'. */
export const EMBED_LIMIT_BYTES = 4 * 1024 * 1024;

/** Whether a node's data go into the project file. */
export function shouldEmbed(p: Pick<DataFileParams, 'embed' | 'files'>, limit = EMBED_LIMIT_BYTES): boolean {
  if (p.embed === 'never') return false;
  if (p.embed === 'always') return true;
  return p.files.reduce((n, f) => n + f.size, 0) <= limit;
}

/** The files a format needs, in order; the optional ones after a '?'. */
export const FORMAT_ROLES = {
  csv: { required: ['data'], optional: [] },
  idx: { required: ['images', 'labels'], optional: ['testImages', 'testLabels'] },
  images: { required: ['folder'], optional: [] },
} as const;

/** Sample shape and target description, from the import's `info`. */
export function describeDataFile(p: DataFileParams): { featureShape: number[]; target: TargetInfo } {
  if (!p.info || p.files.length === 0) {
    throw new NodeInferenceError(msg('problem.data.none'), 'no-data');
  }
  const roles = FORMAT_ROLES[p.format];
  for (const role of roles.required) {
    if (!p.files.some((f) => f.role === role)) {
      const name = msg(`problem.fileRole.${role}` as MessageKey);
      throw new NodeInferenceError(msg('problem.data.missingFile', { format: p.format.toUpperCase(), role: name }), 'param');
    }
  }
  if (p.format === 'csv' && !p.csv) throw new NodeInferenceError(msg('problem.data.noSchema'), 'param');
  const { info } = p;
  const target: TargetInfo = info.task === 'classification'
    ? { task: 'classification', classes: info.classes, shape: [null] }
    : { task: 'regression', shape: [null, info.classes] };
  return { featureShape: [...info.featureShape], target };
}

export const DataFileNode = defineNode({
  id: 'DataFile',
  category: 'Data',
  params: DataFileParams,
  ui: {
    files: { hidden: true },
    csv: { hidden: true },
    info: { hidden: true },
    format: { hidden: true },
    // The node's own editor sets these: changing them reads the image folder again.
    width: { hidden: true },
    height: { hidden: true },
    channels: { hidden: true },
  },
  inputs: [],
  outputs: [
    { id: 'x', type: 'tensor' },
    { id: 'y', type: 'target' },
  ],
  infer: ({ params }) => {
    const d = describeDataFile(params);
    return { x: { type: 'tensor', shape: [null, ...d.featureShape] }, y: { type: 'target', target: d.target } };
  },
  summary: (p) => (p.files.length ? p.files.map((f) => f.name).join(', ') : '—'),
});
