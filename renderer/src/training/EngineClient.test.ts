import { afterEach, describe, expect, it } from 'vitest';
import { protocol } from '../../../engine';
import { EngineClient, EngineRequestError, type EngineTransport } from './EngineClient';

/** A transport whose engine is a function of the messages it gets; `emit` pushes engine messages. */
function fakeTransport(engine: (m: { type: string; id: number }, emit: (m: unknown) => void) => void) {
  let handler: (d: unknown) => void = () => {};
  let fail: (r: string) => void = () => {};
  const state = { terminated: false, sent: [] as unknown[] };
  const emit = (m: unknown) => setTimeout(() => !state.terminated && handler(m), 0);
  const transport: EngineTransport = {
    post: (m) => {
      state.sent.push(m);
      engine(m as { type: string; id: number }, emit);
    },
    onMessage: (h) => (handler = h),
    onFailure: (h) => (fail = h),
    terminate: () => (state.terminated = true),
  };
  return { transport, state, emit, fail: (r: string) => fail(r) };
}

const greeter = (m: { type: string; id: number }, emit: (m: unknown) => void) => {
  if (m.type === 'hello') emit({ type: 'ready', id: m.id, version: protocol.PROTOCOL_VERSION, backend: 'CPU', threads: 2 });
};

let clients: EngineClient[] = [];
afterEach(() => {
  clients.forEach((c) => c.terminate());
  clients = [];
});

describe('EngineClient', () => {
  it('shakes hands, matches replies to requests by id, and passes run events on', async () => {
    const fake = fakeTransport((m, emit) => {
      greeter(m, emit);
      if (m.type === 'pause') emit({ type: 'error', id: m.id, error: { name: 'ProtocolError', message: "run 'x' is not training", kind: 'protocol' } });
      if (m.type === 'stop') {
        emit({ type: 'paused', runId: 'x' });
        emit({ type: 'ack', id: m.id });
      }
    });
    const client = await EngineClient.start(fake.transport);
    clients.push(client);
    expect(client.backend).toBe('CPU');
    expect(client.threads).toBe(2);
    const events: string[] = [];
    client.onEvent((m) => events.push(m.type));
    await expect(client.request({ type: 'pause', runId: 'x' })).rejects.toThrow(EngineRequestError);
    await expect(client.request({ type: 'stop', runId: 'x' })).resolves.toMatchObject({ type: 'ack' });
    expect(events).toEqual(['paused']);
    const ids = fake.state.sent.map((m) => (m as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses an engine of another protocol version', async () => {
    const fake = fakeTransport((m, emit) => emit({ type: 'error', id: m.id, error: { name: 'ProtocolError', message: 'protocol version 1 is not supported', kind: 'protocol' } }));
    await expect(EngineClient.start(fake.transport)).rejects.toThrow(/not supported/);
    expect(fake.state.terminated).toBe(true);
  });

  it('declares a silent engine dead, rejects what was pending, and sends nothing more', async () => {
    const fake = fakeTransport(greeter);
    const client = await EngineClient.start(fake.transport, { heartbeatTimeoutMs: 150 });
    clients.push(client);
    const death = new Promise<string>((r) => client.onDeath(r));
    const pending = client.request({ type: 'stop', runId: 'x' });
    expect(await death).toMatch(/stopped responding/);
    await expect(pending).rejects.toThrow(/stopped responding/);
    expect(fake.state.terminated).toBe(true);
    await expect(client.request({ type: 'stop', runId: 'x' })).rejects.toThrow(/stopped responding/);
  });

  it('keeps a chatty engine alive: heartbeats reset the watchdog', async () => {
    const fake = fakeTransport(greeter);
    const client = await EngineClient.start(fake.transport, { heartbeatTimeoutMs: 150 });
    clients.push(client);
    const beat = setInterval(() => fake.emit({ type: 'heartbeat', time: 1 }), 40);
    await new Promise((r) => setTimeout(r, 400));
    clearInterval(beat);
    expect(client.dead).toBeNull();
  });

  it('declares the engine dead when the worker fails or sends something unreadable', async () => {
    const a = fakeTransport(greeter);
    const crashed = await EngineClient.start(a.transport);
    clients.push(crashed);
    const deathA = new Promise<string>((r) => crashed.onDeath(r));
    a.fail('Uncaught RangeError: Array buffer allocation failed');
    expect(await deathA).toBe('The engine crashed: Uncaught RangeError: Array buffer allocation failed');

    const b = fakeTransport(greeter);
    const confused = await EngineClient.start(b.transport);
    clients.push(confused);
    const deathB = new Promise<string>((r) => confused.onDeath(r));
    b.emit({ type: 'update', runId: 'x' });
    expect(await deathB).toMatch(/cannot read: message from the engine: malformed 'update' message/);
  });
});
