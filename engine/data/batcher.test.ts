import { describe, expect, it } from 'vitest';
import { defineDataset, type ClassificationDataset } from './Dataset';
import { Batcher, splitTensors } from './batcher';

/** 30 samples of shape (1, 2, 1); sample i holds [i, −i]; labels i mod 3. */
function numbered(): ClassificationDataset {
  const x = new Float32Array(60);
  for (let i = 0; i < 30; i++) x.set([i, -i], 2 * i);
  return defineDataset({ name: 'numbered', task: 'classification', x, featureShape: [1, 2, 1], samples: 30, y: Float32Array.from({ length: 30 }, (_, i) => i % 3), classes: 3 });
}
const SPLIT = Uint32Array.from({ length: 23 }, (_, i) => i + 4); // rows 4 … 26

describe('Batcher', () => {
  it('covers every index exactly once per epoch and keeps the last partial batch', () => {
    const b = new Batcher(numbered(), SPLIT, { batchSize: 5, seed: 1 });
    expect(b.batchesPerEpoch).toBe(5);
    expect(b.size).toBe(23);
    for (const epoch of [0, 1, 7]) {
      const batches = [...b.epoch(epoch)];
      expect(batches.map((x) => x.indices.length)).toEqual([5, 5, 5, 5, 3]);
      expect(batches.flatMap((x) => [...x.indices]).sort((p, q) => p - q)).toEqual([...SPLIT]);
    }
  });

  it('gathers the rows of its indices into x (batch, ...featureShape) and y (batch,)', () => {
    const b = new Batcher(numbered(), SPLIT, { batchSize: 4, seed: 2 });
    for (const batch of b.epoch(0)) {
      const n = batch.indices.length;
      expect(batch.x.shape).toEqual([n, 1, 2, 1]);
      expect(batch.y.shape).toEqual([n]);
      expect([...batch.x.dataSync()]).toEqual([...batch.indices].flatMap((i) => [i, -i]));
      expect([...batch.y.dataSync()]).toEqual([...batch.indices].map((i) => i % 3));
    }
  });

  it('reuses its buffers, while the tensors it gave out keep their values', () => {
    const b = new Batcher(numbered(), SPLIT, { batchSize: 5, seed: 3 });
    const it = b.epoch(0);
    const first = it.next().value!;
    const firstValues = [...first.x.dataSync()];
    const second = it.next().value!;
    expect(second.xData.buffer).toBe(first.xData.buffer);
    expect(second.yData.buffer).toBe(first.yData.buffer);
    expect([...first.xData]).toEqual([...second.indices].flatMap((i) => [i, -i])); // overwritten in place
    expect([...first.x.dataSync()]).toEqual(firstValues);
    const rest = [...it];
    expect(rest[rest.length - 1].xData.buffer).toBe(first.xData.buffer); // the partial batch too
    expect(rest[rest.length - 1].xData).toHaveLength(3 * 2);
  });

  it('order depends on the seed and the epoch only', () => {
    const order = (seed: number, epoch: number) => [...new Batcher(numbered(), SPLIT, { batchSize: 5, seed }).epoch(epoch)].flatMap((x) => [...x.indices]);
    expect(order(1, 0)).toEqual(order(1, 0));
    expect(order(1, 0)).not.toEqual(order(2, 0));
    expect(order(1, 0)).not.toEqual(order(1, 1));
    expect(order(1, 0)).not.toEqual([...SPLIT]);
    // Epoch 3 is the same whether or not epochs 0–2 ran first (so a resumed run sees the same batches).
    const b = new Batcher(numbered(), SPLIT, { batchSize: 5, seed: 1 });
    for (const e of [0, 1, 2]) for (const _batch of b.epoch(e));
    expect([...b.epoch(3)].flatMap((x) => [...x.indices])).toEqual(order(1, 3));
    expect([...b.epochOrder(3)]).toEqual(order(1, 3));
  });

  it('keeps the given order without shuffling', () => {
    const b = new Batcher(numbered(), SPLIT, { batchSize: 10, shuffle: false });
    expect([...b.epoch(4)].flatMap((x) => [...x.indices])).toEqual([...SPLIT]);
  });

  it('lays class targets out as a column or one-hot rows on request', () => {
    const column = new Batcher(numbered(), [5, 7], { batchSize: 2, shuffle: false, targets: 'column' }).epoch(0).next().value!;
    expect(column.y.shape).toEqual([2, 1]);
    expect([...column.y.dataSync()]).toEqual([2, 1]);
    const oneHot = new Batcher(numbered(), [5, 7, 9], { batchSize: 2, shuffle: false, targets: 'oneHot' });
    const [a, b] = [...oneHot.epoch(0)];
    expect(a.y.toNested()).toEqual([[0, 0, 1], [0, 1, 0]]);
    expect(b.y.toNested()).toEqual([[1, 0, 0]]);
  });

  it('gives regression targets as (batch, targetSize)', () => {
    const d = defineDataset({ name: 'reg', task: 'regression', x: Float32Array.from([1, 2, 3]), featureShape: [1], samples: 3, y: Float32Array.from([1, 10, 2, 20, 3, 30]), targetSize: 2 });
    const batch = new Batcher(d, [2, 0], { batchSize: 8, shuffle: false }).epoch(0).next().value!;
    expect(batch.y.toNested()).toEqual([[3, 30], [1, 10]]);
    expect(() => new Batcher(d, [0], { batchSize: 1, targets: 'oneHot' })).toThrow(/target layout 'oneHot' applies to classification only/);
  });

  it('builds a whole split as two tensors', () => {
    const { x, y } = splitTensors(numbered(), [3, 1], { targets: 'oneHot', tensor: { dtype: 'float64' } });
    expect(x.shape).toEqual([2, 1, 2, 1]);
    expect(x.dtype).toBe('float64');
    expect([...x.dataSync()]).toEqual([3, -3, 1, -1]);
    expect(y.toNested()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });

  it('an empty split has no batches', () => {
    expect([...new Batcher(numbered(), [], { batchSize: 4 }).epoch(0)]).toHaveLength(0);
  });

  it.each([
    [() => new Batcher(numbered(), SPLIT, { batchSize: 0 }), /batch size must be a positive integer, got 0/],
    [() => new Batcher(numbered(), [1, 30], { batchSize: 2 }), /row index 30 \(position 1\) is outside 0…29/],
    [() => new Batcher(numbered(), SPLIT, { batchSize: 2, seed: 0.5 }), /seed must be an integer/],
    [() => new Batcher(numbered(), SPLIT, { batchSize: 2, targets: 'probs' as never }), /unknown target layout 'probs'/],
    [() => [...new Batcher(numbered(), SPLIT, { batchSize: 2 }).epoch(-1)], /epoch must be a non-negative integer, got -1/],
  ])('rejects misuse (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});
