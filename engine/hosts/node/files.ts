/**
 * Project files on disk, for Node and Electron's main process. Saving is atomic: the bytes go
 * to a temporary file next to the target, are flushed to disk, and only then renamed over
 * it, so a crash or a full disk mid-save leaves the old file as it was. Reading checks the
 * size before reading, so a huge file is refused without being loaded into memory.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { msg, type Message, type MessageVar } from '../../i18n';
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
    throw new ProjectFileError('unwritable', msg('cli.file.saveFailed', { path, reason: describeFsError(error) }), { cause: error });
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
    if (!isFile) throw new ProjectFileError('unreadable', msg('cli.file.notAFile', { path }));
    if (size > maxBytes) {
      throw new ProjectFileError('too-large', msg('cli.file.tooLarge', { path, size: Math.round(size / 1e6), limit: Math.round(maxBytes / 1e6) }));
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
    if (filled > maxBytes) throw new ProjectFileError('too-large', msg('cli.file.grew', { path, limit: Math.round(maxBytes / 1e6) }));
    return buffer.subarray(0, filled);
  } catch (error) {
    if (error instanceof ProjectFileError) throw error;
    throw new ProjectFileError('unreadable', readFailed(path, error), { cause: error });
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
    return { ok: false, error: new ProjectFileError('unreadable', readFailed(path, error), { cause: error }) };
  }
  return loadProject(bytes, options);
}

const readFailed = (path: string, error: unknown): Message => msg('cli.file.readFailed', { path, reason: describeFsError(error) });

/** Node's error codes in words a person can act on; another error's own text as it is. */
function describeFsError(error: unknown): MessageVar {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return msg('cli.fs.notFound');
    case 'EACCES':
    case 'EPERM':
      return msg('cli.fs.denied');
    case 'EISDIR':
      return msg('cli.fs.isFolder');
    case 'ENOSPC':
      return msg('cli.fs.diskFull');
    case 'EROFS':
      return msg('cli.fs.readOnly');
    case 'ENOTDIR':
      return msg('cli.fs.notFolder');
    case 'EMFILE':
    case 'ENFILE':
      return msg('cli.fs.tooManyOpen');
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
