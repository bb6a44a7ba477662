import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistAsset } from './build/mnistAsset';

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/** The pages: the editor, and the desktop app's hidden engine host (loaded as app://deepwire/engine-host.html). */
const PAGES = {
  index: fileURLToPath(new URL('./index.html', import.meta.url)),
  'engine-host': fileURLToPath(new URL('./engine-host.html', import.meta.url)),
};

// `npm run web` serves the editor from here; `npm run build:web` writes dist/web.
export default defineConfig({
  // Relative to the working directory: npm scripts and the e2e harness run from the repository root.
  root: 'renderer',
  base: './',
  plugins: [react(), mnistAsset()],
  worker: { format: 'es' },
  // Project files stay files (never inlined as data: URLs, which the CSP does not let fetch()).
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000, assetsInlineLimit: 0, rollupOptions: { input: PAGES } },
  // Cross-origin isolation: SharedArrayBuffer, hence the engine's CPU thread pool, needs it.
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
