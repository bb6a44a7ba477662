import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, permissionAllowed, secureWebPreferences, type HardenableContents } from './security';

describe('webPreferences', () => {
  it('isolates, sandboxes and keeps Node out, whatever is passed in', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { nodeIntegration: true, sandbox: false, backgroundThrottling: false } as never);
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      backgroundThrottling: false,
    });
  });
});

describe('the CSP', () => {
  it('allows only the app’s own scripts (and WebAssembly), no plugins, no framing', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|\*/);
  });
});

function fakeContents() {
  const listeners: Record<string, (event: { preventDefault(): void }, url?: string) => void> = {};
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners[event] = listener;
    },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h;
    },
  };
  return { contents: contents as unknown as HardenableContents, listeners, open: (url: string) => openHandler!({ url }) };
}

describe('hardenWebContents', () => {
  it('denies navigation, redirects and webviews', () => {
    const { contents, listeners } = fakeContents();
    hardenWebContents(contents, { openExternal: vi.fn() });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners[event]({ preventDefault }, 'https://evil.example/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  it('opens no window; web links go to the user’s browser, nothing else anywhere', () => {
    const { contents, open } = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents, { openExternal });
    expect(open('https://pytorch.org/docs')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('app://deepwire/index.html')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://pytorch.org/docs']]);
  });
});

describe('permissions', () => {
  it('denies every request and check by default', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void, d: { requestingUrl?: string }) => void) | null = null;
    let check: ((wc: unknown, p: string, origin: string) => boolean) | null = null;
    hardenSession({
      setPermissionRequestHandler: (h) => {
        request = h;
      },
      setPermissionCheckHandler: (h) => {
        check = h;
      },
    });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      const cb = vi.fn();
      request!(null, p, cb, { requestingUrl: 'app://deepwire/index.html' });
      expect(cb, p).toHaveBeenCalledWith(false);
      expect(check!(null, p, 'app://deepwire'), p).toBe(false);
    }
    const cb = vi.fn();
    request!(null, 'clipboard-sanitized-write', cb, { requestingUrl: 'app://deepwire/index.html' });
    expect(cb).toHaveBeenCalledWith(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
