// ESLint flat config for DeepWire.
//
// Besides the usual recommended rules, this file holds the import-boundary rules that keep the
// layers of DESIGN.md honest (VS Code's common/browser/node split is the model):
//
//   engine core (engine/** minus engine/hosts/**)  no DOM, no Node, no Electron, no React,
//                                                  nothing from renderer/ or electron/
//   engine hosts (engine/hosts/**)                 may use Node or Web Worker APIs; still
//                                                  nothing from renderer/ or electron/
//   renderer/**                                    no Electron, no Node; the engine only
//                                                  through its public entry (engine/index.ts)
//                                                  (build-time code in renderer/build/ excepted)
//   electron/**                                    no React/xyflow, nothing from renderer/; the
//                                                  engine only through its public entry
//
// Unit tests next to their code (*.test.ts) are not shipped, so they may use Node builtins
// (to read fixtures, say); the cross-layer rules still hold for them.
//
// The rules match import strings, not resolved paths: a folder named `engine` inside renderer/
// or electron/ (or `renderer`/`electron` inside engine/) would be mistaken for the real one, so
// don't name folders that way. test/lint-boundary.test.ts proves each rule fires.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Unused names are fine when a leading underscore marks them as unused on purpose. */
const UNUSED_OPTIONS = {
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
};

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
const JS_FILES = ['**/*.{js,mjs,cjs}'];

/** Node's builtin modules by bare name; `node:*` and subpaths (`fs/promises`) are matched too. */
const NODE_BUILTINS = [
  ...new Set([
    'fs', 'path', 'os', 'child_process', 'worker_threads', 'url', 'crypto', 'http', 'https', 'net',
    'stream', 'util', 'events', 'buffer', 'process', 'module', 'v8', 'vm', 'zlib', 'perf_hooks',
    'readline', 'tty', 'cluster', 'dgram', 'dns', 'assert',
    // Whatever else this Node version ships (timers, async_hooks, http2, tls, …).
    ...builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.split('/')[0]),
  ]),
].sort();

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NODE_BUILTIN_REGEX = `^(?:node:.*|(?:${NODE_BUILTINS.map(escapeRegex).join('|')})(?:/.*)?)$`;

// --- no-restricted-imports patterns, one per reason -------------------------------------------
//
// Regexes rather than gitignore-style `group`s: a group entry 'react' matches that name at any
// depth, so it would also flag './components/react/x', and '**/electron' would flag the
// 'electron' package with the wrong message.

/** The packages themselves and their subpaths (`react-dom/client`). */
const packages = (...names) => `^(?:${names.join('|')})(?:/.*)?$`;
/** Relative imports that pass through a folder of this name (`../../renderer/foo`, `../electron`). */
const relativeInto = (dirs) => String.raw`^\.\.?/(?:[^/]+/)*(?:${dirs})(?:/.*)?$`;

const nodeInEngineCore = {
  regex: NODE_BUILTIN_REGEX,
  message:
    'The engine core runs in Web Workers and Node alike: no Node APIs here (put host code in engine/hosts/).',
};

const nodeInRenderer = {
  regex: NODE_BUILTIN_REGEX,
  message:
    'The editor runs in a sandboxed, node-less window and in a plain browser: no Node APIs here (ask the main process through the preload API).',
};

const uiInEngine = {
  regex: packages('electron', 'react', 'react-dom', '@xyflow/[^/]+'),
  message:
    'The engine runs headless (Web Worker, Node CLI, engine process): no Electron or UI libraries here; the editor lives in renderer/, the desktop shell in electron/.',
};

const appDirsInEngine = {
  regex: relativeInto('renderer|electron'),
  message:
    'engine/ imports nothing from renderer/ or electron/: the engine must build and run without the app around it. Move shared types into the engine and import them from there.',
};

const electronInRenderer = {
  regex: packages('electron'),
  message:
    'The editor window is sandboxed and also runs in a plain browser: no Electron here. Use the typed preload API that electron/ exposes.',
};

const engineInternals = {
  // `../engine`, `../engine/`, `../../engine/index(.ts|.js)` pass; `../engine/core/tensor` and
  // `../engine/ops` (a folder's index is still an internal) do not.
  regex: String.raw`^(?:\.\.?/)+(?:[^/]+/)*engine/(?!index(?:\.[jt]s)?$).+$`,
  message:
    "Import the engine only through its public entry (engine/index.ts, e.g. '../engine'), never its internals: the internals may change, the entry is the contract. Export what you need from engine/index.ts.",
};

const uiInElectron = {
  regex: packages('react', 'react-dom', '@xyflow/[^/]+'),
  message:
    'The main process has no DOM: React and @xyflow belong in renderer/. Reach the editor through IPC/the preload API.',
};

const rendererInElectron = {
  regex: relativeInto('renderer'),
  message:
    'electron/ does not import renderer/ code: the editor runs in its own sandboxed process (and in a plain browser). Talk to it over the preload API/IPC.',
};

const imports = (...patterns) => ['error', { patterns }];

// --- no-restricted-globals -------------------------------------------------------------------

const restrictGlobals = (names, message) => names.map((name) => ({ name, message }));

const domGlobalsInEngineCore = restrictGlobals(
  ['window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
  'The engine core runs in Web Workers and Node alike: no DOM here (the editor lives in renderer/; host-specific code, such as getting a GPU adapter, goes in engine/hosts/ and is passed in).',
);

const nodeGlobalsInEngineCore = restrictGlobals(
  ['process', 'require', 'Buffer', '__dirname', '__filename', 'global'],
  'The engine core runs in Web Workers and Node alike: no Node APIs here (put host code in engine/hosts/; use globalThis, Uint8Array, ES imports).',
);

const nodeGlobalsInRenderer = restrictGlobals(
  ['process', 'require', 'Buffer', '__dirname', '__filename', 'global'],
  'The editor runs in a sandboxed, node-less window and in a plain browser: no Node globals here (use import.meta.env, Uint8Array, globalThis).',
);

// ---------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(['node_modules/', 'dist/', 'out/', 'coverage/', '.device/', 'scratch/']),

  { files: [...JS_FILES, ...TS_FILES], extends: [js.configs.recommended] },
  { files: TS_FILES, extends: [tseslint.configs.recommended] },
  { files: JS_FILES, languageOptions: { globals: globals.node } },
  // Unused names are allowed when marked as intentionally unused with a leading underscore.
  { files: JS_FILES, rules: { 'no-unused-vars': ['error', UNUSED_OPTIONS] } },
  { files: TS_FILES, rules: { '@typescript-eslint/no-unused-vars': ['error', UNUSED_OPTIONS] } },

  // Engine core: no DOM, no Node, no Electron/UI, nothing from the app.
  {
    files: ['engine/**/*.{ts,tsx}'],
    ignores: ['engine/hosts/**', 'engine/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': imports(nodeInEngineCore, uiInEngine, appDirsInEngine),
      'no-restricted-globals': ['error', ...domGlobalsInEngineCore, ...nodeGlobalsInEngineCore],
      // `import('node:fs')` would slip past no-restricted-imports. (esquery regexes cannot hold
      // a literal '/', hence \x2F.)
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/${NODE_BUILTIN_REGEX.replaceAll('/', String.raw`\x2F`)}/]`,
          message: nodeInEngineCore.message,
        },
      ],
    },
  },
  // Engine unit tests: not shipped, so Node is fine; the app and the UI are still out of bounds.
  {
    files: ['engine/**/*.test.{ts,tsx}'],
    ignores: ['engine/hosts/**'],
    rules: {
      'no-restricted-imports': imports(uiInEngine, appDirsInEngine),
      'no-restricted-globals': ['error', ...domGlobalsInEngineCore],
    },
  },
  // Engine hosts (Web Worker, Node worker_threads): host APIs allowed, the app still out of bounds.
  {
    files: ['engine/hosts/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': imports(uiInEngine, appDirsInEngine),
    },
  },

  // Renderer: browser code; the engine only through its public entry. Its build-time code
  // (vite.config.ts and the Vite plugins in renderer/build/) runs in Node and is not shipped.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/build/**', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': imports(electronInRenderer, nodeInRenderer, engineInternals),
      'no-restricted-globals': ['error', ...nodeGlobalsInRenderer],
    },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': imports(electronInRenderer, engineInternals),
    },
  },

  // Electron main and preload: no UI libraries, no renderer code, the engine only through its entry.
  {
    files: ['electron/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': imports(uiInElectron, rendererInElectron, engineInternals),
    },
  },
);
