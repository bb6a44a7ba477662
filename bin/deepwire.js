#!/usr/bin/env node
// The `deepwire` command: runs the TypeScript CLI through tsx (a dependency), so no build step
// is needed after `npm install`.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// Relaxed SIMD gives the CPU kernels a fused multiply-add. Browsers and Electron ship it; Node 20's
// V8 has it behind this flag (on by default from V8 11.4). Set before any WebAssembly is compiled.
setFlagsFromString('--experimental-wasm-relaxed-simd');
register();
const { main } = await import('../engine/hosts/node/cli.ts');
const status = process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[2K${line}`) : undefined;
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  status,
});
