#!/usr/bin/env node
// The `deepwire` command: runs the TypeScript CLI through tsx (a dependency), so no build step
// is needed after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/hosts/node/cli.ts');
const status = process.stderr.isTTY ? (line) => process.stderr.write(`\r\x1b[2K${line}`) : undefined;
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  status,
});
