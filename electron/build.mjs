// Bundles the desktop app's main process and preloads with esbuild:
//
//   electron/main.ts              → dist/electron/main.cjs
//   electron/preload.ts           → dist/electron/preload.cjs
//   electron/engineHostPreload.ts → dist/electron/engineHostPreload.cjs
//
// CommonJS for Node with `electron` left external: Electron's main process loads main.cjs, and
// sandboxed preloads cannot be ES modules. The engine code main imports (the message catalogue)
// is bundled in, so the packaged app needs no node_modules at run time.
//
// Usage: node electron/build.mjs [--outdir <dir>]   (npm run build:desktop builds dist/web first)
import { build } from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundles: entry (relative to the repository) → output file name. */
export const BUNDLES = [
  { entry: 'electron/main.ts', out: 'main.cjs' },
  { entry: 'electron/preload.ts', out: 'preload.cjs' },
  { entry: 'electron/engineHostPreload.ts', out: 'engineHostPreload.cjs' },
];

/**
 * Builds every bundle into `outdir` (default dist/electron); resolves to the written paths.
 * @param {{ outdir?: string }} [options]
 */
export async function buildDesktop(options = {}) {
  const outdir = path.resolve(ROOT, options.outdir ?? 'dist/electron');
  const written = [];
  for (const { entry, out } of BUNDLES) {
    const outfile = path.join(outdir, out);
    await build({
      entryPoints: [path.join(ROOT, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      // Electron 41: Node 24 in main, Chromium 146 in the preloads.
      target: ['node22', 'chrome130'],
      external: ['electron'],
      logLevel: 'warning',
      legalComments: 'none',
      keepNames: true,
    });
    written.push(outfile);
  }
  return written;
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i >= 0 ? process.argv[i + 1] : undefined;
  if (i >= 0 && !outdir) {
    console.error('electron/build.mjs: --outdir needs a folder');
    process.exit(2);
  }
  buildDesktop({ outdir }).then(
    (files) => console.log(`electron/build.mjs: wrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
