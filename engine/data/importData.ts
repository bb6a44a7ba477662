/**
 * Importing the user's own data: reads the chosen files once and returns the "From file" node's
 * parameters (file references with size and SHA-256, the CSV's column schema, the sample shape
 * and classes) and what the editor previews (the CSV's first rows and bad rows, an image
 * folder's sample grid). Runs in the engine host, off the editor's UI thread.
 */
import { DataFileParams, type DataInfo } from '../graph/nodes/dataFile';
import { msg } from '../i18n/message';
import { DatasetError } from './Dataset';
import { hashSource, packFolder, sha256Hex, type FileRef } from './fileRef';
import { scanCsv, type CsvOptions, type CsvProblem } from './files/csv';
import { describeIdx, type IdxFiles } from './files/idx';
import { decodeImage as defaultDecoder, imageFolderDataset, listImageFolder, type ImageDecoder, type ImageEntry } from './files/images';
import { bytesSource, type ByteSource, type OnBytes } from './files/source';

/** A file the user chose: its name, path ('' if unknown), size and a way to read it (twice: hash, parse). */
export interface ChosenFile {
  readonly name: string;
  readonly path?: string;
  readonly size: number;
  readonly open: () => ByteSource;
}

export type ImportRequest =
  | { readonly format: 'csv'; readonly file: ChosenFile; readonly options?: CsvOptions }
  | { readonly format: 'idx'; readonly files: Partial<Record<keyof IdxFiles, ChosenFile>> }
  | {
      readonly format: 'images';
      readonly name: string;
      readonly path?: string;
      readonly entries: readonly ImageEntry[];
      readonly width: number;
      readonly height: number;
      readonly channels: 1 | 3;
    };

export interface ImportPreview {
  /** CSV: column names and the first rows as text. */
  readonly header?: readonly string[];
  readonly rows?: readonly (readonly string[])[];
  /** CSV: bad rows found (line, column, reason). */
  readonly problems?: readonly CsvProblem[];
  /** Images: up to `perClass` samples of each class, decoded and resized: [n, h, w, c] values in [0, 1]. */
  readonly samples?: { readonly pixels: Float32Array; readonly labels: Uint16Array; readonly shape: readonly number[] };
  /** Image folders: files that were skipped (not images, at the root, hidden). */
  readonly skipped?: readonly string[];
}

export interface ImportResult {
  /** The node's parameters for this data (merge into the node; `normalize`/`embed` keep theirs). */
  readonly params: Pick<DataFileParams, 'format' | 'files' | 'csv' | 'info'> & Partial<Pick<DataFileParams, 'width' | 'height' | 'channels'>>;
  readonly preview: ImportPreview;
  /** The bytes to embed in the project, by SHA-256 (an image folder's packed archive; the files otherwise). */
  readonly blobs: ReadonlyMap<string, Uint8Array | ChosenFile>;
}

async function reference(file: ChosenFile, role: FileRef['role'], onBytes?: OnBytes): Promise<FileRef> {
  let seen = 0;
  const counted = async function* () {
    for await (const chunk of file.open()) {
      seen += chunk.length;
      onBytes?.(seen);
      yield chunk;
    }
  };
  const { size, sha256 } = await hashSource(counted());
  return { role, name: file.name, path: file.path ?? '', size, sha256 };
}

/** Samples per class in an image folder's preview grid. */
export const PREVIEW_PER_CLASS = 8;

export async function importData(request: ImportRequest, options: { onBytes?: OnBytes; decode?: ImageDecoder } = {}): Promise<ImportResult> {
  switch (request.format) {
    case 'csv': {
      const ref = await reference(request.file, 'data');
      const scan = await scanCsv(request.file.open(), request.file.name, { ...request.options, onBytes: options.onBytes });
      const s = scan.schema;
      const info: DataInfo = {
        featureShape: [s.featureSize],
        task: s.task,
        classes: s.task === 'classification' ? s.classes.length : s.targetSize,
        classNames: s.task === 'classification' ? s.classes : undefined,
        samples: s.usableRows,
        testSamples: 0,
      };
      return {
        params: { format: 'csv', files: [ref], csv: s, info },
        preview: { header: s.columns.map((c) => c.name), rows: scan.preview, problems: scan.problems },
        blobs: new Map([[ref.sha256, request.file]]),
      };
    }
    case 'idx': {
      const roles = ['images', 'labels', 'testImages', 'testLabels'] as const;
      const bytes: Partial<IdxFiles> = {};
      const names: Partial<Record<keyof IdxFiles, string>> = {};
      const files: FileRef[] = [];
      const blobs = new Map<string, Uint8Array>();
      for (const role of roles) {
        const chosen = request.files[role];
        if (!chosen) continue;
        const chunks: Uint8Array[] = [];
        for await (const c of chosen.open()) chunks.push(c);
        const all = concat(chunks);
        bytes[role] = all;
        names[role] = chosen.name;
        const sha256 = sha256Hex(all);
        files.push({ role, name: chosen.name, path: chosen.path ?? '', size: all.length, sha256 });
        blobs.set(sha256, all);
      }
      if (!bytes.images || !bytes.labels) throw new DatasetError(msg('dataError.idx.needPair'));
      if (Boolean(bytes.testImages) !== Boolean(bytes.testLabels)) throw new DatasetError(msg('dataError.idx.needTestPair'));
      const d = describeIdx(bytes as IdxFiles, names);
      const info: DataInfo = { featureShape: d.featureShape, task: 'classification', classes: d.classes, samples: d.samples + d.testSamples, testSamples: d.testSamples };
      return { params: { format: 'idx', files, info }, preview: {}, blobs };
    }
    case 'images': {
      const listing = listImageFolder(request.entries.map((e) => e.path));
      const usable = new Set(listing.files);
      const entries = request.entries.filter((e) => usable.has(e.path));
      const packed = packFolder(entries);
      const sha256 = sha256Hex(packed);
      const ref: FileRef = { role: 'folder', name: request.name, path: request.path ?? '', size: packed.length, sha256, files: entries.length };
      const { width, height, channels } = request;
      // A few samples per class, decoded now: bad images show at import, not mid-training.
      const byClass = new Map<string, ImageEntry[]>();
      for (const e of entries) {
        const c = e.path.split('/')[0];
        const list = byClass.get(c) ?? [];
        if (list.length < PREVIEW_PER_CLASS) list.push(e);
        byClass.set(c, list);
      }
      const sample = await imageFolderDataset([...byClass.values()].flat(), request.name, { width, height, channels }, options.decode ?? defaultDecoder);
      const info: DataInfo = {
        featureShape: [height, width, channels],
        task: 'classification',
        classes: listing.classes.length,
        classNames: listing.classes,
        samples: entries.length,
        testSamples: 0,
      };
      const labels = sample.task === 'classification'
        ? Uint16Array.from(sample.y, (c) => listing.classes.indexOf(sample.classNames![c]))
        : new Uint16Array(0);
      return {
        params: { format: 'images', files: [ref], info, width, height, channels },
        preview: { samples: { pixels: sample.x, labels, shape: [sample.samples, height, width, channels] }, skipped: listing.skipped },
        blobs: new Map([[sha256, packed]]),
      };
    }
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A ChosenFile over bytes in memory (tests, embedded data, the CLI). */
export function memoryFile(name: string, bytes: Uint8Array, path = ''): ChosenFile {
  return { name, path, size: bytes.length, open: () => bytesSource(bytes) };
}
