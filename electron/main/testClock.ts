/**
 * A hand-driven clock for tests of code that waits on `Timers` (autosave, engine-host restarts):
 * `advance(ms)` runs whatever falls due, in order.
 */
import type { Timers } from './timers';

export class TestClock implements Timers {
  time = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();

  readonly now = () => this.time;

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  /** Timers waiting, as their delays from now. */
  pending(): number[] {
    return [...this.due.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
  }
}
