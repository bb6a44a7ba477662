/**
 * The CNN training proof on MNIST: a few minutes on the CPU (one core) until the CPU speed work
 * lands; in its own file so it runs beside the other MNIST tests.
 */
import { describe, expect, it } from 'vitest';
import { trainExample } from './trainExample';

describe('MNIST CNN', () => {
  it('mnist-cnn (conv3×3×16 → pool → conv3×3×32 → pool → dense 64 → 10) reaches test accuracy ≥ 0.97', async () => {
    const { result } = await trainExample('mnist-cnn');
    expect(result.epochs).toHaveLength(8);
    expect(result.test!.accuracy).toBeGreaterThanOrEqual(0.97);
  }, 900_000);
});
