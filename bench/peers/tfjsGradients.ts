/**
 * Registers TF.js's gradient functions under Node, where `@tensorflow/tfjs-core` alone lacks them.
 *
 * Node loads tfjs-core's CommonJS bundle (`dist/tf-core.node.js`), which has the ops but not the
 * gradient table: the `@tensorflow/tfjs` umbrella package (not installed) adds that from
 * `dist/register_all_gradients.js`, an ES module whose extensionless, directory-style imports
 * Node's own resolver refuses. esbuild (already here for tsx and vite) bundles that one file into
 * a loadable module. The bundle carries its own copy of tfjs-core's internals, but TF.js keeps
 * its engine and registries on `globalThis` and checks tensors by shape, not class, precisely so
 * that several copies cooperate: the gradients land in the registry the ops above use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles and loads tfjs-core's register_all_gradients; call after importing tfjs-core. */
export async function registerTfjsGradients(): Promise<void> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'silent',
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deepwire-bench-tfjs-'));
  const file = path.join(dir, 'gradients.mjs');
  try {
    writeFileSync(file, out.outputFiles[0].contents);
    await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
