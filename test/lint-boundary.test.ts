/**
 * Proves the import-boundary rules in eslint.config.js fire where DESIGN.md says a layer must
 * not reach, and stay quiet where it may. Each case lints a snippet as if it lived at
 * `filePath`, through the real config, so a rule that is loosened, mis-scoped or shadowed by a
 * later config block turns a case red.
 */
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** Lints `code` as the file `filePath` (relative to the repo root) and returns every message. */
async function lint(code: string, filePath: string): Promise<Linter.LintMessage[]> {
  // An ignored path would lint to nothing and make every "allowed" case pass vacuously.
  expect(await eslint.isPathIgnored(filePath), `${filePath} must not be ignored by the config`).toBe(false);
  const results = await eslint.lintText(code, { filePath, warnIgnored: true });
  expect(results).toHaveLength(1);
  return results[0].messages;
}

interface Case {
  name: string;
  filePath: string;
  code: string;
}

interface Forbidden extends Case {
  rule: string;
  /** A fragment of the message that says why. */
  why: string;
}

const forbidden: Forbidden[] = [
  // Engine core: no Node.
  {
    name: "engine core imports 'node:fs'",
    filePath: 'engine/core/x.ts',
    code: "import fs from 'node:fs';\nexport const f = fs;\n",
    rule: 'no-restricted-imports',
    why: 'engine/hosts/',
  },
  {
    name: "engine core imports bare 'path'",
    filePath: 'engine/ops/x.ts',
    code: "import { join } from 'path';\nexport const j = join;\n",
    rule: 'no-restricted-imports',
    why: 'no Node APIs here',
  },
  {
    name: "engine core imports 'fs/promises'",
    filePath: 'engine/data/x.ts',
    code: "import { readFile } from 'fs/promises';\nexport const r = readFile;\n",
    rule: 'no-restricted-imports',
    why: 'no Node APIs here',
  },
  {
    name: "engine core re-exports from 'node:worker_threads'",
    filePath: 'engine/backend/cpu/x.ts',
    code: "export { Worker } from 'node:worker_threads';\n",
    rule: 'no-restricted-imports',
    why: 'no Node APIs here',
  },
  {
    name: "engine core imports 'node:crypto' dynamically",
    filePath: 'engine/core/x.ts',
    code: "export const load = () => import('node:crypto');\n",
    rule: 'no-restricted-syntax',
    why: 'no Node APIs here',
  },
  {
    name: "engine core imports 'fs/promises' dynamically",
    filePath: 'engine/data/x.ts',
    code: "export const load = () => import('fs/promises');\n",
    rule: 'no-restricted-syntax',
    why: 'no Node APIs here',
  },
  {
    name: 'engine core reads process.env',
    filePath: 'engine/core/x.ts',
    code: 'export const debug = process.env.DEBUG;\n',
    rule: 'no-restricted-globals',
    why: 'engine/hosts/',
  },
  {
    name: 'engine core uses Buffer',
    filePath: 'engine/data/x.ts',
    code: "export const b = Buffer.from('x');\n",
    rule: 'no-restricted-globals',
    why: 'no Node APIs here',
  },
  // Engine core: no DOM.
  {
    name: 'engine nn touches document.title',
    filePath: 'engine/nn/x.ts',
    code: "export function f(): void {\n  document.title = 'x';\n}\n",
    rule: 'no-restricted-globals',
    why: 'no DOM here',
  },
  {
    name: 'engine core reads navigator',
    filePath: 'engine/backend/x.ts',
    code: 'export const gpu = () => navigator.userAgent;\n',
    rule: 'no-restricted-globals',
    why: 'no DOM here',
  },
  {
    name: 'engine core uses localStorage',
    filePath: 'engine/training/x.ts',
    code: "export const get = () => localStorage.getItem('k');\n",
    rule: 'no-restricted-globals',
    why: 'no DOM here',
  },
  // Engine (core, tests and hosts): no UI, no app directories.
  {
    name: 'engine ops reaches into renderer/',
    filePath: 'engine/ops/x.ts',
    code: "import { foo } from '../../renderer/foo';\nexport const f = foo;\n",
    rule: 'no-restricted-imports',
    why: 'engine/ imports nothing from renderer/ or electron/',
  },
  {
    name: 'engine core reaches into electron/',
    filePath: 'engine/core/x.ts',
    code: "import { save } from '../../electron/files';\nexport const s = save;\n",
    rule: 'no-restricted-imports',
    why: 'engine/ imports nothing from renderer/ or electron/',
  },
  {
    name: "engine core imports 'electron'",
    filePath: 'engine/core/x.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    rule: 'no-restricted-imports',
    why: 'no Electron or UI libraries',
  },
  {
    name: "engine core imports 'react'",
    filePath: 'engine/nn/x.ts',
    code: "import { useState } from 'react';\nexport const u = useState;\n",
    rule: 'no-restricted-imports',
    why: 'no Electron or UI libraries',
  },
  {
    name: "engine core imports '@xyflow/react'",
    filePath: 'engine/nn/x.ts',
    code: "import { ReactFlow } from '@xyflow/react';\nexport const r = ReactFlow;\n",
    rule: 'no-restricted-imports',
    why: 'no Electron or UI libraries',
  },
  {
    name: 'engine unit test reaches into renderer/',
    filePath: 'engine/ops/x.test.ts',
    code: "import { foo } from '../../renderer/foo';\nexport const f = foo;\n",
    rule: 'no-restricted-imports',
    why: 'engine/ imports nothing from renderer/ or electron/',
  },
  {
    name: 'engine host reaches into electron/',
    filePath: 'engine/hosts/x.ts',
    code: "import { win } from '../../electron/main';\nexport const w = win;\n",
    rule: 'no-restricted-imports',
    why: 'engine/ imports nothing from renderer/ or electron/',
  },
  // Renderer: no Electron, no Node, no engine internals.
  {
    name: 'renderer imports engine internals',
    filePath: 'renderer/x.ts',
    code: "import { Tensor } from '../engine/core/tensor';\nexport const t = Tensor;\n",
    rule: 'no-restricted-imports',
    why: 'public entry',
  },
  {
    name: 'renderer component imports an engine folder',
    filePath: 'renderer/components/Canvas/x.tsx',
    code: "import * as ops from '../../../engine/ops';\nexport const o = ops;\n",
    rule: 'no-restricted-imports',
    why: 'public entry',
  },
  {
    name: "renderer imports 'electron'",
    filePath: 'renderer/x.ts',
    code: "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    rule: 'no-restricted-imports',
    why: 'preload API',
  },
  {
    name: "renderer imports 'node:path'",
    filePath: 'renderer/x.ts',
    code: "import path from 'node:path';\nexport const p = path;\n",
    rule: 'no-restricted-imports',
    why: 'no Node APIs here',
  },
  {
    name: 'renderer reads process.env',
    filePath: 'renderer/x.ts',
    code: 'export const mode = process.env.NODE_ENV;\n',
    rule: 'no-restricted-globals',
    why: 'no Node globals here',
  },
  // Electron: no UI libraries, no renderer code, no engine internals.
  {
    name: "electron imports 'react'",
    filePath: 'electron/main.ts',
    code: "import React from 'react';\nexport const r = React;\n",
    rule: 'no-restricted-imports',
    why: 'belong in renderer/',
  },
  {
    name: "electron imports 'react-dom/client'",
    filePath: 'electron/main.ts',
    code: "import { createRoot } from 'react-dom/client';\nexport const c = createRoot;\n",
    rule: 'no-restricted-imports',
    why: 'belong in renderer/',
  },
  {
    name: "electron imports '@xyflow/react'",
    filePath: 'electron/preload.ts',
    code: "import { ReactFlow } from '@xyflow/react';\nexport const r = ReactFlow;\n",
    rule: 'no-restricted-imports',
    why: 'belong in renderer/',
  },
  {
    name: 'electron reaches into renderer/',
    filePath: 'electron/main.ts',
    code: "import { App } from '../renderer/App';\nexport const a = App;\n",
    rule: 'no-restricted-imports',
    why: 'electron/ does not import renderer/',
  },
  {
    name: 'electron imports engine internals',
    filePath: 'electron/main.ts',
    code: "import { getBackend } from '../engine/backend/registry';\nexport const g = getBackend;\n",
    rule: 'no-restricted-imports',
    why: 'public entry',
  },
];

const allowed: Case[] = [
  {
    name: "engine host imports 'node:fs'",
    filePath: 'engine/hosts/x.ts',
    code: "import fs from 'node:fs';\nexport const f = fs;\n",
  },
  {
    name: "engine host uses 'node:worker_threads' and process",
    filePath: 'engine/hosts/node/x.ts',
    code: "import { Worker } from 'node:worker_threads';\nexport const w = Worker;\nexport const n = process.env.THREADS;\n",
  },
  {
    name: "engine unit test imports 'node:fs'",
    filePath: 'engine/ops/x.test.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  },
  {
    name: 'engine core imports its own modules',
    filePath: 'engine/nn/x.ts',
    code: "import * as T from '../ops';\nimport { Tensor } from '../core/tensor';\nexport const a = T;\nexport const b = Tensor;\n",
  },
  {
    name: 'engine core imports its own modules dynamically',
    filePath: 'engine/backend/x.ts',
    code: "export const load = () => import('./cpu/CpuBackend');\n",
  },
  {
    name: 'engine core names a local variable window (it shadows the global)',
    filePath: 'engine/backend/cpu/x.ts',
    code: 'export function f(): number {\n  const window: number[] = [1];\n  return window.length;\n}\n',
  },
  {
    name: 'engine core uses globalThis and Uint8Array',
    filePath: 'engine/core/x.ts',
    code: 'export const g = globalThis;\nexport const u = new Uint8Array(4);\n',
  },
  {
    name: 'renderer imports the engine entry as a folder',
    filePath: 'renderer/x.ts',
    code: "import { Tensor } from '../engine';\nexport const t = Tensor;\n",
  },
  {
    name: 'renderer imports the engine entry as engine/index',
    filePath: 'renderer/components/Canvas/x.tsx',
    code: "import * as engine from '../../../engine/index';\nexport const e = engine;\n",
  },
  {
    name: 'renderer imports its own modules and React',
    filePath: 'renderer/components/Canvas/x.tsx',
    code: "import { useState } from 'react';\nimport { store } from '../../store/graph';\nexport const a = useState;\nexport const b = store;\n",
  },
  {
    name: "renderer unit test imports 'node:fs' for fixtures",
    filePath: 'renderer/store/x.test.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  },
  {
    name: "electron imports 'electron', Node and the engine entry",
    filePath: 'electron/main.ts',
    code: "import { app } from 'electron';\nimport { join } from 'node:path';\nimport * as engine from '../engine';\nexport const a = [app, join, engine];\n",
  },
  {
    name: 'cross-piece tests may import anything',
    filePath: 'test/x.test.ts',
    code: "import fs from 'node:fs';\nimport { Tensor } from '../engine/core/tensor';\nexport const a = [fs, Tensor];\n",
  },
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(forbidden)('forbids: $name', async ({ filePath, code, rule, why }) => {
    const messages = await lint(code, filePath);
    const hits = messages.filter((m) => m.ruleId === rule);
    expect(hits, `expected ${rule} in ${filePath}; got ${JSON.stringify(messages)}`).toHaveLength(1);
    expect(hits[0].severity).toBe(2);
    expect(hits[0].message).toContain(why);
  });

  it.each(allowed)('allows: $name', async ({ filePath, code }) => {
    const messages = await lint(code, filePath);
    expect(messages).toEqual([]);
  });
});
