/**
 * The `app://deepwire/` scheme: serves the built renderer (dist/web) to the editor and the engine
 * host. A privileged standard, secure scheme rather than file:// because file:// can send no
 * headers, and the engine's CPU thread pool needs SharedArrayBuffer, which Chromium grants only
 * to a cross-origin isolated page (COOP same-origin + COEP require-corp). Every response also
 * carries the CSP.
 *
 * Requests resolve strictly inside the served folder: `..`, encoded slashes or backslashes, NUL
 * bytes, drive letters and other hosts are refused.
 */
import * as path from 'node:path';
import { MAX_FILE_BYTES, isInside, realFs, type FileSystem } from './files';
import { APP_HOST, APP_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

/** For `protocol.registerSchemesAsPrivileged` (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/** MIME types by extension; anything else is served as opaque bytes. `.wasm` must be exact for streaming compilation. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.dwire': 'application/zip',
  '.zip': 'application/zip',
  '.dwdata': 'application/octet-stream',
  '.safetensors': 'application/octet-stream',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response: the type, cross-origin isolation, the CSP, no sniffing. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // A rebuilt dist/web shows at the next reload; the files are local, so revalidating is free.
    'Cache-Control': 'no-cache',
  };
}

export type Resolution = { readonly ok: true; readonly file: string } | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

/** Characters no path segment of ours contains: separators (also when %-encoded), NUL, and ':' (drive letters, NTFS streams). */
const FORBIDDEN_IN_SEGMENT = /[/\\\0:]/;

/**
 * The file under `root` that `url` names, or why it names none. `app://deepwire/` and folders
 * map to their index.html.
 */
export function resolveAppUrl(root: string, url: string): Resolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: `not a URL: ${url}` };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 404, reason: `not an app page: ${url}` };
  }
  const raw = parsed.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return { ok: false, status: 400, reason: `bad %-encoding in ${url}` };
    }
    if (segment === '..' || segment === '.' || FORBIDDEN_IN_SEGMENT.test(segment)) {
      return { ok: false, status: 403, reason: `refused path ${parsed.pathname}` };
    }
    if (segment !== '') segments.push(segment);
  }
  if (parsed.pathname.endsWith('/') || segments.length === 0) segments.push('index.html');
  const file = path.join(root, ...segments);
  if (!isInside(file, root) || path.resolve(file) === path.resolve(root)) {
    return { ok: false, status: 403, reason: `refused path ${parsed.pathname}` };
  }
  return { ok: true, file };
}

export interface AppProtocolOptions {
  /** The built renderer (<app path>/dist/web). */
  readonly root: string;
  readonly fs?: FileSystem;
  readonly log?: (message: string) => void;
}

function textResponse(status: number, text: string, head: boolean): Response {
  return new Response(head ? null : text, { status, headers: responseHeaders('text/plain; charset=utf-8') });
}

/** The handler for `protocol.handle('app', …)`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const fs = options.fs ?? realFs;
  return async (request) => {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head) {
      return new Response(null, { status: 405, headers: { ...responseHeaders('text/plain; charset=utf-8'), Allow: 'GET, HEAD' } });
    }
    const resolved = resolveAppUrl(options.root, request.url);
    if (!resolved.ok) {
      options.log?.(`app:// ${resolved.status}: ${resolved.reason}`);
      return textResponse(resolved.status, resolved.reason, head);
    }
    try {
      const st = await fs.stat(resolved.file);
      if (!st.isFile()) return textResponse(404, `not found: ${request.url}`, head);
      if (st.size > MAX_FILE_BYTES) return textResponse(403, `too large: ${request.url}`, head);
      const headers = { ...responseHeaders(mimeTypeOf(resolved.file)), 'Content-Length': String(st.size) };
      if (head) return new Response(null, { status: 200, headers });
      const bytes = await fs.readFile(resolved.file);
      return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return textResponse(404, `not found: ${request.url}`, head);
      options.log?.(`app:// 500 for ${request.url}: ${err instanceof Error ? err.message : String(err)}`);
      return textResponse(500, `could not read ${request.url}`, head);
    }
  };
}
