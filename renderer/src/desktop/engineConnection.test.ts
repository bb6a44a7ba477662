import { afterEach, describe, expect, it, vi } from 'vitest';
import { protocol } from '../../../engine';
import { EngineClient } from '../training/EngineClient';
import { ENGINE_CLOSE_MESSAGE, ENGINE_FAILURE_MESSAGE, ENGINE_PORT_MESSAGE, type PortLike } from '../training/portTransport';
import { DesktopEngine, type MessageTarget, type PortMessageEvent } from './engineConnection';

/** The editor's window, as far as ports go: main's preload posts them here. */
class FakeWindow implements MessageTarget {
  private readonly listeners = new Set<(e: PortMessageEvent) => void>();
  addEventListener(_type: 'message', l: (e: PortMessageEvent) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_type: 'message', l: (e: PortMessageEvent) => void) {
    this.listeners.delete(l);
  }
  post(data: unknown, ports: PortLike[], source: unknown = this) {
    for (const l of this.listeners) l({ data, ports, source });
  }
}

/** Main and the engine host: each connectEngine() makes a channel whose far end a tiny engine answers. */
class FakeMain {
  connects = 0;
  readonly engines: MessagePort[] = [];
  constructor(private readonly win: FakeWindow) {}
  connectEngine = () => {
    this.connects++;
  };
  /** Sends a fresh port to the editor, its far end served by a greeting engine. */
  sendPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = (e: MessageEvent) => {
      const m = e.data as { type: string; id: number };
      if (m.type === 'hello') port2.postMessage({ type: 'ready', id: m.id, version: protocol.PROTOCOL_VERSION, backend: 'CPU · test', threads: 3 });
      if (m.type === 'stop') port2.postMessage({ type: 'ack', id: m.id });
    };
    this.engines.push(port2);
    this.win.post({ type: ENGINE_PORT_MESSAGE }, [port1 as unknown as PortLike]);
    return port2;
  }
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

function setup() {
  const win = new FakeWindow();
  const main = new FakeMain(win);
  const engine = new DesktopEngine(main, win);
  cleanup.push(() => engine.dispose(), () => main.engines.forEach((p) => p.close()));
  const start = (timeoutMs = 5000) => {
    const started = EngineClient.start(engine.transport(), { heartbeatTimeoutMs: timeoutMs });
    started.then((c) => cleanup.push(() => c.terminate()), () => {});
    return started;
  };
  return { win, main, engine, start };
}

describe('the engine over main\'s MessagePort', () => {
  it('asks main for a port, waits for it, then shakes hands over it', async () => {
    const { main, start, engine } = setup();
    const starting = start();
    expect(main.connects).toBe(1);
    expect(engine.connected).toBe(false);
    main.sendPort();
    const client = await starting;
    expect(client.backend).toBe('CPU · test');
    expect(client.threads).toBe(3);
    expect(engine.connected).toBe(true);
    await expect(client.request({ type: 'stop', runId: 'r' })).resolves.toMatchObject({ type: 'ack' });
  });

  it('runs engines side by side, one port each; a client shut down tells its engine to end', async () => {
    const { main, start } = setup();
    const first = start();
    const second = start();
    expect(main.connects).toBe(2);
    const ports = [main.sendPort(), main.sendPort()];
    const [a, b] = await Promise.all([first, second]);
    const heard: string[][] = [[], []];
    ports.forEach((p, i) => p.addEventListener('message', (e) => heard[i].push((e.data as { type: string }).type)));
    a.terminate();
    await expect.poll(() => heard[0]).toContain(ENGINE_CLOSE_MESSAGE);
    // The other engine is untouched and still answers.
    await expect(b.request({ type: 'stop', runId: 'r' })).resolves.toMatchObject({ type: 'ack' });
    expect(heard[1]).not.toContain(ENGINE_CLOSE_MESSAGE);
  });

  it('ignores port messages that do not come from the window itself, and other messages', async () => {
    const { win, main, start } = setup();
    const starting = start();
    const stray = new MessageChannel();
    cleanup.push(() => stray.port1.close());
    win.post({ type: ENGINE_PORT_MESSAGE }, [stray.port1 as unknown as PortLike], { other: 'frame' });
    win.post({ type: 'something-else' }, [stray.port1 as unknown as PortLike]);
    main.sendPort();
    await expect(starting).resolves.toBeInstanceOf(EngineClient);
  });

  it('an engine restart kills the live client at once with main\'s sentence; the fresh port serves the next client', async () => {
    const { engine, main, start } = setup();
    const first = start();
    main.sendPort();
    const client = await first;
    const deaths: string[] = [];
    client.onDeath((r) => deaths.push(r));

    engine.restarted('The engine stopped (it crashed) and is restarting.');
    expect(client.dead).toBe('The engine stopped (it crashed) and is restarting.');
    expect(deaths).toEqual(['The engine stopped (it crashed) and is restarting.']);
    await expect(client.request({ type: 'stop', runId: 'r' })).rejects.toThrow(/restarting/);

    // Main's fresh port arrives before anyone asks: it waits for the next Train.
    main.sendPort();
    const second = await start();
    expect(main.connects).toBe(1);
    expect(second.dead).toBeNull();
  });

  it('a client still waiting for its port keeps waiting through a restart', async () => {
    const { engine, main, start } = setup();
    const starting = start();
    engine.restarted('restarting');
    main.sendPort();
    await expect(starting).resolves.toBeInstanceOf(EngineClient);
  });

  it('the worker\'s own failure message, or an unreadable message, kills the client', async () => {
    const { main, start } = setup();
    const starting = start();
    const far = main.sendPort();
    const client = await starting;
    far.postMessage({ type: ENGINE_FAILURE_MESSAGE, reason: 'boom' });
    await vi.waitFor(() => expect(client.dead).toBe('The engine crashed: boom'));
  });

  it('a port nobody waits for any more (the client gave up) is kept for the next one', async () => {
    const { engine, main } = setup();
    const t = engine.transport();
    t.terminate();
    main.sendPort();
    const next = engine.transport();
    expect(next.connected).toBe(true);
    expect(main.connects).toBe(1);
    next.terminate();
  });

  it('a silent engine is noticed by the heartbeat watchdog, as in the browser build', async () => {
    const { main, start } = setup();
    const starting = start(200);
    main.sendPort();
    const client = await starting;
    await vi.waitFor(() => expect(client.dead).toMatch(/stopped responding/), { timeout: 2000 });
  });
});
