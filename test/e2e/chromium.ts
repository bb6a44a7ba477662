/**
 * Which Chromium the browser tests and the icon renderer (assets/icons/build-icons.ts) drive, and
 * how: Debian's, headless and quiet on the network (the tests run offline). No vitest here, so
 * scripts outside the test runner can use it.
 */
export const CHROMIUM = process.env.DEEPWIRE_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];
