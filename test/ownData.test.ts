/**
 * The user's own data end to end, headless: files on disk are imported (hash, scan), the
 * project refers to them (or embeds them), and the CLI trains on them and exports the model.
 * Errors name the file: missing, changed since import, a bad row.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../engine/data/files/idx';
import { importData, memoryFile, type ImportRequest } from '../engine/data/importData';
import { makeGraph } from '../engine/graph/makeGraph';
import { main } from '../engine/hosts/node/cli';
import { readFolder } from '../engine/hosts/node/dataFiles';
import { createProject, loadProject, saveProject } from '../engine/project';
import type { Graph } from '../engine/graph/schema';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-own-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} }); // English whatever the machine's LANG
  return { code, out, err, text: [...out, ...err].join('\n') };
}

/** Two Gaussian blobs, labelled with words, some fields quoted; CRLF line ends and a BOM. */
function blobsCsv(rows: number, seed = 7): string {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['\uFEFF"first x",second_x,kind'];
  for (let i = 0; i < rows; i++) {
    const c = i % 2;
    const x = (c ? 2 : -2) + (rand() - 0.5) * 1.5;
    const y = (c ? -1 : 1) + (rand() - 0.5) * 1.5;
    lines.push(`${x.toFixed(4)},${y.toFixed(4)},${c ? '"round, big"' : 'small'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

function classifier(dataParams: Record<string, unknown>, hidden = 8, epochs = 30): Graph {
  return makeGraph([
    ['data', 'DataFile', dataParams],
    ['h', 'Dense', { units: hidden }],
    ['act', 'ReLU'],
    ['out', 'Dense', { units: 2 }],
    ['sm', 'Softmax'],
    ['loss', 'CrossEntropy'],
    ['opt', 'Adam', { learningRate: 0.02 }],
    ['train', 'Training', { epochs, batchSize: 16, seed: 3 }],
  ], ['data.x -> h.x', 'h.y -> act.x', 'act.y -> out.x', 'out.y -> sm.x', 'sm.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> opt.loss']);
}

function lastAccuracy(out: string[]): number {
  const done = out.map((l) => JSON.parse(l) as { event: string; testAccuracy?: number }).find((e) => e.event === 'done');
  return done?.testAccuracy ?? Number.NaN;
}

describe('CSV data', () => {
  it('imports, trains from the file beside the project, and reports a missing or changed file by name', async () => {
    const text = blobsCsv(200);
    const bytes = new TextEncoder().encode(text);
    const csvPath = join(dir, 'blobs.csv');
    await writeFile(csvPath, bytes);
    const imported = await importData({ format: 'csv', file: memoryFile('blobs.csv', bytes, 'blobs.csv') } as ImportRequest);
    expect(imported.params.info).toMatchObject({ featureShape: [2], task: 'classification', classes: 2, samples: 200 });
    expect(imported.params.info?.classNames).toEqual(['round, big', 'small']);
    expect(imported.preview.header).toEqual(['first x', 'second_x', 'kind']);
    const file = join(dir, 'blobs.dwire');
    await writeFile(file, saveProject(createProject('blobs', classifier({ ...imported.params, embed: 'never' }))));

    const trained = await run('train', file, '--json', '--threads', '1');
    expect(trained.code, trained.text).toBe(0);
    expect(lastAccuracy(trained.out)).toBeGreaterThanOrEqual(0.95);

    // Changed since import: same name, other bytes.
    await writeFile(csvPath, new TextEncoder().encode(blobsCsv(200, 99)));
    const changed = await run('train', file, '--threads', '1');
    expect(changed.code).toBe(1);
    expect(changed.text).toMatch(/blobs\.csv.*changed since it was imported/);

    await rm(csvPath);
    const missing = await run('train', file, '--threads', '1');
    expect(missing.code).toBe(1);
    expect(missing.text).toMatch(/'blobs\.csv' was not found/);
  });

  it('embedded in the project, trains with no file on disk and keeps the data when saving the trained project', async () => {
    const bytes = new TextEncoder().encode(blobsCsv(120));
    const imported = await importData({ format: 'csv', file: memoryFile('elsewhere.csv', bytes) } as ImportRequest);
    const sub = join(dir, 'embedded');
    await mkdir(sub, { recursive: true });
    const file = join(sub, 'embedded.dwire');
    const graph = classifier({ ...imported.params }, 8, 20);
    await writeFile(file, saveProject(createProject('embedded', graph), undefined, { data: new Map([[imported.params.files[0].sha256, bytes]]) }));
    const out = join(sub, 'trained.dwire');
    const r = await run('train', file, '--json', '--threads', '1', '--out', out);
    expect(r.code, r.text).toBe(0);
    const reloaded = loadProject(await readFile(out));
    if (!reloaded.ok) throw reloaded.error;
    expect(reloaded.weights).toBeDefined();
    expect(reloaded.data?.get(imported.params.files[0].sha256)).toEqual(bytes);
  });

  it('a malformed row stops training with the file name, line and reason', async () => {
    const good = blobsCsv(40).split('\r\n');
    good[17] = '1.0,2.0';
    const bytes = new TextEncoder().encode(good.join('\r\n'));
    const imported = await importData({ format: 'csv', file: memoryFile('bad.csv', bytes) } as ImportRequest);
    expect(imported.preview.problems?.[0]).toMatchObject({ line: 18 });
    const file = join(dir, 'bad.dwire');
    await writeFile(file, saveProject(createProject('bad', classifier({ ...imported.params })), undefined, { data: new Map([[imported.params.files[0].sha256, bytes]]) }));
    const r = await run('train', file, '--threads', '1');
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/bad\.csv.*line 18/);
  });
});

describe('IDX data', () => {
  it('trains on MNIST-style files with a fixed test set', async () => {
    // 4×4 "images": class 0 lights the left half, class 1 the right half, with noise.
    const make = (n: number, seed: number) => {
      let s = seed;
      const rand = () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296);
      const px = new Uint8Array(n * 16);
      const labels = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = i % 2;
        for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
          const on = (c >= 2) === (labels[i] === 1);
          px[i * 16 + r * 4 + c] = Math.round((on ? 180 : 20) + rand() * 60);
        }
      }
      return { images: encodeIdx('uint8', [n, 4, 4], px), labels: encodeIdx('uint8', [n], labels) };
    };
    const train = make(100, 1);
    const test = make(40, 2);
    const names = { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte', testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte' };
    const sub = join(dir, 'idx');
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, names.images), train.images);
    await writeFile(join(sub, names.labels), train.labels);
    await writeFile(join(sub, names.testImages), test.images);
    await writeFile(join(sub, names.testLabels), test.labels);
    const imported = await importData({
      format: 'idx',
      files: {
        images: memoryFile(names.images, train.images), labels: memoryFile(names.labels, train.labels),
        testImages: memoryFile(names.testImages, test.images), testLabels: memoryFile(names.testLabels, test.labels),
      },
    });
    expect(imported.params.info).toMatchObject({ featureShape: [4, 4, 1], classes: 2, samples: 140, testSamples: 40 });
    const graph = makeGraph([
      ['data', 'DataFile', { ...imported.params, embed: 'never' }],
      ['flat', 'Flatten'],
      ['out', 'Dense', { units: 2 }],
      ['loss', 'CrossEntropy'],
      ['opt', 'Adam', { learningRate: 0.05 }],
      ['train', 'Training', { epochs: 15, batchSize: 10, seed: 1 }],
    ], ['data.x -> flat.x', 'flat.y -> out.x', 'out.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> opt.loss']);
    const file = join(sub, 'idx.dwire');
    await writeFile(file, saveProject(createProject('idx', graph)));
    const r = await run('train', file, '--json', '--threads', '1');
    expect(r.code, r.text).toBe(0);
    expect(lastAccuracy(r.out)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('image folders', () => {
  it('imports root/<class>/<image> PNGs from disk and trains', async () => {
    const root = join(dir, 'shapes');
    for (const cls of ['bright', 'dark']) {
      await mkdir(join(root, cls), { recursive: true });
      for (let i = 0; i < 12; i++) {
        const v = cls === 'bright' ? 200 + (i % 5) * 10 : 10 + (i % 5) * 10;
        const data = new Uint8Array(6 * 6 * 3).fill(v);
        await writeFile(join(root, cls, `${i}.png`), encodePng({ width: 6, height: 6, data, channels: 3 }));
      }
    }
    await writeFile(join(root, 'README.txt'), 'not an image');
    const entries = await readFolder(root);
    const imported = await importData({ format: 'images', name: 'shapes', path: 'shapes', entries, width: 3, height: 3, channels: 1 });
    expect(imported.params.info).toMatchObject({ featureShape: [3, 3, 1], classes: 2, classNames: ['bright', 'dark'], samples: 24 });
    expect(imported.preview.samples?.shape).toEqual([16, 3, 3, 1]);
    const graph = makeGraph([
      ['data', 'DataFile', { ...imported.params, embed: 'never' }],
      ['flat', 'Flatten'],
      ['out', 'Dense', { units: 2 }],
      ['loss', 'CrossEntropy'],
      ['opt', 'Adam', { learningRate: 0.1 }],
      ['train', 'Training', { epochs: 20, batchSize: 4, seed: 1 }],
    ], ['data.x -> flat.x', 'flat.y -> out.x', 'out.y -> loss.pred', 'data.y -> loss.y', 'loss.loss -> opt.loss']);
    const file = join(dir, 'shapes.dwire');
    await writeFile(file, saveProject(createProject('shapes', graph)));
    const r = await run('train', file, '--json', '--threads', '1');
    expect(r.code, r.text).toBe(0);
    expect(lastAccuracy(r.out)).toBe(1);
  });
});
