import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_RUN_EXAMPLE, firstRunFile } from './firstRun';
import { Settings } from './settings';

const repo = path.resolve(__dirname, '..', '..');
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-first-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('first run', () => {
  it('is the start without a settings file; saving the settings ends it', async () => {
    const file = path.join(dir, 'settings.json');
    const first = await Settings.load(file);
    expect(first.firstRun).toBe(true);
    await first.save();
    const second = await Settings.load(file);
    expect(second.firstRun).toBe(false);
    await second.setLocale('ko');
    expect((await Settings.load(file)).locale).toBe('ko');
  });

  it('survives a damaged settings file (defaults, not a first run)', async () => {
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, '{"version": 7}');
    const errors: unknown[] = [];
    const s = await Settings.load(file, undefined, (e) => errors.push(e));
    expect(s.firstRun).toBe(false);
    expect(s.locale).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it('opens the bundled MNIST MLP example, marked as an example (untitled)', async () => {
    const file = await firstRunFile({ firstRun: true, requestedFiles: [], appPath: repo });
    expect(file).not.toBeNull();
    expect(file!.path).toBe(path.join(repo, 'assets', 'examples', FIRST_RUN_EXAMPLE));
    expect(file!.example).toBe(true);
    // A .dwire is a ZIP: PK\x03\x04.
    expect([...file!.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('opens nothing after the first start, or when the user opened a project to start the app', async () => {
    expect(await firstRunFile({ firstRun: false, requestedFiles: [], appPath: repo })).toBeNull();
    expect(await firstRunFile({ firstRun: true, requestedFiles: ['/p/x.dwire'], appPath: repo })).toBeNull();
  });
});
