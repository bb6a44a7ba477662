import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { initialize, initStd, INITIALIZER_PRESETS, type Initializer } from './init';

function stats(values: ArrayLike<number>) {
  let s = 0;
  let s2 = 0;
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i];
    s2 += values[i] ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(values[i]));
  }
  const mean = s / values.length;
  return { mean, std: Math.sqrt(s2 / values.length - mean ** 2), maxAbs };
}

describe('initialisers', () => {
  const fans = { fanIn: 200, fanOut: 100 };
  const draw = (init: Initializer) => initialize(init, [200, 100], fans, new Random(1)).dataSync();

  it.each([
    ['normal σ=1', INITIALIZER_PRESETS.normal1, 1],
    ['normal σ=0.01', INITIALIZER_PRESETS.normal001, 0.01],
    ['Xavier normal √(2/(in+out))', INITIALIZER_PRESETS.xavierNormal, Math.sqrt(2 / 300)],
    ['Xavier uniform', INITIALIZER_PRESETS.xavierUniform, Math.sqrt(2 / 300)],
    ['He normal √(2/in)', INITIALIZER_PRESETS.heNormal, Math.sqrt(2 / 200)],
    ['He uniform', INITIALIZER_PRESETS.heUniform, Math.sqrt(2 / 200)],
  ] as const)('%s has mean 0 and the stated standard deviation', (_, init, std) => {
    const s = stats(draw(init));
    expect(Math.abs(s.mean)).toBeLessThan(std * 0.03);
    expect(s.std / std).toBeGreaterThan(0.97);
    expect(s.std / std).toBeLessThan(1.03);
    expect(initStd(init, fans)).toBeCloseTo(std, 12);
  });

  it('uniform variants stay inside ±√3·σ; normal ones do not', () => {
    const limit = Math.sqrt(3) * Math.sqrt(2 / 200);
    expect(stats(draw(INITIALIZER_PRESETS.heUniform)).maxAbs).toBeLessThanOrEqual(limit);
    expect(stats(draw(INITIALIZER_PRESETS.heNormal)).maxAbs).toBeGreaterThan(limit);
  });

  it('Xavier equals the course\'s 1/√n when fan-in equals fan-out', () => {
    expect(initStd({ kind: 'xavierNormal' }, { fanIn: 100, fanOut: 100 })).toBeCloseTo(1 / Math.sqrt(100), 12);
  });

  it('zeros and constant fill; same seed gives the same weights', () => {
    expect([...initialize({ kind: 'constant', value: 0.5 }, [3], fans, new Random(0)).dataSync()]).toEqual([0.5, 0.5, 0.5]);
    expect([...initialize({ kind: 'zeros' }, [2], fans, new Random(0)).dataSync()]).toEqual([0, 0]);
    expect([...draw(INITIALIZER_PRESETS.heNormal)]).toEqual([...draw(INITIALIZER_PRESETS.heNormal)]);
  });
});
