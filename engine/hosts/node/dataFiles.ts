/**
 * The Node host's data files: resolves a "From file" node's references to bytes — data embedded
 * in the project first, then the recorded path (absolute, or relative to the project's folder),
 * then a file of the same name beside the project. A file on disk is used only when its size
 * and SHA-256 match the reference, so a changed or different file is reported, never trained on.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DataFileMissingError, hashSource, packFolder, sha256Hex, type FileRef } from '../../data/fileRef';
import { bytesSource, type ByteSource } from '../../data/files/source';
import { listImageFolder, type ImageEntry } from '../../data/files/images';
import { msg } from '../../i18n';

export interface NodeFileOptions {
  /** The project file's path: relative references resolve against its folder. */
  readonly projectFile?: string;
  /** Data embedded in the project, by SHA-256. */
  readonly embedded?: ReadonlyMap<string, Uint8Array>;
}

/** Every file under `root`, as '/'-separated paths relative to it, with their bytes. */
export async function readFolder(root: string): Promise<ImageEntry[]> {
  const out: ImageEntry[] = [];
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push({ path: relative(root, full).split(sep).join('/'), bytes: await readFile(full) });
    }
  };
  await walk(root);
  return out;
}

function fileSource(path: string): ByteSource {
  return createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>;
}

async function candidate(path: string, ref: FileRef): Promise<ByteSource | 'mismatch' | null> {
  const info = await stat(path).catch(() => null);
  if (!info) return null;
  if (ref.role === 'folder') {
    if (!info.isDirectory()) return null;
    // Packed as the import packed it: only the files it would use.
    const entries = await readFolder(path);
    const usable = new Set(listImageFolder(entries.map((e) => e.path)).files);
    const packed = packFolder(entries.filter((e) => usable.has(e.path)));
    return sha256Hex(packed) === ref.sha256 ? bytesSource(packed) : 'mismatch';
  }
  if (!info.isFile()) return null;
  if (info.size !== ref.size) return 'mismatch';
  const { sha256 } = await hashSource(fileSource(path));
  return sha256 === ref.sha256 ? fileSource(path) : 'mismatch';
}

/** The `files` source for DatasetSources in Node. */
export function nodeFileResolver(options: NodeFileOptions): (ref: FileRef) => Promise<ByteSource> {
  const base = options.projectFile ? dirname(resolve(options.projectFile)) : process.cwd();
  return async (ref) => {
    const embedded = options.embedded?.get(ref.sha256);
    if (embedded) return bytesSource(embedded);
    const tried: string[] = [];
    const paths = [...new Set([
      ...(ref.path ? [isAbsolute(ref.path) ? ref.path : resolve(base, ref.path)] : []),
      resolve(base, ref.name),
    ])];
    let changed: string | null = null;
    for (const path of paths) {
      tried.push(path);
      const found = await candidate(path, ref);
      if (found === 'mismatch') changed ??= path;
      else if (found) return found;
    }
    if (changed) {
      throw new DataFileMissingError(msg('cli.dataFile.changed', { name: ref.name, path: changed }), ref);
    }
    throw new DataFileMissingError(msg('cli.dataFile.missing', { name: ref.name, paths: tried.join(', ') }), ref);
  };
}
