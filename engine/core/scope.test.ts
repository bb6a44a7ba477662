/**
 * Memory scopes: what a scope frees, what survives (results, kept tensors), nesting, and storage
 * shared by reshape going back to the backend only with its last holder.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { createCpuBackend } from '../backend/cpu/CpuBackend';
import { add, mul, reshape, scope, tensor } from '../ops';

/** The CPU backend, counting frees. */
function counting(): { backend: Backend; freed: unknown[] } {
  const freed: unknown[] = [];
  const cpu = createCpuBackend();
  return { backend: { ...cpu, name: 'counting', free: (s) => void freed.push(s) }, freed };
}

describe('scope', () => {
  it('frees what it made except its result and kept tensors', () => {
    const { backend, freed } = counting();
    const x = tensor([1, 2, 3], [3], { backend });
    let a!: ReturnType<typeof add>;
    let kept!: ReturnType<typeof add>;
    const result = scope(() => {
      a = add(x, 1);
      kept = mul(x, 3).keep();
      return { out: mul(a, 2), list: [add(a, a)] };
    });
    expect(a.isDisposed).toBe(true);
    expect(kept.isDisposed).toBe(false);
    expect(x.isDisposed).toBe(false);
    expect(result.out.isDisposed).toBe(false);
    expect(result.list[0].isDisposed).toBe(false);
    expect(result.out.toNested()).toEqual([4, 6, 8]);
    expect(freed).toContain(a.storage); // and the constant 1's
    for (const t of [x, kept, result.out, result.list[0]]) expect(freed).not.toContain(t.storage);
  });

  it('nested: a result moves to the enclosing scope and is freed when that one ends', () => {
    const { backend } = counting();
    const x = tensor([1, 2], [2], { backend });
    let inner!: ReturnType<typeof add>;
    const outer = scope(() => {
      inner = scope(() => add(x, 1));
      expect(inner.isDisposed).toBe(false);
      return add(inner, 1);
    });
    expect(inner.isDisposed).toBe(true);
    expect(outer.toNested()).toEqual([3, 4]);
  });

  it('frees everything when the body throws', () => {
    const { backend } = counting();
    const x = tensor([1], [1], { backend });
    let a!: ReturnType<typeof add>;
    expect(() => scope(() => {
      a = add(x, 1);
      throw new Error('boom');
    })).toThrow('boom');
    expect(a.isDisposed).toBe(true);
  });

  it('storage shared by reshape goes back only with its last holder', () => {
    const { backend, freed } = counting();
    const x = tensor([1, 2, 3, 4], [4], { backend });
    const y = scope(() => {
      const sum = add(x, 1);
      const view = reshape(sum, [2, 2]);
      return view; // `sum` is disposed, but its storage lives on in `view`
    });
    expect(freed).not.toContain(y.storage);
    expect(y.toNested()).toEqual([[2, 3], [4, 5]]);
    y.dispose();
    expect(freed).toContain(y.storage);
  });

  it('assign hands storage over without freeing it twice', () => {
    const { backend, freed } = counting();
    const w = tensor([1, 2], [2], { backend }).keep();
    const old = w.storage;
    scope(() => w.assign(add(w, 1)));
    expect(freed).toContain(old);
    expect(freed).not.toContain(w.storage);
    expect(w.toNested()).toEqual([2, 3]);
    w.dispose();
    expect(freed.filter((s) => s === w.storage)).toHaveLength(1);
  });
});
