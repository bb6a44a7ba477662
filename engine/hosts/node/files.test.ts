import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveProject } from '../../project/container';
import { ProjectFileError } from '../../project/errors';
import type { Project } from '../../project/schema';
import { openProjectFile, readProjectFile, writeFileAtomic, type FileSystem } from './files';

const realFs: FileSystem = { open: nodeFs.open, rename: nodeFs.rename, unlink: nodeFs.unlink, stat: nodeFs.stat };
const enc = (s: string) => new TextEncoder().encode(s);
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** A file system whose temporary-file handle fails at `step` (write or sync), or whose rename fails. */
function failingAt(step: 'write' | 'sync' | 'rename'): FileSystem {
  return {
    ...realFs,
    open: (async (path: string, flags?: string, mode?: number) => {
      const handle = await nodeFs.open(path, flags, mode);
      if (flags === 'wx' && step !== 'rename') {
        Object.assign(handle, { [step]: async () => Promise.reject(fsError(step === 'write' ? 'ENOSPC' : 'EIO')) });
      }
      return handle;
    }) as FileSystem['open'],
    rename: step === 'rename' ? async () => Promise.reject(fsError('EPERM')) : realFs.rename,
  };
}

async function rejection(promise: Promise<unknown>): Promise<ProjectFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectFileError);
    return error as ProjectFileError;
  }
  throw new Error('expected a rejection');
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deepwire-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and leaves nothing else behind', async () => {
    const path = join(dir, 'a.dwire');
    await writeFileAtomic(path, enc('hello'));
    expect(await readFile(path, 'utf8')).toBe('hello');
    expect(await readdir(dir)).toEqual(['a.dwire']);
  });

  it('replaces an existing file, keeping its permissions', async () => {
    const path = join(dir, 'a.dwire');
    await writeFile(path, 'old');
    await chmod(path, 0o600);
    await writeFileAtomic(path, enc('new, and longer than before'));
    expect(await readFile(path, 'utf8')).toBe('new, and longer than before');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['a.dwire']);
  });

  it('fails with a readable error when the folder does not exist, creating nothing', async () => {
    const error = await rejection(writeFileAtomic(join(dir, 'missing', 'a.dwire'), enc('x')));
    expect(error.reason).toBe('unwritable');
    expect(error.message).toBe(
      `Could not save ${join(dir, 'missing', 'a.dwire')}: there is no such file or folder (it may have been moved or deleted). The file on disk is unchanged; free some space or choose another folder, then save again.`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it.each(['write', 'sync', 'rename'] as const)('leaves the old file intact and no temporary file when %s fails', async (step) => {
    const path = join(dir, 'a.dwire');
    await writeFile(path, 'the old project');
    const error = await rejection(writeFileAtomic(path, enc('half a new project'), failingAt(step)));
    expect(error.reason).toBe('unwritable');
    expect((error.cause as { code: string }).code).toBe({ write: 'ENOSPC', sync: 'EIO', rename: 'EPERM' }[step]);
    if (step === 'write') expect(error.message).toContain(': the disk is full.');
    expect(await readFile(path, 'utf8')).toBe('the old project');
    expect(await readdir(dir)).toEqual(['a.dwire']);
  });
});

describe('readProjectFile', () => {
  it('reads the whole file', async () => {
    const path = join(dir, 'a.dwire');
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    await writeFile(path, bytes);
    expect(await readProjectFile(path)).toEqual(bytes);
  });

  it('refuses a file over the cap without reading it', async () => {
    const path = join(dir, 'big.dwire');
    await writeFile(path, new Uint8Array(2000));
    let reads = 0;
    const counting: FileSystem = {
      ...realFs,
      open: (async (p: string, flags?: string) => {
        const handle = await nodeFs.open(p, flags);
        const read = handle.read.bind(handle);
        return Object.assign(handle, { read: (...args: Parameters<typeof read>) => (reads++, read(...args)) });
      }) as FileSystem['open'],
    };
    const error = await rejection(readProjectFile(path, 1000, counting));
    expect(error.reason).toBe('too-large');
    expect(reads).toBe(0);
  });

  it('says in words why a file cannot be read', async () => {
    const missing = await rejection(readProjectFile(join(dir, 'nope.dwire')));
    expect(missing.reason).toBe('unreadable');
    expect(missing.message).toBe(`Could not read ${join(dir, 'nope.dwire')}: there is no such file or folder (it may have been moved or deleted).`);
    expect((await rejection(readProjectFile(dir))).message).toMatch(/is not a file|it is a folder/);
  });
});

describe('openProjectFile', () => {
  const project: Project = { format: 'deepwire', version: 1, name: 'On disk', graph: { nodes: [], edges: [] }, runs: [] };

  it('opens what writeFileAtomic saved', async () => {
    const path = join(dir, 'p.dwire');
    await writeFileAtomic(path, saveProject(project));
    expect(await openProjectFile(path)).toEqual({ ok: true, project, warnings: [] });
  });

  it('returns file-system and format problems as results, never throwing', async () => {
    const missing = await openProjectFile(join(dir, 'nope.dwire'));
    expect(missing.ok === false && missing.error.reason).toBe('unreadable');
    const path = join(dir, 'notes.dwire');
    await writeFile(path, '{"format": "deepwire"}');
    const notZip = await openProjectFile(path);
    expect(notZip.ok === false && notZip.error.reason).toBe('not-zip');
  });
});
