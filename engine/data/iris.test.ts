import { describe, expect, it } from 'vitest';
import { classCounts } from './Dataset';
import { irisDataset } from './iris';

describe('Iris', () => {
  const d = irisDataset();

  it('has 150 samples of 4 features and 3 named classes, 50 each', () => {
    expect(d).toMatchObject({ samples: 150, featureShape: [4], classes: 3, classNames: ['setosa', 'versicolor', 'virginica'] });
    expect(d.x).toHaveLength(600);
    expect(classCounts(d)).toEqual([50, 50, 50]);
  });

  it('starts with the published first row, a setosa, and ends with a virginica', () => {
    expect([...d.x.subarray(0, 4)].map((v) => +v.toFixed(4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(d.classNames![d.y[0]]).toBe('setosa');
    expect([...d.x.subarray(596)].map((v) => +v.toFixed(4))).toEqual([5.9, 3.0, 5.1, 1.8]);
    expect(d.classNames![d.y[149]]).toBe('virginica');
  });

  it('has the well-known feature means', () => {
    const mean = [0, 0, 0, 0];
    for (let i = 0; i < 600; i++) mean[i % 4] += d.x[i] / 150;
    expect(mean.map((m) => +m.toFixed(3))).toEqual([5.843, 3.057, 3.758, 1.199]);
  });
});
