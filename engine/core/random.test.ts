/**
 * The seeded generator: reproducible, seed-sensitive, with sane distributions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from './random';

const take = (r: Random, n: number, f: (r: Random) => number = (g) => g.nextUint32()) =>
  Array.from({ length: n }, () => f(r));

describe('Random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(new Random(42), 100)).toEqual(take(new Random(42), 100));
    expect(take(new Random(42), 50, (r) => r.normal())).toEqual(take(new Random(42), 50, (r) => r.normal()));
  });

  it('gives different sequences for different seeds, 0 and negatives included', () => {
    const seeds = [0, 1, 2, -1, 42, 43, 0x7fffffff, -0x80000000];
    const firsts = seeds.map((s) => take(new Random(s), 4).join(','));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it('gives values that vary (not a stuck generator)', () => {
    const xs = take(new Random(0), 1000);
    expect(new Set(xs).size).toBe(1000);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });

  it('uniform() lies in [0, 1) with mean ≈ ½ and variance ≈ 1/12', () => {
    const r = new Random(7);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.005);
  });

  it('normal() has mean ≈ 0 and std ≈ 1 over 100k samples', () => {
    const r = new Random(123);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let within1 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1) within1++;
    }
    const mean = s / n;
    const std = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    // 68.27 % of a standard normal lies within one sigma.
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.01);
  });

  it('normal() gives uncorrelated consecutive samples (both halves of each Box–Muller pair)', () => {
    const r = new Random(321);
    const n = 50_000;
    let sxy = 0;
    let prev = r.normal();
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      sxy += prev * z;
      prev = z;
    }
    expect(Math.abs(sxy / n)).toBeLessThan(0.03);
  });

  it('int(n) covers 0…n−1 evenly', () => {
    const r = new Random(5);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('fork(label) streams differ by label and are reproducible', () => {
    const a = take(new Random(9).fork('a'), 20);
    const b = take(new Random(9).fork('b'), 20);
    expect(a).not.toEqual(b);
    expect(take(new Random(9).fork('a'), 20)).toEqual(a);
    // A fork does not depend on how far the parent has advanced…
    const parent = new Random(9);
    take(parent, 10);
    expect(take(parent.fork('a'), 20)).toEqual(a);
    // …but does depend on the parent's seed, and differs from the parent's own stream.
    expect(take(new Random(10).fork('a'), 20)).not.toEqual(a);
    expect(take(new Random(9), 20)).not.toEqual(a);
  });

  it('fork labels that are anagrams or prefixes give distinct streams', () => {
    const labels = ['init', 'dropout', 'shuffle', 'ab', 'ba', 'a', 'aa', ''];
    const firsts = labels.map((l) => take(new Random(1).fork(l), 3).join(','));
    expect(new Set(firsts).size).toBe(labels.length);
  });

  it('shuffle is a permutation, reproducible per seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const xs = Array.from({ length: n }, (_, i) => i);
        const shuffled = new Random(seed).shuffle(xs.slice());
        expect([...shuffled].sort((p, q) => p - q)).toEqual(xs);
        expect(new Random(seed).shuffle(xs.slice())).toEqual(shuffled);
      }),
      { numRuns: 25 },
    );
  });

  it('shuffle returns the array it was given, shuffled in place (typed arrays too)', () => {
    const xs = Float32Array.from({ length: 50 }, (_, i) => i);
    const out = new Random(3).shuffle(xs);
    expect(out).toBe(xs);
    expect(Array.from(xs)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(xs).sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('shuffle puts each element in each place about equally often', () => {
    const r = new Random(11);
    const counts = Array.from({ length: 4 }, () => new Array(4).fill(0));
    for (let t = 0; t < 24_000; t++) {
      const p = r.shuffle([0, 1, 2, 3]);
      p.forEach((v, i) => counts[v][i]++);
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - 6000)).toBeLessThan(400);
  });
});
