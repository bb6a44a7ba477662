/**
 * References to the user's own data files, as a project stores them: the file's name, where it
 * was (a path, when the host knows one), its size and its SHA-256. The hash identifies the data
 * wherever the project travels: data embedded in the project file is stored under its hash,
 * and a file found on disk is used only when its size and hash still match.
 *
 * An image folder is one reference too: its files are packed, sorted by path, into one stored
 * (uncompressed) ZIP archive with fixed dates, so the same folder always gives the same bytes
 * and the same hash, and it embeds as one entry.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { listZipEntries, readZipEntry, writeZip } from '../project/zip';
import { msg, type Message } from '../i18n/message';
import { DatasetError } from './Dataset';
import { quote, reasonOf, type ByteSource } from './files/source';
import type { ImageEntry } from './files/images';

/** Which file of a data node a reference is. */
export const FILE_ROLES = ['data', 'images', 'labels', 'testImages', 'testLabels', 'folder'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits');

export const FileRefSchema = z.object({
  role: z.enum(FILE_ROLES),
  /** The file's (or folder's) name as the user saw it: 'iris.csv', 'train-images-idx3-ubyte'. */
  name: z.string().min(1).max(260),
  /** Where it was on the computer that imported it; '' when the host gives no paths (a browser). */
  path: z.string().max(4096).default(''),
  /** Bytes (for a folder: of its packed archive). */
  size: z.number().int().min(0),
  sha256: Sha256Schema,
  /** A folder's file count. */
  files: z.number().int().min(0).optional(),
});
export type FileRef = z.output<typeof FileRefSchema>;

/** Data that are missing or are not what the project recorded; the message says which file and what to do. */
export class DataFileMissingError extends DatasetError {
  constructor(message: string | Message, readonly ref: FileRef) {
    super(message);
  }
}

/** SHA-256 of bytes, as lowercase hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** Size and SHA-256 of a stream, read once, chunk by chunk. */
export async function hashSource(source: ByteSource): Promise<{ size: number; sha256: string }> {
  const h = sha256.create();
  let size = 0;
  for await (const chunk of source) {
    h.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: bytesToHex(h.digest()) };
}

/** Folders larger than this many files are refused (a wrong root chosen, e.g. a home folder). */
export const MAX_FOLDER_FILES = 200_000;

/**
 * Packs an image folder into one canonical archive: entries sorted by path (code-point order),
 * stored, fixed dates. Paths are '/'-separated and relative to the folder.
 */
export function packFolder(entries: readonly ImageEntry[]): Uint8Array {
  if (entries.length > MAX_FOLDER_FILES) {
    throw new DatasetError(msg('dataError.folder.tooManyFiles', { count: entries.length, max: MAX_FOLDER_FILES }));
  }
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].path === sorted[i - 1].path) throw new DatasetError(msg('dataError.folder.listedTwice', { path: quote(sorted[i].path) }));
  }
  return writeZip(sorted.map((e) => ({ name: e.path, data: e.bytes, compress: false })));
}

/** The entries of a packed folder, in their stored order. */
export function unpackFolder(bytes: Uint8Array, name: string): ImageEntry[] {
  try {
    return listZipEntries(bytes, MAX_FOLDER_FILES)
      .filter((e) => !e.name.endsWith('/'))
      .map((e) => ({ path: e.name, bytes: readZipEntry(bytes, e) }));
  } catch (e) {
    throw new DatasetError(msg('dataError.folder.damaged', { name: quote(name), reason: reasonOf(e) }));
  }
}
