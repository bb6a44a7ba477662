import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Autosave } from './autosave';
import { TestClock } from './testClock';

let dir: string;
let clock: TestClock;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-autosave-'));
  clock = new TestClock();
  clock.time = 1_000_000;
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const session = () => new Autosave({ folder: dir, timers: clock, now: clock.now, intervalMs: 3000 });
const bytes = (text: string) => new TextEncoder().encode(text);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const files = async () => (await fs.readdir(dir)).sort();
const backupText = async () => fs.readFile(path.join(dir, 'autosave.dwire'), 'utf8');

describe('Autosave', () => {
  it('writes a changed project at once, then at most once per interval, newest state winning', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('v1'), null);
    expect(clock.pending()).toEqual([0]);
    clock.advance(0);
    await a.settled();
    expect(await backupText()).toBe('v1');
    a.backup(bytes('v2'), null);
    a.backup(bytes('v3'), '/p/net.dwire');
    clock.advance(1000);
    await a.settled();
    expect(await backupText()).toBe('v1');
    expect(clock.pending()).toEqual([2000]);
    clock.advance(2000);
    await a.flush();
    expect(await backupText()).toBe('v3');
    expect(JSON.parse(await fs.readFile(path.join(dir, 'autosave.json'), 'utf8'))).toEqual({ version: 1, path: '/p/net.dwire', savedAt: 1_003_000 });
  });

  it('offers the backup after a crash, with its path and time, and keeps it until decided', async () => {
    const crashed = session();
    expect(await crashed.start()).toBe(false);
    crashed.backup(bytes('unsaved work'), '/p/net.dwire');
    await crashed.flush();
    // …the process dies here: no cleanExit.

    const next = session();
    expect(await next.start()).toBe(true);
    const recovery = await next.takeRecovery();
    expect(recovery).not.toBeNull();
    expect(decode(recovery!.bytes)).toBe('unsaved work');
    expect(recovery!.path).toBe('/p/net.dwire');
    expect(recovery!.savedAt).toBe(1_000_000);
    // Taken but not yet backed up again: still on disk in case this session crashes too.
    expect(await files()).toContain('recovery.dwire');
    next.backup(bytes('restored and edited'), '/p/net.dwire');
    await next.flush();
    expect(await files()).not.toContain('recovery.dwire');
  });

  it('offers nothing after a normal quit', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('work'), null);
    await a.flush();
    await a.cleanExit();
    expect(await files()).toEqual([]);
    const b = session();
    expect(await b.start()).toBe(false);
    expect(await b.takeRecovery()).toBeNull();
  });

  it('removes the backup on a clean save (and drops a pending write)', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('v1'), null);
    await a.flush();
    a.backup(bytes('v2'), null);
    await a.clear();
    clock.advance(10_000);
    await a.flush();
    expect(await files()).toEqual(['session.json']);
    // A crash now finds nothing to recover.
    expect(await session().start()).toBe(false);
  });

  it('offers an undecided recovery again at the next start, and forgets a discarded one', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('lost?'), null);
    await a.flush();
    const b = session();
    expect(await b.start()).toBe(true);
    await b.cleanExit(); // quit before answering
    const c = session();
    expect(await c.start()).toBe(true);
    await c.discardRecovery();
    expect(await c.takeRecovery()).toBeNull();
    await c.cleanExit();
    expect(await session().start()).toBe(false);
  });

  it('after an editor crash within the session, offers its latest backup to the reloaded editor', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('v1'), null);
    await a.flush();
    a.backup(bytes('v2 not yet written'), null);
    expect(await a.setAsideAfterEditorCrash()).toBe(true);
    expect(decode((await a.takeRecovery())!.bytes)).toBe('v2 not yet written');
  });

  it('treats a damaged session marker as a crash', async () => {
    const a = session();
    await a.start();
    a.backup(bytes('work'), null);
    await a.flush();
    await fs.writeFile(path.join(dir, 'session.json'), '{ garbage');
    expect(await session().start()).toBe(true);
  });
});
