/**
 * Where the app's pages live: the privileged `app://deepwire/` scheme that protocol.ts serves
 * from the built renderer (dist/web). One origin for the editor and the engine host, so the
 * CSP's 'self' and the IPC sender check mean the app's own files and nothing else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'deepwire';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The editor page (dist/web/index.html). */
export const EDITOR_URL = `${APP_ORIGIN}/index.html`;

/** The engine host page (dist/web/engine-host.html, built from renderer/). */
export const ENGINE_HOST_URL = `${APP_ORIGIN}/engine-host.html`;

/**
 * The origin (`scheme://host[:port]`) of `url`, or '' when it has none. Node's URL says 'null'
 * for the origin of a scheme it does not know, such as app:, so this builds it from the parts.
 */
export function originOf(url: string): string {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : '';
  } catch {
    return '';
  }
}
