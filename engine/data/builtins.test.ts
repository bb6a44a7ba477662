import { describe, expect, it, vi } from 'vitest';
import { classCounts, DatasetError, type ClassificationDataset } from './Dataset';
import { BUILTIN_DATASET_NAMES, describeBuiltinDataset, isBuiltinDatasetName, loadBuiltinDataset } from './builtins';
import { MNIST_PIXELS, type MnistRaw } from './mnist';

const fakeMnist = (): MnistRaw => ({ digits: Array.from({ length: 10 }, () => new Float32Array(12 * MNIST_PIXELS).fill(0.5)) });

describe('loadBuiltinDataset', () => {
  it.each(BUILTIN_DATASET_NAMES.filter((n) => n !== 'mnist'))('%s loads with the shape and classes it describes', async (name) => {
    const d = (await loadBuiltinDataset(name)) as ClassificationDataset;
    const info = describeBuiltinDataset(name);
    expect(d.name).toBe(name);
    expect(d.featureShape).toEqual(info.featureShape);
    expect(d.classes).toBe(info.classes);
    expect(d.task).toBe(info.task);
    expect(info.needsSource).toBe(false);
  });

  it('passes size, classes, noise, factor and seed to the generators', async () => {
    const s = (await loadBuiltinDataset('spirals', { samples: 40, classes: 4, noise: 0, seed: 1 })) as ClassificationDataset;
    expect(classCounts(s)).toEqual([10, 10, 10, 10]);
    const c = await loadBuiltinDataset('circles', { samples: 10, noise: 0, factor: 0.25 });
    expect(Math.hypot(c.x[18], c.x[19])).toBeCloseTo(0.25, 6);
    const m1 = await loadBuiltinDataset('moons', { seed: 1, noise: 0.2 });
    const m2 = await loadBuiltinDataset('moons', { seed: 2, noise: 0.2 });
    expect(m1.x).not.toEqual(m2.x);
    expect(describeBuiltinDataset('spirals', { classes: 5 }).classes).toBe(5);
    expect(() => describeBuiltinDataset('spirals', { classes: 11 })).toThrow(/classes must be an integer from 2 to 10, got 11/);
  });

  it('ignores parameters a set does not read', async () => {
    const xor = await loadBuiltinDataset('xor', { samples: 100, noise: 3, seed: 9 });
    expect(xor.samples).toBe(4);
    expect(describeBuiltinDataset('xor').params).toEqual([]);
    expect(describeBuiltinDataset('circles').params).toContain('factor');
  });

  it('rejects an unknown name, listing the valid ones', async () => {
    await expect(loadBuiltinDataset('cifar10')).rejects.toThrow(DatasetError);
    await expect(loadBuiltinDataset('cifar10')).rejects.toThrow(
      "Unknown data set 'cifar10'; the built-in data sets are: and, or, xor, nand, spirals, moons, circles, iris, mnist",
    );
    expect(() => describeBuiltinDataset('XOR')).toThrow(/Unknown data set 'XOR'/);
    expect(isBuiltinDatasetName('xor')).toBe(true);
    expect(isBuiltinDatasetName('toString')).toBe(false);
  });

  it('says MNIST is not available when the host gave no source', async () => {
    await expect(loadBuiltinDataset('mnist', {}, {})).rejects.toThrow(/MNIST data is not available in this host/);
    expect(describeBuiltinDataset('mnist')).toMatchObject({ featureShape: [28, 28, 1], classes: 10, needsSource: true });
  });

  it('builds MNIST from the injected source, with limit and seed', async () => {
    const source = vi.fn(async () => fakeMnist());
    const d = await loadBuiltinDataset('mnist', { limit: 30, seed: 4, samples: 7 }, { mnist: source });
    expect(source).toHaveBeenCalledOnce();
    expect(d.samples).toBe(30 + 20);
    expect(d.fixedTest).toHaveLength(20);
  });

  it('reports a bad parameter by set and name', async () => {
    await expect(loadBuiltinDataset('moons', { samples: 1 })).rejects.toThrow("Dataset 'moons': samples must be an integer ≥ 2, got 1");
  });
});
