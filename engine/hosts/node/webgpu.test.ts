/**
 * WebGPU in Node through Dawn (the optional `webgpu` package) on Chromium's SwiftShader Vulkan
 * driver, as DEVELOPERS.md describes: a real compute shader runs and its results come back.
 * The driver's environment must be in place when the process starts, so the work runs in a child
 * process (webgpuSmoke.ts). Skipped, with the reason printed, where Chromium's SwiftShader is
 * absent; without the driver environment the host must say that no adapter exists.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const SMOKE = fileURLToPath(new URL('./webgpuSmoke.ts', import.meta.url));
const haveDriver = existsSync(ICD);
if (!haveDriver) console.log(`webgpu: skipped — no software Vulkan driver at ${ICD} (apt-get install chromium)`);

function smoke(env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', SMOKE], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`no JSON line from the child: ${stdout}\n${stderr}`));
      }
    });
  });
}

describe.skipIf(!haveDriver)('WebGPU in Node (Dawn on SwiftShader)', () => {
  it('finds the adapter and runs a compute shader whose results come back exact', async () => {
    const result = await smoke({
      ...process.env,
      LD_LIBRARY_PATH: '/usr/lib/chromium',
      VK_ICD_FILENAMES: ICD,
      XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'deepwire-xdg-')),
    });
    expect(result.ok, String(result.message)).toBe(true);
    expect(String(result.adapter)).toMatch(/SwiftShader/i);
    const input = result.input as number[];
    const out = result.out as number[];
    expect(out).toHaveLength(1000);
    // 2x + 1 of exactly representable values is exact in float32: every element, the ragged last workgroup included.
    expect(out).toEqual(input.map((v) => 2 * v + 1));
  });

  it('says plainly that no adapter exists when no driver is reachable', async () => {
    const result = await smoke({ ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json', LD_LIBRARY_PATH: '' });
    expect(result.ok).toBe(false);
    expect(result.key).toBe('webgpu.unavailable.adapter');
    expect(String(result.message)).toMatch(/^WebGPU is not available: no GPU adapter was found/);
  });
});
