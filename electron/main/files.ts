/**
 * Reading and writing files for the main process: atomic writes (a temporary file in the same
 * folder, written, fsync'ed, then renamed over the target, so a crash or a full disk never leaves
 * a half-written project), bounded reads, and errors that name the path and say what went wrong.
 *
 * The file system is injected (`FileSystem`, a subset of `node:fs/promises`), so tests can make a
 * write fail half-way (disk full) and check that the old file is untouched.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { i18n } from '../../engine';

type Locale = i18n.Locale;

/** The parts of `node:fs/promises` these helpers use. */
export interface FileSystem {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options?: { force?: boolean }): Promise<void>;
  stat(path: string): Promise<{ size: number; mode: number; isFile(): boolean; isDirectory(): boolean }>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface FileHandleLike {
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The real file system. */
export const realFs: FileSystem = {
  open: (p, flags, mode) => nodeFs.open(p, flags, mode),
  readFile: (p) => nodeFs.readFile(p),
  rename: (from, to) => nodeFs.rename(from, to),
  rm: (p, options) => nodeFs.rm(p, options),
  stat: (p) => nodeFs.stat(p),
  mkdir: (p, options) => nodeFs.mkdir(p, options),
};

/** The largest file DeepWire reads (the same cap the IPC schemas put on bytes). */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export type FileOperation = 'open' | 'save';

/**
 * A read or write that failed. `code` is Node's error code (`ENOSPC`, `EACCES`, …) or `TOO_LARGE`
 * / `NOT_A_FILE`; the message (English, for logs) names the path, says why, and for a save that
 * the old file is unchanged. `fileErrorText` gives the same in the user's language.
 */
export class FileError extends Error {
  constructor(
    readonly operation: FileOperation,
    readonly path: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(fileErrorText({ operation, path, code, detail }, 'en'));
    this.name = 'FileError';
  }
}

/** Catalogue keys (desktop.error.reason.*) for the error codes a user can meet. */
const REASON_KEYS: Readonly<Record<string, string>> = {
  ENOSPC: 'diskFull',
  EDQUOT: 'diskFull',
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'readOnly',
  ENOENT: 'notFound',
  ENOTDIR: 'notFound',
  EISDIR: 'isFolder',
  EBUSY: 'busy',
  ENAMETOOLONG: 'nameTooLong',
  TOO_LARGE: 'tooLarge',
  NOT_A_FILE: 'notFile',
};

/** What went wrong, in plain words of `locale`; codes without words keep the system's text. */
export function fileErrorReason(code: string, detail: string, locale: Locale): string {
  const key = REASON_KEYS[code];
  return key ? i18n.translate(locale, `desktop.error.reason.${key}`) : detail || code;
}

/** The message of a failed open or save in `locale`: the path, the reason, and for a save that the old file is intact. */
export function fileErrorText(err: Pick<FileError, 'operation' | 'path' | 'code' | 'detail'>, locale: Locale): string {
  const reason = fileErrorReason(err.code, err.detail, locale);
  return i18n.translate(locale, err.operation === 'save' ? 'desktop.error.save' : 'desktop.error.open', { path: err.path, reason });
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The temporary file's name: hidden, next to the target (a rename is atomic only within one file system). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** A new file's permissions, or an existing one's (kept); throws a FileError when `target` is not a file. */
async function modeFor(target: string, fs: FileSystem): Promise<number> {
  try {
    const st = await fs.stat(target);
    if (!st.isFile()) throw new FileError('save', target, st.isDirectory() ? 'EISDIR' : 'NOT_A_FILE', '');
    return st.mode & 0o777;
  } catch (err) {
    if (err instanceof FileError) throw err;
    if (errorCode(err) !== 'ENOENT') throw new FileError('save', target, errorCode(err), errorText(err));
    return 0o666;
  }
}

/**
 * Writes `bytes` to a new temporary file beside `target`, synced to disk; its path. On failure
 * nothing is left behind and a `FileError` naming `target` is thrown.
 */
async function stage(target: string, bytes: Uint8Array, fs: FileSystem): Promise<string> {
  const mode = await modeFor(target, fs);
  const temp = tempPathFor(target);
  let handle: FileHandleLike | null = null;
  try {
    handle = await fs.open(temp, 'wx', mode);
    let offset = 0;
    while (offset < bytes.byteLength) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset, offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'EIO' });
      offset += bytesWritten;
    }
    // Data on the platter before the rename makes it visible: otherwise a power cut can leave
    // the renamed file empty on some file systems.
    await handle.sync();
    await handle.close();
    handle = null;
    return temp;
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err instanceof FileError ? err : new FileError('save', target, errorCode(err), errorText(err));
  }
}

/** Renames a staged file over its target; on failure removes it and throws a `FileError` naming `target`. */
async function commit(temp: string, target: string, fs: FileSystem): Promise<void> {
  try {
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new FileError('save', target, errorCode(err), errorText(err));
  }
}

/**
 * Writes `bytes` to `target` atomically: the target is either the old file or the whole new one,
 * never a mix, even if the disk fills up or the machine loses power half-way. Keeps an existing
 * file's permissions. On failure the temporary file is removed and a `FileError` naming `target`
 * is thrown.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, fs: FileSystem = realFs): Promise<void> {
  const temp = await stage(target, bytes, fs);
  await commit(temp, target, fs);
  await syncFolder(path.dirname(target), fs);
}

/**
 * Writes several files atomically as a set, as far as a file system allows: every file is first
 * written in full to a temporary file beside its target, and only when all of them are on disk
 * are they renamed over their targets. A full disk or a refused folder while writing leaves
 * every target as it was (the files written so far are removed); only a rename failing after
 * others succeeded — rare, renames within a folder do not need space — can leave a mix.
 */
export async function writeFilesAtomic(files: readonly { readonly path: string; readonly bytes: Uint8Array }[], fs: FileSystem = realFs): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const f of files) staged.push({ temp: await stage(f.path, f.bytes, fs), target: f.path });
  } catch (err) {
    await Promise.all(staged.map((s) => fs.rm(s.temp, { force: true }).catch(() => undefined)));
    throw err;
  }
  for (let i = 0; i < staged.length; i++) {
    try {
      await commit(staged[i].temp, staged[i].target, fs);
    } catch (err) {
      await Promise.all(staged.slice(i + 1).map((s) => fs.rm(s.temp, { force: true }).catch(() => undefined)));
      throw err;
    }
  }
  for (const folder of new Set(files.map((f) => path.dirname(f.path)))) await syncFolder(folder, fs);
}

/**
 * Makes the rename itself durable (POSIX: fsync the folder). Best effort: Windows cannot open a
 * folder for syncing, and the file is already complete either way.
 */
async function syncFolder(folder: string, fs: FileSystem): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const dir = await fs.open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Some file systems (network shares) refuse a folder fsync; the data itself is synced.
  }
}

/** Reads a whole file (at most 1 GiB); a `FileError` naming the path when it cannot. */
export async function readFileChecked(file: string, fs: FileSystem = realFs): Promise<Uint8Array> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) throw new FileError('open', file, st.isDirectory() ? 'EISDIR' : 'NOT_A_FILE', '');
    if (st.size > MAX_FILE_BYTES) throw new FileError('open', file, 'TOO_LARGE', '');
    const bytes = await fs.readFile(file);
    // A plain Uint8Array (not a Buffer, which may view a slice of Node's shared pool) crosses IPC
    // as exactly these bytes; copy only when the Buffer does not own its whole memory.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return whole ? new Uint8Array(bytes.buffer, 0, bytes.byteLength) : new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch (err) {
    throw err instanceof FileError ? err : new FileError('open', file, errorCode(err), errorText(err));
  }
}

/** Whether a regular file exists at `file`. */
export async function fileExists(file: string, fs: FileSystem = realFs): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Reads a JSON file; null when it does not exist. Other failures (and bad JSON) throw. */
export async function readJson(file: string, fs: FileSystem = realFs): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw new FileError('open', file, errorCode(err), errorText(err));
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Writes a JSON file atomically, creating its folder. */
export async function writeJson(file: string, value: unknown, fs: FileSystem = realFs): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`), fs);
}

/** Adds `.ext` unless the name already ends with it (Linux save dialogs do not add it). */
export function withExtension(file: string, ext: string): string {
  return file.toLowerCase().endsWith(`.${ext.toLowerCase()}`) ? file : `${file}.${ext}`;
}

/** Whether `file` lies inside `folder` (or is it), after resolving both. */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(file));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
