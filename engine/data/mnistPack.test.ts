import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadMnistRaw } from '../hosts/node/mnist';
import { DatasetError } from './Dataset';
import { MNIST_PIXELS } from './mnist';
import { packMnist, unpackMnist } from './mnistPack';

describe('packed MNIST', () => {
  it('round-trips the real digits exactly, at a fraction of the size', async () => {
    const raw = await loadMnistRaw();
    const packed = packMnist(raw);
    const back = unpackMnist(packed);
    expect(back.digits).toHaveLength(10);
    for (let d = 0; d < 10; d++) {
      const a = Float32Array.from(raw.digits[d]);
      expect(back.digits[d].length, `digit ${d}`).toBe(a.length);
      expect(Buffer.from(new Float32Array(back.digits[d]).buffer).equals(Buffer.from(a.buffer)), `digit ${d}`).toBe(true);
    }
    const pixels = raw.digits.reduce((n, x) => n + x.length, 0);
    expect(packed.length).toBeLessThan(pixels / 3);
  });

  it('refuses more than 256 grey levels', () => {
    const digits = Array.from({ length: 10 }, (_, d) => Float32Array.from({ length: MNIST_PIXELS }, (_, i) => ((d * MNIST_PIXELS + i) % 300) / 300));
    expect(() => packMnist({ digits })).toThrow(/more than 256 distinct grey values/);
  });

  it('says what is wrong with damaged data', () => {
    const digits = Array.from({ length: 10 }, () => new Float32Array(MNIST_PIXELS * 6).fill(0.5));
    const good = packMnist({ digits });
    expect(unpackMnist(good).digits[9]).toHaveLength(MNIST_PIXELS * 6);
    expect(() => unpackMnist(new Uint8Array([1, 2, 3]))).toThrow(DatasetError);
    expect(() => unpackMnist(gzipSync(new TextEncoder().encode('NOTMNIST........')))).toThrow(/do not start with 'DWMNIST1'/);
    const bytes = gunzipSync(good);
    expect(() => unpackMnist(gzipSync(bytes.subarray(0, bytes.length - 10)))).toThrow(/pixel bytes for/);
    const bad = bytes.slice();
    bad[bad.length - 1] = 200; // a grey level beyond the table of 1
    expect(() => unpackMnist(gzipSync(bad))).toThrow(/outside the table of 1/);
  });
});
