import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, mimeTypeOf, resolveAppUrl } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security';

let root: string;
let outside: string;
beforeAll(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-proto-'));
  root = path.join(base, 'web');
  outside = path.join(base, 'secret.txt');
  await fs.mkdir(path.join(root, 'assets'), { recursive: true });
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>DeepWire</title>');
  await fs.writeFile(path.join(root, 'engine-host.html'), '<!doctype html>');
  await fs.writeFile(path.join(root, 'assets', 'main-abc.js'), 'console.log(1)');
  await fs.writeFile(path.join(root, 'assets', 'kernels.wasm'), new Uint8Array([0, 97, 115, 109]));
  await fs.writeFile(path.join(root, 'assets', 'a b.css'), 'body{}');
  await fs.writeFile(outside, 'do not serve');
});
afterAll(async () => {
  await fs.rm(path.dirname(root), { recursive: true, force: true });
});

describe('resolveAppUrl', () => {
  it('maps app://deepwire/ paths into the served folder', () => {
    expect(resolveAppUrl(root, 'app://deepwire/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppUrl(root, 'app://deepwire/index.html?x=1#y')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppUrl(root, 'app://deepwire/assets/main-abc.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'main-abc.js') });
    expect(resolveAppUrl(root, 'app://deepwire/assets/a%20b.css')).toEqual({ ok: true, file: path.join(root, 'assets', 'a b.css') });
  });

  it('refuses every way out of the folder', () => {
    // Encoded separators, backslashes, NUL and drive letters: refused outright.
    for (const url of [
      'app://deepwire/..%2fsecret.txt',
      'app://deepwire/..%5csecret.txt',
      'app://deepwire/assets%2F..%2F..%2Fsecret.txt',
      'app://deepwire/C:%5CWindows%5Cwin.ini',
      'app://deepwire/index.html%00.js',
    ]) {
      expect(resolveAppUrl(root, url), url).toMatchObject({ ok: false, status: 403 });
    }
    // Dot segments, plain or %-encoded, are folded by the URL parser (as Chromium does) and
    // stay inside the folder.
    for (const url of ['app://deepwire/%2e%2e/secret.txt', 'app://deepwire/assets/%2E%2E/%2E%2E/secret.txt', 'app://deepwire/assets/../../../secret.txt']) {
      expect(resolveAppUrl(root, url), url).toEqual({ ok: true, file: path.join(root, 'secret.txt') });
    }
  });

  it('serves only its own scheme and host', () => {
    expect(resolveAppUrl(root, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppUrl(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppUrl(root, 'app://deepwire/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('the app:// handler', () => {
  const handler = () => createAppProtocolHandler({ root });

  it('serves files with their MIME type, cross-origin isolation headers and the CSP', async () => {
    const res = await handler()(new Request('app://deepwire/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>DeepWire</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await handler()(new Request('app://deepwire/assets/main-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const wasm = await handler()(new Request('app://deepwire/assets/kernels.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('answers 404 for a missing file or a folder, 403 for a way out, 405 for other methods, and HEAD without a body', async () => {
    expect((await handler()(new Request('app://deepwire/nope.js'))).status).toBe(404);
    expect((await handler()(new Request('app://deepwire/assets'))).status).toBe(404);
    for (const url of ['app://deepwire/%2e%2e/secret.txt', 'app://deepwire/..%2fsecret.txt', 'app://deepwire/..%5c..%5csecret.txt']) {
      const out = await handler()(new Request(url));
      expect(out.status, url).toBe(url.includes('%2e') ? 404 : 403);
      expect(await out.text()).not.toContain('do not serve');
    }
    expect((await handler()(new Request('app://deepwire/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler()(new Request('app://deepwire/engine-host.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('15');
    expect(await head.text()).toBe('');
  });

  it('registers a standard, secure scheme that fetch() works with', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(mimeTypeOf('x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('datasets/mnist.dwdata')).toBe('application/octet-stream');
    expect(mimeTypeOf('noext')).toBe('application/octet-stream');
  });
});
