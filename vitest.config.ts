import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The WebGPU tests run Dawn (the `webgpu` package) on Chromium's software Vulkan driver
// (SwiftShader) where no GPU exists, as DEVELOPERS.md describes. The dynamic linker reads
// LD_LIBRARY_PATH only when a process starts, so it is set here, before vitest forks its test
// processes, which inherit it. A machine with its own Vulkan setup keeps it.
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (existsSync(SWIFTSHADER_ICD) && !process.env.VK_ICD_FILENAMES) {
  process.env.LD_LIBRARY_PATH = ['/usr/lib/chromium', process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'deepwire-xdg-'));
}

export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'test/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
    testTimeout: 60_000,
    // Forked processes (vitest's default), so the driver environment above reaches the tests.
    pool: 'forks',
    // Browser tests (test/e2e/*.e2e.test.ts, matched by 'test/**/*.test.ts' above): one editor
    // server for the run, which builds renderer/ only when an e2e test first asks for it.
    // test/e2e/harness.ts gives the e2e files their longer timeouts.
    globalSetup: ['test/e2e/globalSetup.ts'],
  },
});
