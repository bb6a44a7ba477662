/**
 * The editor's build, served over HTTP on 127.0.0.1 for the browser tests.
 *
 * The server starts at once and builds lazily: the first request (normally `GET /__e2e/build`,
 * which the harness sends before it opens a page) starts one production build of renderer/ into
 * a fresh temp folder; every request waits for that build, then gets a static file from it. So a
 * vitest run that has no e2e test pays nothing but an idle socket, and a run with many e2e files
 * builds once. `invalidate()` (vitest watch mode, on rerun) makes the next request build again.
 *
 * 127.0.0.1 is a secure context, so the page gets the same APIs (crypto.subtle, File System
 * Access, WebGPU where present) as a real deployment.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
// The desktop app's own table, so the browser tests serve what the app serves.
import { mimeTypeOf } from '../../electron/main/protocol';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BUILD_SCRIPT = join(REPO_ROOT, 'test', 'e2e', 'build-web.mjs');

/**
 * Cross-origin isolation, as the editor's own servers send it (renderer/vite.config.ts): without
 * it the browser withholds SharedArrayBuffer and the engine trains on one thread.
 */
const ISOLATION_HEADERS = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** Answers with the build's timing as JSON once the build is done (500 and the log if it failed). */
export const BUILD_PATH = '/__e2e/build';

export interface Build {
  dir: string;
  ms: number;
}

export interface EditorServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Builds (once) and resolves with the build, or rejects with the build's log. */
  build(): Promise<Build>;
  /** The folders of the builds finished so far (to delete them synchronously at exit). */
  builtDirs(): string[];
  /** Forgets the current build; the next request builds again. */
  invalidate(): void;
  close(): Promise<void>;
}

/** Runs test/e2e/build-web.mjs into a fresh temp folder. */
async function buildOnce(): Promise<Build> {
  const dir = await mkdtemp(join(tmpdir(), 'deepwire-e2e-web-'));
  const started = performance.now();
  const built = new Promise<void>((done, fail) => {
    execFile(
      process.execPath,
      [BUILD_SCRIPT, dir],
      { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const log = `${stdout}${stderr}`.trim();
        if (error) fail(new Error(`building the editor (renderer/) failed:\n${log || error.message}`));
        else {
          // logLevel 'warn': anything printed is a warning worth seeing.
          if (log) process.stderr.write(`[e2e] vite build:\n${log}\n`);
          done();
        }
      },
    );
  });
  try {
    await built;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { dir, ms: Math.round(performance.now() - started) };
}

/** Starts the server on 127.0.0.1 and a free port; nothing is built until the first request. */
export async function startEditorServer(): Promise<EditorServer> {
  let current: Promise<Build> | null = null;
  /** Every build started, to delete their folders on close. */
  const all: Promise<Build>[] = [];
  const done: string[] = [];

  const build = () => {
    if (!current) {
      current = buildOnce();
      current.then((b) => done.push(b.dir), () => {});
      all.push(current);
    }
    return current;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...ISOLATION_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    let built: Build;
    try {
      built = await build();
    } catch (e) {
      send(500, 'text/plain; charset=utf-8', (e as Error).message);
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === BUILD_PATH) {
      send(200, 'application/json', JSON.stringify(built));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(405, 'text/plain', 'method not allowed');
      return;
    }
    let file = normalize(join(built.dir, path));
    if (file !== built.dir && !file.startsWith(built.dir + sep)) {
      send(403, 'text/plain', 'forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      send(200, mimeTypeOf(file), body);
    } catch {
      // Chromium asks for /favicon.ico on its own; without one in the build, that 404 would be a
      // console error in every test.
      if (path === '/favicon.ico') send(204, 'image/x-icon', '');
      else send(404, 'text/plain', `not found: ${path}`);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e?.stack ?? e));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  // A waiting browser must not keep vitest alive after the run.
  server.unref();
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    build,
    builtDirs: () => [...done],
    invalidate() {
      current = null;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      for (const r of await Promise.allSettled(all)) {
        if (r.status === 'fulfilled') await rm(r.value.dir, { recursive: true, force: true });
      }
    },
  };
}
