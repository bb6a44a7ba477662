/**
 * The training proofs on MNIST (about 10,000 digits; a fixed sixth held out for testing):
 * the example MLPs learn, and regularisation narrows the overfitting gap. Slow by nature (tens
 * of seconds each on the CPU); the CNN has its own file so the two run in parallel.
 */
import { describe, expect, it } from 'vitest';
import { trainExample } from './trainExample';

describe('MNIST', () => {
  it('mnist-mlp (784-100-100-10, ReLU, He, Adam) reaches test accuracy ≥ 0.95', async () => {
    const { result } = await trainExample('mnist-mlp');
    expect(result.epochs).toHaveLength(10);
    expect(result.test!.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  it('mnist-overfit: training accuracy far above test accuracy; dropout + L2 narrows the gap', async () => {
    const gap = async (name: string) => {
      const { trainer, result } = await trainExample(name);
      const trainAcc = (await trainer.evaluate(trainer.data.splits.train)).accuracy!;
      return { trainAcc, testAcc: result.test!.accuracy!, gap: trainAcc - result.test!.accuracy! };
    };
    const plain = await gap('mnist-overfit');
    const regularised = await gap('mnist-dropout-l2');
    expect(plain.trainAcc).toBe(1);
    expect(plain.gap).toBeGreaterThan(0.15);
    expect(regularised.gap).toBeLessThan(plain.gap);
    expect(regularised.testAcc).toBeGreaterThan(plain.testAcc);
  }, 300_000);
});
