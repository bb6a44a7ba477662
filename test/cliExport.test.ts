/**
 * `deepwire export`: every target writes its files where -o says, the Python scripts compile,
 * the ONNX model runs, and what cannot be exported yet says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../engine/hosts/node/cli';
import { decodeSafetensors } from '../engine/project';

const example = (name: string) => join(__dirname, '..', 'assets', 'examples', `${name}.dwire`);
let dir: string;
let trained: string;

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // env: {}: English whatever the machine's LANG (cliKorean.test.ts covers Korean).
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out, err, text: [...out, ...err].join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-export-'));
  trained = join(dir, 'xor-trained.dwire');
  const r = await run('train', example('xor-mlp'), '--epochs', '50', '--threads', '1', '--json', '--out', trained);
  expect(r.code, r.text).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deepwire export', () => {
  it('pytorch writes the script, the data and the trained weights beside it; the script compiles', async () => {
    const out = join(dir, 'torch', 'train_xor.py');
    const r = await run('export', trained, '--to', 'pytorch', '-o', out);
    expect(r.code, r.text).toBe(0);
    expect((await readdir(join(dir, 'torch'))).sort()).toEqual(['data.safetensors', 'train_xor.py', 'weights.safetensors']);
    const code = await readFile(out, 'utf8');
    expect(code).toContain('torchrun');
    expect(code).toMatch(/class Model\(nn\.Module\)/);
    execFileSync('python3', ['-m', 'py_compile', out]);
    const data = decodeSafetensors(await readFile(join(dir, 'torch', 'data.safetensors')), { int32: true });
    expect(data.tensors.get('x')?.shape).toEqual([4, 2]);
  });

  it('keras into a folder gets the default name and compiles', async () => {
    const r = await run('export', trained, '--to', 'keras', '-o', `${join(dir, 'keras')}/`);
    expect(r.code, r.text).toBe(0);
    const script = join(dir, 'keras', 'model_keras.py');
    expect(await readFile(script, 'utf8')).toMatch(/keras/);
    execFileSync('python3', ['-m', 'py_compile', script]);
  });

  it('onnx gives a model that predicts like the trained project (XOR right on all four points)', async () => {
    const out = join(dir, 'xor.onnx');
    const r = await run('export', trained, '--to', 'onnx', '-o', out);
    expect(r.code, r.text).toBe(0);
    const session = await ort.InferenceSession.create(await readFile(out));
    const x = new ort.Tensor('float32', Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]), [4, 2]);
    const y = (await session.run({ x })).prediction.data as Float32Array;
    const predicted = [0, 1, 2, 3].map((i) => (y[i * 2 + 1] > y[i * 2] ? 1 : 0));
    expect(predicted).toEqual([0, 1, 1, 0]);
  });

  it('safetensors and history need a trained project, and say so', async () => {
    const untrained = await run('export', example('xor-mlp'), '--to', 'safetensors', '-o', join(dir, 'w.safetensors'));
    expect(untrained.code).toBe(1);
    expect(untrained.text).toMatch(/no trained weights yet/);
    const weights = await run('export', trained, '--to', 'safetensors', '-o', join(dir, 'w.safetensors'));
    expect(weights.code, weights.text).toBe(0);
    expect([...decodeSafetensors(await readFile(join(dir, 'w.safetensors'))).tensors.keys()].sort()).toEqual(['hidden.bias', 'hidden.kernel', 'output.bias', 'output.kernel']);
    const history = await run('export', trained, '--to', 'history', '-o', join(dir, 'h.csv'));
    expect(history.code, history.text).toBe(0);
    const lines = (await readFile(join(dir, 'h.csv'), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toMatch(/^run,label,status,epoch,loss/);
    expect(lines).toHaveLength(51);
  });

  it('usage mistakes exit 2 with a message', async () => {
    expect((await run('export', trained, '-o', 'x')).text).toMatch(/--to/);
    expect((await run('export', trained, '--to', 'tflite', '-o', 'x')).code).toBe(2);
    expect((await run('export', trained, '--to', 'onnx')).text).toMatch(/-o <path>/);
  });
});
