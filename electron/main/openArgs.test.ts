import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OpenQueue, projectsFromArgv } from './openArgs';

const cwd = path.resolve('/home/ada/work');

describe('projectsFromArgv', () => {
  it('takes the double-clicked project from a packaged app (Windows, Linux)', () => {
    const exe = path.resolve('/opt/DeepWire/deepwire');
    expect(projectsFromArgv([exe, '/home/ada/XOR net.dwire'], { defaultApp: false, cwd })).toEqual([path.resolve('/home/ada/XOR net.dwire')]);
  });

  it('skips the executable and, in development, the app path; skips switches and other files', () => {
    const argv = ['/usr/bin/electron', '.', '--no-sandbox', '--original-process-start-time=1', '-v', 'notes.txt', 'nets/mlp.dwire', 'README.DWIRE'];
    expect(projectsFromArgv(argv, { defaultApp: true, cwd })).toEqual([path.join(cwd, 'nets/mlp.dwire'), path.join(cwd, 'README.DWIRE')]);
  });

  it('does not mistake the app path for a project in development', () => {
    expect(projectsFromArgv(['electron', 'weird.dwire'], { defaultApp: true, cwd })).toEqual([]);
    expect(projectsFromArgv(['deepwire.exe', 'x.dwire'], { defaultApp: false, cwd })).toEqual([path.join(cwd, 'x.dwire')]);
  });

  it('takes file:// URLs and names each file once', () => {
    const file = path.resolve('/tmp/a b.dwire');
    const url = pathToFileURL(file).href;
    expect(projectsFromArgv(['app', url, file, '.dwire'], { defaultApp: false, cwd })).toEqual([file]);
  });

  it('resolves a second instance’s relative paths against its own working folder', () => {
    const theirs = path.resolve('/srv/other');
    expect(projectsFromArgv(['deepwire', 'x.dwire'], { defaultApp: false, cwd: theirs })).toEqual([path.join(theirs, 'x.dwire')]);
  });
});

describe('OpenQueue', () => {
  it('holds files (macOS open-file before ready) until the editor is ready, then delivers in order', () => {
    const q = new OpenQueue();
    q.push('/a.dwire', '/b.dwire', '/a.dwire');
    expect(q.pending()).toEqual(['/a.dwire', '/b.dwire']);
    const got: string[] = [];
    q.ready((f) => got.push(f));
    expect(got).toEqual(['/a.dwire', '/b.dwire']);
    q.push('/c.dwire');
    expect(got).toEqual(['/a.dwire', '/b.dwire', '/c.dwire']);
    expect(q.pending()).toEqual([]);
  });

  it('holds files again while the editor is gone', () => {
    const q = new OpenQueue();
    const got: string[] = [];
    q.ready((f) => got.push(f));
    q.pause();
    q.push('/late.dwire');
    expect(got).toEqual([]);
    q.ready((f) => got.push(f));
    expect(got).toEqual(['/late.dwire']);
  });
});
