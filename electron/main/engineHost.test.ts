import { describe, expect, it } from 'vitest';
import { IPC } from '../api';
import { EngineHostSupervisor, engineHostWindowOptions, type HostWindowLike } from './engineHost';
import { TestClock } from './testClock';

/** A host window whose load and crashes the test controls. */
class FakeHost implements HostWindowLike<string> {
  destroyed = false;
  loadedUrl = '';
  posted: { channel: string; ports: string[] }[] = [];
  private goneListener: ((e: unknown, d: { reason: string; exitCode: number }) => void) | null = null;
  private readonly windowListeners: Record<string, () => void> = {};
  private resolveLoad!: () => void;
  private rejectLoad!: (e: Error) => void;
  readonly webContents = {
    postMessage: (channel: string, _message: unknown, transfer: string[]) => void this.posted.push({ channel, ports: transfer }),
    on: (_event: 'render-process-gone', listener: (e: unknown, d: { reason: string; exitCode: number }) => void) => {
      this.goneListener = listener;
    },
  };
  loadURL(url: string) {
    this.loadedUrl = url;
    return new Promise<void>((resolve, reject) => {
      this.resolveLoad = resolve;
      this.rejectLoad = reject;
    });
  }
  finishLoad() {
    this.resolveLoad();
  }
  failLoad(message: string) {
    this.rejectLoad(new Error(message));
  }
  on(event: 'unresponsive' | 'responsive', listener: () => void) {
    this.windowListeners[event] = listener;
  }
  emit(event: 'unresponsive' | 'responsive') {
    this.windowListeners[event]();
  }
  crash(reason = 'crashed', exitCode = 139) {
    this.goneListener?.({}, { reason, exitCode });
  }
  destroy() {
    this.destroyed = true;
    // Electron reports the renderer's end after destroy(), too.
    this.goneListener?.({}, { reason: 'killed', exitCode: 0 });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(options: { maxRestarts?: number } = {}) {
  const clock = new TestClock();
  const hosts: FakeHost[] = [];
  const editorPosts: { channel: string; ports: string[] }[] = [];
  const notices: string[] = [];
  let channels = 0;
  const supervisor = new EngineHostSupervisor<string>({
    createWindow: () => {
      const h = new FakeHost();
      hosts.push(h);
      return h;
    },
    createChannel: () => {
      channels++;
      return { port1: `editor-${channels}`, port2: `host-${channels}` };
    },
    editor: () => ({
      postMessage: (channel, _m, ports) => void editorPosts.push({ channel, ports }),
      send: (channel, reason) => {
        if (channel === IPC.engineRestarted) notices.push(reason as string);
      },
    }),
    locale: () => 'en',
    timers: clock,
    now: clock.now,
    maxRestarts: options.maxRestarts ?? 3,
    windowMs: 60_000,
    baseDelayMs: 500,
    maxDelayMs: 4000,
    unresponsiveGraceMs: 10_000,
  });
  return { clock, hosts, editorPosts, notices, supervisor };
}

describe('EngineHostSupervisor', () => {
  it('starts the host on connect and, once it has loaded, posts one port to each side', async () => {
    const { hosts, editorPosts, supervisor } = setup();
    supervisor.connect();
    expect(hosts).toHaveLength(1);
    expect(hosts[0].loadedUrl).toBe('app://deepwire/engine-host.html');
    await flush();
    expect(editorPosts).toEqual([]); // not before the page is there
    hosts[0].finishLoad();
    await flush();
    expect(hosts[0].posted).toEqual([{ channel: IPC.enginePort, ports: ['host-1'] }]);
    expect(editorPosts).toEqual([{ channel: IPC.enginePort, ports: ['editor-1'] }]);
    // A second connect (the editor reloaded) reuses the host with a fresh channel.
    supervisor.connect();
    await flush();
    expect(hosts).toHaveLength(1);
    expect(editorPosts.at(-1)).toEqual({ channel: IPC.enginePort, ports: ['editor-2'] });
  });

  it('restarts a crashed host, tells the editor why, and hands out a fresh port', async () => {
    const { clock, hosts, editorPosts, notices, supervisor } = setup();
    supervisor.connect();
    hosts[0].finishLoad();
    await flush();
    hosts[0].crash('oom');
    expect(hosts[0].destroyed).toBe(true);
    expect(notices).toEqual(['The engine stopped (out of memory) and is restarting. Any training in progress has stopped; your graph is unchanged.']);
    clock.advance(0);
    expect(hosts).toHaveLength(2);
    hosts[1].finishLoad();
    await flush();
    expect(editorPosts.at(-1)).toEqual({ channel: IPC.enginePort, ports: ['editor-2'] });
    expect(hosts[1].posted).toEqual([{ channel: IPC.enginePort, ports: ['host-2'] }]);
  });

  it('backs off on a crash loop and gives up after the limit, until the editor connects again', async () => {
    const { clock, hosts, notices, supervisor } = setup({ maxRestarts: 3 });
    supervisor.connect();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      hosts.at(-1)!.crash();
      delays.push(clock.pending()[0]);
      clock.advance(clock.pending()[0]);
    }
    expect(delays).toEqual([0, 500, 1000]);
    expect(hosts).toHaveLength(4);
    hosts.at(-1)!.crash();
    expect(supervisor.stopped).toBe(true);
    expect(clock.pending()).toEqual([]);
    clock.advance(60_000);
    expect(hosts).toHaveLength(4);
    expect(notices.at(-1)).toBe('The engine stopped 4 times within a minute (last: it crashed), so it is not restarted on its own. Train again to start it.');
    supervisor.connect();
    expect(supervisor.stopped).toBe(false);
    expect(hosts).toHaveLength(5);
  });

  it('forgets crashes older than the window', () => {
    const { clock, hosts, supervisor } = setup({ maxRestarts: 2 });
    supervisor.connect();
    for (let i = 0; i < 5; i++) {
      hosts.at(-1)!.crash();
      expect(supervisor.stopped).toBe(false);
      clock.advance(61_000);
    }
    expect(hosts).toHaveLength(6);
  });

  it('replaces a host that stays unresponsive, but not one that recovers', () => {
    const { clock, hosts, notices, supervisor } = setup();
    supervisor.connect();
    hosts[0].emit('unresponsive');
    clock.advance(5000);
    hosts[0].emit('responsive');
    clock.advance(10_000);
    expect(hosts[0].destroyed).toBe(false);
    hosts[0].emit('unresponsive');
    clock.advance(10_000);
    expect(hosts[0].destroyed).toBe(true);
    expect(notices.at(-1)).toContain('not responding');
  });

  it('treats a page that fails to load as a failure to restart from', async () => {
    const { clock, hosts, notices, supervisor } = setup();
    supervisor.connect();
    hosts[0].failLoad('ERR_FILE_NOT_FOUND');
    await flush();
    expect(notices.at(-1)).toContain('its page did not load');
    clock.advance(0);
    expect(hosts).toHaveLength(2);
  });

  it('stops on dispose: no restart for the host it closes itself', () => {
    const { clock, hosts, notices, supervisor } = setup();
    supervisor.connect();
    supervisor.dispose();
    expect(hosts[0].destroyed).toBe(true);
    clock.advance(10_000);
    expect(hosts).toHaveLength(1);
    expect(notices).toEqual([]);
    supervisor.connect();
    expect(hosts).toHaveLength(1);
  });

  it('says nothing to an editor that never connected', () => {
    const { hosts, notices, supervisor } = setup();
    supervisor.connect();
    supervisor.editorGone();
    hosts[0].crash();
    expect(notices).toEqual([]);
  });

  it('opens the host hidden, sandboxed and unthrottled', () => {
    const o = engineHostWindowOptions('/app/dist/electron/engineHostPreload.cjs');
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, backgroundThrottling: false, preload: '/app/dist/electron/engineHostPreload.cjs' });
  });
});
