import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mnistAsset } from './build/mnistAsset';

const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// `npm run web` serves the editor from here; `npm run build:web` writes dist/web.
export default defineConfig({
  // Relative to the working directory: npm scripts and the e2e harness run from the repository root.
  root: 'renderer',
  base: './',
  plugins: [react(), mnistAsset()],
  worker: { format: 'es' },
  // Project files stay files (never inlined as data: URLs, which the CSP does not let fetch()).
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  // Cross-origin isolation: SharedArrayBuffer, hence the engine's CPU thread pool, needs it.
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
