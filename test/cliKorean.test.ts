/**
 * `deepwire` in Korean: `--lang ko` or a Korean environment (LC_ALL, LC_MESSAGES, LANG) turns
 * every line a person reads into Korean — help, validate's nodes, training progress and summary,
 * gradcheck, export, and errors from real bad input — with the same numbers, and `--json` the
 * same as in English. A bad `--lang` is refused by name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../engine/hosts/node/cli';
import { nodeFileResolver } from '../engine/hosts/node/dataFiles';
import { renderProgress } from '../engine/hosts/node/progress';
import { makeGraph } from '../engine/graph/makeGraph';
import { messageOfError, translateMessage } from '../engine/i18n';
import { createProject, saveProject } from '../engine/project';

const ROOT = join(__dirname, '..');
const example = (name: string) => join(ROOT, 'assets', 'examples', `${name}.dwire`);
const HANGUL = /[\uac00-\ud7a3]/;
/** English words the CLI prints in English; none may be left in Korean output. */
const ENGLISH = /\b(epoch|loss|accuracy|done in|test|samples\/s|ETA|batch \d|saved|wrote|warning|note|pass|FAIL|tensors|unknown|must be|no such file|cannot|is not connected|graph has|usage|commands)\b/;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-ko-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI with `env` as the environment (none: neither Korean nor English asked for). */
async function run(argv: string[], env: CliIO['env'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), status: (l) => l && status.push(l), env });
  return { code, out, err, status, text: [...out, ...err].join('\n') };
}

describe('deepwire --lang ko', () => {
  it('validate prints each node with its Korean title and output shape', async () => {
    const r = await run(['--lang', 'ko', 'validate', example('mnist-mlp')]);
    expect(r.code, r.text).toBe(0);
    expect(r.out).toContain('mnist (데이터셋): x (batch, 28, 28, 1), y 클래스 10개');
    expect(r.out).toContain('flatten (평탄화): y (batch, 784)');
    expect(r.out).toContain('hidden1 (완전 연결층): y (batch, 100)');
    expect(r.out.at(-1)).toBe('mnist-mlp.dwire: 그래프에 문제가 없습니다');
    expect(r.out).toContain('loss (교차 엔트로피): 손실');
    // Node ids are the user's names ('loss' above); the rest of each line is Korean.
    expect(r.out.map((l) => l.replace(/^\S+ /, '')).join('\n')).not.toMatch(ENGLISH);
  });

  it('validate lists a broken graph\'s errors in Korean, with node ids and shapes', async () => {
    const file = join(dir, 'broken.dwire');
    const graph = makeGraph([['data', 'Dataset', { source: 'mnist' }], ['h', 'Dense', { units: 10 }], ['ce', 'CrossEntropy'], ['x', 'Tanh']],
      ['data.x -> h.x', 'h.y -> ce.pred', 'data.y -> ce.y']);
    await writeFile(file, saveProject(createProject('broken', graph)));
    const r = await run(['validate', file, '--lang=ko']);
    expect(r.code).toBe(1);
    expect(r.err.length).toBeGreaterThanOrEqual(3);
    for (const line of r.err) expect(line).toMatch(HANGUL);
    expect(r.err.find((l) => l.includes(' h '))).toMatch(/완전 연결층.*\(batch, 28, 28, 1\)/);
    expect(r.err.find((l) => l.includes(' x '))).toMatch(/tanh 함수/);
    expect(r.text).not.toMatch(ENGLISH);
  });

  it('a broken project file gives one Korean line naming the file', async () => {
    const junk = join(dir, 'junk.dwire');
    await writeFile(junk, '{"not": "a project"}');
    const bad = await run(['train', junk, '--lang', 'ko']);
    expect(bad.code).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^deepwire: .*junk\.dwire 파일을 열 수 없습니다: /);
    expect(bad.err[0]).toMatch(/DeepWire 프로젝트/);
    expect(bad.err[0]).not.toMatch(/not a DeepWire project/);
    expect(await run(['validate', '/no/such/file.dwire', '--lang', 'ko'])).toMatchObject({ code: 1, err: ['deepwire: /no/such/file.dwire: 파일이 없습니다'] });
  });

  it('usage mistakes are Korean and keep the values that were given', async () => {
    expect(await run(['--lang', 'ko', 'train', example('xor-mlp'), '--epochs', 'many'])).toMatchObject({
      code: 2, err: ["deepwire: --epochs은(는) 1 이상의 정수여야 합니다. 받은 값: 'many'"],
    });
    const option = await run(['--lang', 'ko', 'train', example('xor-mlp'), '--frobnicate']);
    expect(option).toMatchObject({ code: 2, err: ["deepwire: 알 수 없는 옵션입니다: '--frobnicate'"] });
    const missing = await run(['--lang', 'ko', 'train', example('xor-mlp'), '--epochs']);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/'--epochs'에 값이 필요합니다/);
    const command = await run(['--lang', 'ko', 'frobnicate', example('xor-mlp')]);
    expect(command.code).toBe(2);
    expect(command.err[0]).toMatch(/^deepwire: 알 수 없는 명령입니다: 'frobnicate'\n사용법: deepwire <명령>/);
    const target = await run(['--lang', 'ko', 'export', example('xor-mlp'), '--to', 'tflite', '-o', 'x']);
    expect(target.err[0]).toMatch(/알 수 없는 대상입니다: 'tflite'. pytorch, keras, onnx, safetensors, history 중 하나/);
  });

  it('--help prints the Korean usage, which documents --lang', async () => {
    const r = await run(['--help', '--lang', 'ko']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^사용법: deepwire <명령> <파일\.dwire> \[옵션\]/);
    expect(r.out[0]).toMatch(/--lang en\|ko +메시지 언어/);
    expect(r.out[0]).toMatch(/LC_ALL, LC_MESSAGES, LANG/);
    const english = await run(['--help']);
    expect(english.out[0]).toMatch(/^usage: deepwire <command>/);
    expect(english.out[0]).toMatch(/--lang en\|ko +the language of messages/);
  });

  it('an unknown --lang is refused by name, with the choices, in the environment\'s language', async () => {
    expect(await run(['validate', example('xor-mlp'), '--lang', 'xx'])).toMatchObject({
      code: 2, err: ["deepwire: unknown language 'xx' for --lang; use en (English) or ko (Korean)"],
    });
    const ko = await run(['--lang=fr', 'validate', example('xor-mlp')], { LANG: 'ko_KR.UTF-8' });
    expect(ko).toMatchObject({ code: 2, err: ["deepwire: --lang의 언어 'fr'을(를) 알 수 없습니다. en (English) 또는 ko (한국어)를 쓰세요"] });
  });
});

describe('the language from the environment', () => {
  it('LANG=ko_KR.UTF-8 selects Korean without --lang; LC_MESSAGES and LC_ALL come first; --lang wins', async () => {
    const lines = async (env: CliIO['env'], ...extra: string[]) => (await run(['validate', example('xor-mlp'), ...extra], env)).out.at(-1);
    expect(await lines({ LANG: 'ko_KR.UTF-8' })).toBe('xor-mlp.dwire: 그래프에 문제가 없습니다');
    expect(await lines({ LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' })).toBe('xor-mlp.dwire: 그래프에 문제가 없습니다');
    expect(await lines({ LC_ALL: 'C', LANG: 'ko_KR.UTF-8' })).toBe('xor-mlp.dwire: the graph is valid');
    expect(await lines({ LC_ALL: 'ko', LC_MESSAGES: 'en_GB' })).toBe('xor-mlp.dwire: 그래프에 문제가 없습니다');
    expect(await lines({ LANG: 'en_US.UTF-8' })).toBe('xor-mlp.dwire: the graph is valid');
    expect(await lines({ LANG: 'ko_KR.UTF-8' }, '--lang', 'en')).toBe('xor-mlp.dwire: the graph is valid');
  });

  it('the installed command reads LANG from its real environment', async () => {
    const env = { ...process.env, LANG: 'ko_KR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'deepwire.js'), 'validate', example('xor-mlp')], { env, cwd: ROOT });
    expect(stdout.trim().split('\n').at(-1)).toBe('xor-mlp.dwire: 그래프에 문제가 없습니다');
  }, 60_000);
});

describe('training, gradcheck and export in Korean', () => {
  it('train XOR prints Korean progress, epochs and summary with the numbers, and saves', async () => {
    const out = join(dir, 'xor-ko.dwire');
    const r = await run(['train', example('xor-mlp'), '--epochs', '3', '--seed', '1', '--threads', '1', '--out', out], { LANG: 'ko_KR.UTF-8' });
    expect(r.code, r.text).toBe(0);
    expect(r.err).toEqual([]);
    const epochs = r.out.filter((l) => l.startsWith('에폭 '));
    expect(epochs).toHaveLength(3);
    expect(epochs[0]).toMatch(/^에폭 1\/3: 손실 \d+\.\d{4} · 정확도 [01]\.\d{4} · \d+\.\d초$/);
    expect(r.out).toContainEqual(expect.stringMatching(/^\d+\.\d초 만에 완료 \(CPU 스레드 1개, .+\): 테스트 손실 \d+\.\d{4} · 테스트 정확도 [01]\.\d{4}/));
    expect(r.out.at(-1)).toBe(`저장했습니다: ${out}`);
    // The progress bar: numbers and the m:ss clock as in English, the words in Korean.
    expect(r.status.at(-1)).toMatch(/^에폭 3\/3 █+ 100% · 배치 1\/1 · 손실 \d\.\d{3}\S* · 초당 [\d.]+k?개 샘플 · 남은 시간 \d+:\d\d$/);
    expect([...r.text.split('\n'), ...r.status].join('\n')).not.toMatch(ENGLISH);
  });

  it('--json is the same in Korean as in English', async () => {
    const args = ['train', example('xor-mlp'), '--epochs', '2', '--seed', '1', '--threads', '1', '--json'];
    const parse = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const ko = parse((await run([...args, '--lang', 'ko'])).out);
    const en = parse((await run(args)).out);
    const shape = (events: Record<string, unknown>[]) => events.map((e) => Object.keys(e).sort().join(','));
    expect(shape(ko)).toEqual(shape(en));
    expect(ko.map((e) => e.loss)).toEqual(en.map((e) => e.loss));
    expect(ko.at(-1)?.device).toBe(en.at(-1)?.device);
    expect(String(ko.at(-1)?.device)).toMatch(/^1 CPU thread, /);
  });

  it('gradcheck reports each tensor and the summary in Korean', async () => {
    const r = await run(['gradcheck', example('xor-mlp'), '--lang', 'ko']);
    expect(r.code, r.text).toBe(0);
    expect(r.out).toContainEqual(expect.stringMatching(/^통과 {2}hidden\.kernel \(2×\d+, \d+개 확인\): 상대 오차 \d\.\d\de[-+]\d+$/));
    expect(r.out.at(-1)).toMatch(/^텐서 4개 모두 통과 \(기준 0\.00001\)\. 오차역전파법 \d+\.\d ms, 수치 미분 \d+\.\d\d초$/);
  });

  it('export says what it wrote and how to run it in Korean; a failed save is Korean too', async () => {
    const r = await run(['export', example('xor-mlp'), '--to', 'pytorch', '-o', join(dir, 'torch', 'xor.py'), '--lang', 'ko']);
    expect(r.code, r.text).toBe(0);
    expect(r.out).toContainEqual(expect.stringMatching(/^썼습니다: .*xor\.py \((\d+바이트|[\d.]+ kB)\)$/));
    expect(r.out).toContainEqual(`실행: python ${join(dir, 'torch', 'xor.py')}   GPU 여러 개에서는: torchrun --nproc_per_node=<GPU 수> ${join(dir, 'torch', 'xor.py')}`);
    expect(r.out.at(-1)).toMatch(/^참고: 프로젝트에 학습된 가중치가 없어/);

    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const save = await run(['train', example('xor-mlp'), '--epochs', '1', '--threads', '1', '--out', join(file, 'out.dwire'), '--lang', 'ko']);
    expect(save.code).toBe(1);
    expect(save.err.at(-1)).toBe(`deepwire: ${join(file, 'out.dwire')}에 저장할 수 없습니다: 경로의 일부가 폴더가 아닙니다. 디스크의 파일은 바뀌지 않았습니다. 공간을 비우거나 다른 폴더를 고른 뒤 다시 저장하세요.`);
  });

  it('a missing data file is reported in Korean with its name and where it was looked for', async () => {
    const resolve = nodeFileResolver({ projectFile: join(dir, 'p.dwire') });
    const error = await resolve({ name: 'gone.csv', path: '', size: 10, sha256: '0'.repeat(64), role: 'data' }).then(() => null, (e: unknown) => e);
    const m = messageOfError(error);
    expect(m).toBeDefined();
    const text = translateMessage('ko', m!);
    expect(text).toMatch(/^데이터 파일 'gone\.csv'을\(를\) 찾지 못했고 \(찾아본 곳: .*gone\.csv\)/);
    expect((error as Error).message).toMatch(/^The data file 'gone\.csv' was not found/);
  });

  it('the English lines keep their form', async () => {
    const r = await run(['train', example('xor-mlp'), '--epochs', '2', '--seed', '1', '--threads', '1']);
    expect(r.code, r.text).toBe(0);
    expect(r.out[0]).toMatch(/^epoch 1\/2: loss \d+\.\d{4} · accuracy [01]\.\d{4} · \d+\.\d s$/);
    expect(r.out.at(-1)).toMatch(/^done in \d+\.\d s \(1 CPU thread, .+\): test loss \d+\.\d{4} · test accuracy [01]\.\d{4}/);
    expect(r.status.at(-1)).toMatch(/^epoch 2\/2 █+ 100% · batch 1\/1 · loss \S+ · [\d.]+k? samples\/s · ETA \d+:\d\d$/);
    expect(renderProgress({ epoch: 1, epochs: 2, batch: 1, batches: 2, loss: 0.5, samplesPerSec: 12_345, etaSeconds: 75 }, 'ko', 8))
      .toBe('에폭 1/2 ██░░░░░░ 25% · 배치 1/2 · 손실 0.5000 · 초당 12.3k개 샘플 · 남은 시간 1:15');
  });
});
