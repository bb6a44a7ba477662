import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileError, fileErrorText, isInside, readFileChecked, realFs, withExtension, writeFileAtomic, writeFilesAtomic, type FileSystem } from './files';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-files-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);
const text = async (file: string) => new TextDecoder().decode(await fs.readFile(file));

/** The real file system, except that writes stop with ENOSPC after `room` bytes. */
function diskFullAfter(room: number): FileSystem {
  return {
    ...realFs,
    async open(p, flags, mode) {
      const handle = await realFs.open(p, flags, mode);
      let written = 0;
      return {
        async write(buffer, offset, length, position) {
          const n = Math.min(length, room - written);
          if (n <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
          written += n;
          return handle.write(buffer, offset, n, position);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    },
  };
}

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one whole', async () => {
    const file = path.join(dir, 'net.dwire');
    await writeFileAtomic(file, bytes('first'));
    expect(await text(file)).toBe('first');
    await writeFileAtomic(file, bytes('second, longer'));
    expect(await text(file)).toBe('second, longer');
    expect(await fs.readdir(dir)).toEqual(['net.dwire']);
  });

  it('keeps the old file intact when the disk fills up half-way, removes the temporary file, and says so', async () => {
    const file = path.join(dir, 'My Net.dwire');
    await writeFileAtomic(file, bytes('the old project'));
    const big = new Uint8Array(64 * 1024).fill(7);
    const err = await writeFileAtomic(file, big, diskFullAfter(1000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect((err as FileError).code).toBe('ENOSPC');
    expect((err as Error).message).toBe(`Could not save ${file}: the disk is full. The file on disk is unchanged.`);
    expect(await text(file)).toBe('the old project');
    expect(await fs.readdir(dir)).toEqual(['My Net.dwire']);
  });

  it('fails with the path when the folder does not exist, leaving nothing behind', async () => {
    const file = path.join(dir, 'missing', 'x.dwire');
    await expect(writeFileAtomic(file, bytes('x'))).rejects.toThrow(`Could not save ${file}: the file or its folder does not exist`);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses to replace a folder', async () => {
    const file = path.join(dir, 'folder.dwire');
    await fs.mkdir(file);
    await expect(writeFileAtomic(file, bytes('x'))).rejects.toThrow(/it is a folder, not a file/);
  });

  it.skipIf(process.platform === 'win32')('keeps the permissions of the file it replaces', async () => {
    const file = path.join(dir, 'p.dwire');
    await fs.writeFile(file, 'a');
    await fs.chmod(file, 0o600);
    await writeFileAtomic(file, bytes('b'));
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('writeFilesAtomic', () => {
  it('writes every file, replacing old ones whole', async () => {
    await fs.writeFile(path.join(dir, 'data.safetensors'), 'old data');
    await writeFilesAtomic([
      { path: path.join(dir, 'model.py'), bytes: bytes('class Model: ...') },
      { path: path.join(dir, 'data.safetensors'), bytes: bytes('new data') },
    ]);
    expect(await text(path.join(dir, 'model.py'))).toBe('class Model: ...');
    expect(await text(path.join(dir, 'data.safetensors'))).toBe('new data');
    expect((await fs.readdir(dir)).sort()).toEqual(['data.safetensors', 'model.py']);
  });

  it('changes nothing when the disk fills up on a later file: earlier files are not renamed in, temporaries go', async () => {
    await fs.writeFile(path.join(dir, 'model.py'), 'old model');
    const err = await writeFilesAtomic([
      { path: path.join(dir, 'model.py'), bytes: bytes('new model') },
      { path: path.join(dir, 'data.safetensors'), bytes: new Uint8Array(64 * 1024) },
    ], diskFullAfter(100)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileError);
    expect((err as FileError).path).toBe(path.join(dir, 'data.safetensors'));
    expect(await text(path.join(dir, 'model.py'))).toBe('old model');
    expect(await fs.readdir(dir)).toEqual(['model.py']);
  });

  it('refuses a target that is a folder before writing anything', async () => {
    await fs.mkdir(path.join(dir, 'weights.safetensors'));
    await expect(writeFilesAtomic([
      { path: path.join(dir, 'model.onnx'), bytes: bytes('x') },
      { path: path.join(dir, 'weights.safetensors'), bytes: bytes('w') },
    ])).rejects.toThrow(/it is a folder, not a file/);
    expect(await fs.readdir(dir)).toEqual(['weights.safetensors']);
  });
});

describe('readFileChecked', () => {
  it('reads the bytes as a plain Uint8Array', async () => {
    const file = path.join(dir, 'a.dwire');
    await fs.writeFile(file, 'abc');
    const got = await readFileChecked(file);
    expect(got.constructor).toBe(Uint8Array);
    expect([...got]).toEqual([97, 98, 99]);
  });

  it('names the path and the reason when it cannot', async () => {
    const file = path.join(dir, 'gone.dwire');
    await expect(readFileChecked(file)).rejects.toThrow(`Could not open ${file}: the file or its folder does not exist.`);
    await expect(readFileChecked(dir)).rejects.toThrow(/it is a folder, not a file/);
  });
});

describe('helpers', () => {
  it('words errors in Korean too', () => {
    const err = new FileError('save', '/x/y.dwire', 'ENOSPC', 'ENOSPC: no space');
    expect(fileErrorText(err, 'ko')).toBe('/x/y.dwire에 저장할 수 없습니다: 디스크가 가득 찼습니다. 디스크의 파일은 바뀌지 않았습니다.');
    expect(fileErrorText({ operation: 'open', path: '/a', code: 'EWEIRD', detail: 'something odd' }, 'en')).toBe('Could not open /a: something odd.');
  });

  it('adds an extension only when missing', () => {
    expect(withExtension('/a/net', 'dwire')).toBe('/a/net.dwire');
    expect(withExtension('/a/net.DWIRE', 'dwire')).toBe('/a/net.DWIRE');
  });

  it('tells inside from outside', () => {
    expect(isInside('/app/assets/x.dwire', '/app')).toBe(true);
    expect(isInside('/app', '/app')).toBe(true);
    expect(isInside('/application/x', '/app')).toBe(false);
    expect(isInside('/app/../etc/passwd', '/app')).toBe(false);
    expect(isInside('/app/..x/y', '/app')).toBe(true);
  });
});
