/**
 * The security settings of every window, following Electron's security checklist: isolated,
 * sandboxed, node-less renderers; a strict Content Security Policy; no navigation away from the
 * app, no new windows, no webviews; every permission request denied.
 *
 * The functions take the parts of Electron they touch, so tests can hand them fakes.
 */
import type { HandlerDetails, WebPreferences, WindowOpenHandlerResponse } from 'electron';
import { APP_ORIGIN, originOf } from './origin';

/**
 * The Content Security Policy sent with every app:// response. Scripts only from the app itself
 * (plus WebAssembly compilation, which the engine's CPU kernels need); workers from the app or
 * blob: URLs (the thread pool); no plugins, no framing, no form posts, no foreign connections.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** webPreferences for every window the app opens; `preload` is the only thing that varies. */
export function secureWebPreferences(preload: string, extra: Partial<WebPreferences> = {}): WebPreferences {
  return {
    ...extra,
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The parts of a WebContents the hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
}

export interface HardenOptions {
  /** Opens a web link in the user's browser (shell.openExternal). */
  readonly openExternal: (url: string) => void;
  readonly log?: (message: string) => void;
}

/** Whether `url` is a web page worth handing to the user's browser (never file:, javascript:, app:…). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Denies navigation, redirects, webviews and new windows in `contents`. A link to a web page
 * (target=_blank or window.open) opens in the user's browser instead; nothing opens inside the app.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenOptions): void {
  const refuse = (kind: string) => (event: { preventDefault(): void }, url?: string) => {
    event.preventDefault();
    options.log?.(`Refused ${kind}${url ? ` to ${url}` : ''}: the app never leaves ${APP_ORIGIN}.`);
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', refuse('webview'));
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) options.openExternal(url);
    else options.log?.(`Refused window.open(${url}).`);
    return { action: 'deny' };
  });
}

/** The parts of a Session the hardening touches. */
export interface HardenableSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

/**
 * Permissions the app's own pages may use: writing (not reading) the clipboard, for copying nodes
 * with navigator.clipboard. Everything else (camera, microphone, location, notifications, USB,
 * reading the clipboard, …) is denied without asking.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether `origin` asking for `permission` gets it. */
export function permissionAllowed(permission: string, origin: string): boolean {
  return origin === APP_ORIGIN && ALLOWED_PERMISSIONS.has(permission);
}

/** Denies every permission request and check but the few the app's own pages need. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(permissionAllowed(permission, originOf(details?.requestingUrl ?? '')));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permissionAllowed(permission, originOf(requestingOrigin)));
}
