// Builds the editor (renderer/) into the folder given as the first argument, with Vite's JS API.
//
//   node test/e2e/build-web.mjs <outDir>
//
// test/e2e/server.ts runs this in a child process rather than inside vitest: vitest sets
// NODE_ENV=test, and a Vite build in that process would bundle React's development build and
// compile JSX in dev mode, i.e. not what `npm run build:web` ships.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node test/e2e/build-web.mjs <outDir>');
  process.exit(2);
}

try {
  await build({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    mode: 'production',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        // Dependencies' misplaced /*#__PURE__*/ comments (zod has some) are harmless noise in
        // every test run; other warnings still print.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]/.test(warning.id ?? '')) return;
          warn(warning);
        },
      },
    },
  });
} catch (e) {
  // The message, where and the code frame; not Rollup's stack and watch list.
  const where = e.loc ? `${e.loc.file ?? e.id}:${e.loc.line}:${e.loc.column}` : e.id;
  console.error([e.message, where && `at ${where}`, e.frame].filter(Boolean).join('\n'));
  process.exit(1);
}
