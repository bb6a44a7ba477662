/**
 * Project files on disk, for Node and Electron's main process. Saving is atomic: the bytes go
 * to a temporary file next to the target, are flushed to disk, and only then renamed over
 * it, so a crash or a full disk mid-save leaves the old file as it was. Reading checks the
 * size before reading, so a huge file is refused without being loaded into memory.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ProjectFileError } from '../../project/errors';
import { DEFAULT_LOAD_LIMITS, loadProject, type LoadOptions, type LoadResult } from '../../project/container';

/** The file-system calls these functions make; tests pass a version that fails on purpose. */
export interface FileSystem {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
  stat: typeof nodeFs.stat;
}

const defaultFs: FileSystem = { open: nodeFs.open, rename: nodeFs.rename, unlink: nodeFs.unlink, stat: nodeFs.stat };

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same directory (a rename is
 * only atomic within one file system), written in full, fsynced, then renamed over `path`.
 * On failure the temporary file is removed, `path` is untouched, and a ProjectFileError with
 * reason `unwritable` says why (the file-system error is its `cause`). An existing file's
 * permissions are kept.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, fs: FileSystem = defaultFs): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await fs.stat(path).then(
    (stats) => stats.mode & 0o777,
    () => 0o666,
  );
  let handle: nodeFs.FileHandle | undefined;
  try {
    // 'wx': never follow or overwrite something already at the temporary name.
    handle = await fs.open(temp, 'wx', mode);
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // The temp file may not exist (open failed); any other unlink failure is secondary to `error`.
    await fs.unlink(temp).catch(() => undefined);
    throw new ProjectFileError(
      'unwritable',
      `Could not save ${path}: ${describeFsError(error)}. The file on disk is unchanged; free some space or choose another folder, then save again.`,
      { cause: error },
    );
  }
  await syncDirectory(dirname(path), fs);
}

/**
 * Makes the rename itself durable (POSIX). Windows cannot open a directory, and the data is
 * safe either way, so failure here is ignored.
 */
async function syncDirectory(directory: string, fs: FileSystem): Promise<void> {
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on this platform; the file content is already on disk.
  }
}

/**
 * Reads a project file's bytes, refusing (with reason `too-large`) a file over `maxBytes`
 * before reading it. File-system errors are rethrown as `unreadable` ProjectFileErrors that
 * name the file.
 */
export async function readProjectFile(
  path: string,
  maxBytes: number = DEFAULT_LOAD_LIMITS.maxFileBytes,
  fs: FileSystem = defaultFs,
): Promise<Uint8Array> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(path, 'r');
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new ProjectFileError('unreadable', `${path} is not a file (it is a folder or a device); choose a .dwire file.`);
    if (size > maxBytes) {
      throw new ProjectFileError(
        'too-large',
        `${path} is ${Math.round(size / 1e6)} MB, more than the ${Math.round(maxBytes / 1e6)} MB DeepWire opens; a project file is far smaller, so this is probably not one.`,
      );
    }
    // Read at most maxBytes + 1, so a file that grows while it is read is still caught.
    const buffer = new Uint8Array(Math.min(size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > maxBytes) throw new ProjectFileError('too-large', `${path} grew past ${Math.round(maxBytes / 1e6)} MB while it was being read.`);
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof ProjectFileError) throw error;
    throw new ProjectFileError('unreadable', `Could not read ${path}: ${describeFsError(error)}.`, { cause: error });
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads and loads a project file. Never throws; see `loadProject`. */
export async function openProjectFile(path: string, options: LoadOptions = {}, fs: FileSystem = defaultFs): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readProjectFile(path, options.limits?.maxFileBytes ?? DEFAULT_LOAD_LIMITS.maxFileBytes, fs);
  } catch (error) {
    if (error instanceof ProjectFileError) return { ok: false, error };
    return { ok: false, error: new ProjectFileError('unreadable', `Could not read ${path}: ${describeFsError(error)}.`, { cause: error }) };
  }
  return loadProject(bytes, options);
}

/** Node's error codes in words a person can act on. */
function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file or folder (it may have been moved or deleted)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the file or its folder may be read-only, or another program may have the file open)';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open; close some programs and try again';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
