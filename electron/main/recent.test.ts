import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecentFiles } from './recent';

let dir: string;
let listFile: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-recent-'));
  listFile = path.join(dir, 'userData', 'recent.json');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Creates project files and returns their paths. */
async function projects(...names: string[]): Promise<string[]> {
  return Promise.all(
    names.map(async (n) => {
      const p = path.join(dir, `${n}.dwire`);
      await fs.writeFile(p, n);
      return p;
    }),
  );
}

describe('RecentFiles', () => {
  it('lists newest first, each file once, and keeps the list across starts', async () => {
    const [a, b, c] = await projects('a', 'b', 'c');
    const recent = new RecentFiles({ file: listFile, caseInsensitive: false });
    await recent.add(a);
    await recent.add(b);
    await recent.add(c);
    await recent.add(a);
    expect(await recent.list()).toEqual([a, c, b]);
    const again = new RecentFiles({ file: listFile, caseInsensitive: false });
    expect(await again.list()).toEqual([a, c, b]);
  });

  it('keeps at most max entries', async () => {
    const files = await projects(...Array.from({ length: 12 }, (_, i) => `p${i}`));
    const recent = new RecentFiles({ file: listFile, max: 10 });
    for (const f of files) await recent.add(f);
    const list = await recent.list();
    expect(list).toHaveLength(10);
    expect(list[0]).toBe(files[11]);
    expect(list).not.toContain(files[0]);
    expect(list).not.toContain(files[1]);
  });

  it('drops files that disappeared, for good', async () => {
    const [a, b] = await projects('a', 'b');
    const changes: (readonly string[])[] = [];
    const recent = new RecentFiles({ file: listFile, onChange: (f) => changes.push(f) });
    await recent.add(a);
    await recent.add(b);
    await fs.rm(a);
    expect(await recent.list()).toEqual([b]);
    expect(changes.at(-1)).toEqual([b]);
    expect(JSON.parse(await fs.readFile(listFile, 'utf8'))).toEqual({ version: 1, files: [b] });
  });

  it('treats paths that differ only in case as one on case-insensitive systems', async () => {
    const [a] = await projects('Net');
    const recent = new RecentFiles({ file: listFile, caseInsensitive: true, exists: async () => true });
    await recent.add(a);
    await recent.add(a.toUpperCase());
    expect(await recent.list()).toEqual([a.toUpperCase()]);
  });

  it('starts empty from a damaged list, and removes and clears', async () => {
    await fs.mkdir(path.dirname(listFile), { recursive: true });
    await fs.writeFile(listFile, '{ not json');
    const errors: unknown[] = [];
    const recent = new RecentFiles({ file: listFile, onError: (e) => errors.push(e) });
    expect(await recent.list()).toEqual([]);
    expect(errors).toHaveLength(1);
    const [a, b] = await projects('a', 'b');
    await recent.add(a);
    await recent.add(b);
    await recent.remove(a);
    expect(await recent.list()).toEqual([b]);
    await recent.clear();
    expect(await recent.list()).toEqual([]);
    expect(recent.cached()).toEqual([]);
  });

  it('ignores entries that are not absolute paths or repeat', async () => {
    await fs.mkdir(path.dirname(listFile), { recursive: true });
    const [a] = await projects('a');
    await fs.writeFile(listFile, JSON.stringify({ version: 1, files: ['relative.dwire', a, a] }));
    expect(await new RecentFiles({ file: listFile, caseInsensitive: false }).list()).toEqual([a]);
  });
});
