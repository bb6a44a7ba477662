import { afterEach, describe, expect, it } from 'vitest';
import { protocol } from '../../../engine';
import { errorText, setLocale, textNow, tmsg, type Text } from '../i18n';
import { EngineClient, EngineRequestError, type EngineTransport } from './EngineClient';

/** A transport whose engine is a function of the messages it gets; `emit` pushes engine messages. */
function fakeTransport(engine: (m: { type: string; id: number }, emit: (m: unknown) => void) => void) {
  let handler: (d: unknown) => void = () => {};
  let fail: (r: Text) => void = () => {};
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
  return { transport, state, emit, fail: (r: Text) => fail(r) };
}

const greeter = (m: { type: string; id: number }, emit: (m: unknown) => void) => {
  if (m.type === 'hello') emit({ type: 'ready', id: m.id, version: protocol.PROTOCOL_VERSION, backend: 'CPU', threads: 2 });
};

let clients: EngineClient[] = [];
afterEach(() => {
  clients.forEach((c) => c.terminate());
  clients = [];
  setLocale('en');
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

  it('says why it died in the reader\'s language too: to death listeners and in what pending requests reject with', async () => {
    const fake = fakeTransport(greeter);
    const client = await EngineClient.start(fake.transport, { heartbeatTimeoutMs: 150 });
    clients.push(client);
    const death = new Promise<[string, Text]>((r) => client.onDeath((reason, text) => r([reason, text])));
    const pending = client.request({ type: 'stop', runId: 'x' }).then(() => null, (e: unknown) => e);
    const [reason, text] = await death;
    expect(reason).toBe('The engine stopped responding (nothing heard for 0 s).');
    setLocale('ko');
    expect(textNow(text)).toBe('엔진이 응답하지 않습니다 (0초 동안 아무 소식이 없었습니다).');
    const rejected = await pending;
    expect((rejected as Error).message).toBe(reason);
    expect(textNow(errorText(rejected))).toBe('엔진이 응답하지 않습니다 (0초 동안 아무 소식이 없었습니다).');
    // A request after the death rejects the same way.
    const later = await client.request({ type: 'stop', runId: 'x' }).then(() => null, (e: unknown) => e);
    expect(textNow(errorText(later))).toBe('엔진이 응답하지 않습니다 (0초 동안 아무 소식이 없었습니다).');
  });

  it('wraps a worker failure without words in a message of its own', async () => {
    const fake = fakeTransport(greeter);
    const client = await EngineClient.start(fake.transport);
    clients.push(client);
    const death = new Promise<Text>((r) => client.onDeath((_, text) => r(text)));
    fake.fail(tmsg('app.engine.workerFailed'));
    setLocale('ko');
    expect(textNow(await death)).toBe('엔진이 비정상적으로 멈췄습니다: 엔진 워커를 시작하지 못했습니다');
    expect(client.dead).toBe('The engine crashed: the engine worker failed to start');
  });
});
