/** The engine host's preload hands each engine port to its page, and exposes nothing. */
import { describe, expect, it, vi } from 'vitest';
import { IPC } from './api';

type Listener = (event: { ports: unknown[] }) => void;
const listeners = new Map<string, Listener>();
const exposeInMainWorld = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer: { on: (channel: string, l: Listener) => listeners.set(channel, l) },
}));

describe('engineHostPreload', () => {
  it('posts each port to the page once its scripts have run', async () => {
    const posted: unknown[][] = [];
    let onReady: (() => void) | null = null;
    const g = globalThis as Record<string, unknown>;
    g.document = { readyState: 'loading' };
    g.window = {
      postMessage: (...args: unknown[]) => posted.push(args),
      addEventListener: (event: string, fn: () => void) => event === 'DOMContentLoaded' && (onReady = fn),
    };
    await import('./engineHostPreload');
    const port = { p: 1 };
    listeners.get(IPC.enginePort)!({ ports: [port] });
    expect(posted).toEqual([]);
    onReady!();
    expect(posted).toEqual([[{ type: 'deepwire-engine-port' }, '*', [port]]]);
    (g.document as { readyState: string }).readyState = 'complete';
    listeners.get(IPC.enginePort)!({ ports: [{ p: 2 }] });
    expect(posted).toHaveLength(2);
    expect(exposeInMainWorld).not.toHaveBeenCalled();
  });
});
