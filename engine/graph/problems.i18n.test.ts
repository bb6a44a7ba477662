/**
 * Graph problems in both languages, from real broken graphs: each problem carries a catalogue
 * Message whose English is its `message`; its Korean names the kinds and ports in Korean, keeps
 * the ids, shapes and numbers, and leaves no English sentence behind. Every example project,
 * broken one wire or one node at a time, gives problems that all have a Message.
 */
import { expectBilingual as bilingual, HANGUL } from '../testing/bilingual';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../assets/examples/definitions';
import { DeepWireError } from '../core/errors';
import { en, englishText, ko, translateMessage, type Message } from '../i18n/index';
import { compileGraph, formatProblem, GraphError } from './compile';
import { makeGraph, type NodeSpec } from './makeGraph';
import { NodeInferenceError } from './registry';
import type { Graph } from './schema';
import { validateGraph, type Problem } from './validate';
import { exportWeights, importWeights } from './weights';


/**
 * Latin words a Korean text may hold: the course's English terms that the Korean catalogue
 * itself uses in node and parameter titles ('ReLU', 'units'), and the words of a symbolic shape.
 */
const LATIN_TERMS = new Set([
  ...Object.entries(ko)
    .filter(([key]) => /^(node\.[^.]+\.label|param\.[^.]+\.label|node\.[^.]+\.param\.[^.]+\.label|option\.)/.test(key))
    .flatMap(([, text]) => text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []),
  'batch', 'features', 'height', 'width', 'channels', 'outputs', 'same', 'id', 'CSV', 'IDX',
]);

/** Latin words in `text` that are neither course terms nor one of `values` (ids, kinds the user wrote). */
function englishLeftovers(text: string, values: readonly (string | number)[]): string[] {
  const allowed = new Set([...LATIN_TERMS, ...values.flatMap((v) => String(v).match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])]);
  return (text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).filter((w) => w.length > 1 && !allowed.has(w));
}

/** Symbolic shapes and numbers: what the Korean must say as the English does. */
const shapesIn = (text: string) => text.match(/\((?:batch|\d+)(?:, (?:batch|\d+))*,?\)/g) ?? [];
const numbersIn = (text: string) => text.match(/\d+/g) ?? [];

/**
 * The checks every problem text passes: a Message, English `message` made from it, Korean with
 * Hangul, the `values`, the English text's shapes and numbers, and no English leftovers.
 */
function expectBilingual(m: Message | undefined, english: string, values: readonly (string | number)[] = []): string {
  const korean = bilingual(m, { english, values });
  expect(korean).not.toMatch(/[{}]/);
  for (const s of shapesIn(english)) expect(korean).toContain(s);
  for (const n of numbersIn(english)) expect(numbersIn(korean)).toContain(n);
  expect(englishLeftovers(korean, values), korean).toEqual([]);
  return korean;
}

/** Every problem these tests met, for the walk at the end. */
const met: Problem[] = [];

function problemsOf(graph: Graph): Problem[] {
  const problems = [...validateGraph(graph).problems];
  met.push(...problems);
  return problems;
}

function only(graph: Graph, code: string, nodeId?: string): Problem {
  const found = problemsOf(graph).filter((p) => p.code === code && (nodeId === undefined || p.nodeId === nodeId));
  expect(found.map((p) => p.message), `${code} on ${nodeId ?? 'the graph'}`).toHaveLength(1);
  return found[0];
}

/** A complete, valid graph around `middle` (data → middle → loss, optimiser, training). */
function around(source: string, middle: readonly NodeSpec[], wires: readonly string[], loss = 'CrossEntropy'): Graph {
  return makeGraph([['data', 'Dataset', { source }], ...middle, ['loss', loss], ['sgd', 'SGD'], ['train', 'Training']],
    [...wires, 'data.y -> loss.y', 'loss.loss -> sgd.loss']);
}

describe('graph problems in Korean', () => {
  it('an unconnected input names the port in Korean', () => {
    const g = around('xor', [['out', 'Dense', { units: 2 }]], ['data.x -> out.x']);
    const pred = only(g, 'missing-input', 'loss');
    expect(pred.message).toBe("input 'pred' is not connected");
    expect(expectBilingual(pred.msg, pred.message)).toBe('예측값 입력이 연결되어 있지 않습니다');
    const g2 = around('xor', [['out', 'Dense', { units: 2 }], ['t', 'Tanh']], ['data.x -> out.x', 'out.y -> loss.pred']);
    const x = only(g2, 'missing-input', 't');
    expect(expectBilingual(x.msg, x.message)).toBe('x 입력이 연결되어 있지 않습니다');
    // The CLI's line, in both languages, with the kind's title in Korean.
    expect(formatProblem(x, g2)).toBe("node t (Tanh): input 'x' is not connected");
    expect(formatProblem(x, g2, 'ko')).toBe('노드 t (tanh 함수): x 입력이 연결되어 있지 않습니다');
  });

  it('a cycle lists its nodes', () => {
    const g = around('xor', [['a', 'Dense', { units: 2 }], ['b', 'Tanh'], ['c', 'Dense', { units: 2 }], ['out', 'Dense', { units: 2 }]],
      ['a.y -> b.x', 'b.y -> c.x', 'c.y -> a.x', 'data.x -> out.x', 'out.y -> loss.pred']);
    const p = only(g, 'cycle', 'b');
    expect(p.message).toBe('is part of a cycle (a, b, c); a network must flow one way');
    expect(expectBilingual(p.msg, p.message, ['a, b, c'])).toBe('순환(a, b, c)의 일부입니다. 신경망은 한 방향으로만 흘러야 합니다');
    const self = makeGraph([['d', 'Dense']], ['d.y -> d.x']);
    const loop = problemsOf(self).find((q) => q.code === 'cycle')!;
    expect(expectBilingual(loop.msg, loop.message)).toBe('노드를 자기 자신에게 연결할 수 없습니다');
  });

  it('an image into Dense, and a vector into Conv2D, name the shapes and the node to add', () => {
    const dense = around('mnist', [['h', 'Dense', { units: 10 }]], ['data.x -> h.x', 'h.y -> loss.pred']);
    const p = only(dense, 'shape', 'h');
    expect(p.message).toBe('expects (batch, features), got (batch, 28, 28, 1) — add Flatten');
    expect(expectBilingual(p.msg, p.message, ['(batch, features)', '(batch, 28, 28, 1)', '평탄화'])).toBe(
      '입력은 (batch, features) 형상이어야 하는데 (batch, 28, 28, 1) 형상이 들어왔습니다 — 평탄화 노드를 추가하세요');
    const conv = around('xor', [['c', 'Conv2D'], ['f', 'Flatten'], ['out', 'Dense', { units: 2 }]],
      ['data.x -> c.x', 'c.y -> f.x', 'f.y -> out.x', 'out.y -> loss.pred']);
    const q = only(conv, 'shape', 'c');
    expect(q.message).toBe('expects (batch, height, width, channels), got (batch, 2) — add Reshape');
    expect(expectBilingual(q.msg, q.message, ['(batch, 2)', '크기 변환'])).toContain('크기 변환 노드를 추가하세요');
  });

  it('a kernel larger than the image, a Reshape whose element count differs, BatchNorm on rank 3', () => {
    const conv = around('mnist', [['c', 'Conv2D', { kernelSize: 15, dilation: 3, padding: 'valid' }], ['f', 'Flatten'], ['out', 'Dense', { units: 10 }]],
      ['data.x -> c.x', 'c.y -> f.x', 'f.y -> out.x', 'out.y -> loss.pred']);
    const w = only(conv, 'shape', 'c');
    expect(w.message).toBe("a 43×43 window does not fit the 28×28 input: use a smaller window or padding 'same'");
    expectBilingual(w.msg, w.message, ['43×43', '28×28']);
    const reshape = around('mnist', [['r', 'Reshape', { shape: '5, 5' }], ['f', 'Flatten'], ['out', 'Dense', { units: 10 }]],
      ['data.x -> r.x', 'r.y -> f.x', 'f.y -> out.x', 'out.y -> loss.pred']);
    const r = only(reshape, 'shape', 'r');
    expect(r.message).toBe('cannot arrange (batch, 28, 28, 1) (784 values per sample) as (batch, 5, 5)');
    expect(expectBilingual(r.msg, r.message, ['784'])).toBe('샘플당 값이 784개인 (batch, 28, 28, 1) 형상은 (batch, 5, 5) 형상으로 바꿀 수 없습니다');
    const text = around('mnist', [['r', 'Reshape', { shape: 'seven' }]], ['data.x -> r.x', 'r.y -> loss.pred']);
    const t = only(text, 'param', 'r');
    expectBilingual(t.msg, t.message, ["'seven'", '"28, 28, 1"']);
    const bn = around('mnist', [['r', 'Reshape', { shape: '28, 28' }], ['bn', 'BatchNorm'], ['f', 'Flatten'], ['out', 'Dense', { units: 10 }]],
      ['data.x -> r.x', 'r.y -> bn.x', 'bn.y -> f.x', 'f.y -> out.x', 'out.y -> loss.pred']);
    const b = only(bn, 'shape', 'bn');
    expectBilingual(b.msg, b.message, ['(batch, features)', '(batch, height, width, channels)', '(batch, 28, 28)']);
  });

  it('merging branches: too few inputs, different shapes', () => {
    const g = around('xor', [['a', 'Dense', { units: 3 }], ['b', 'Dense', { units: 4 }], ['sum', 'Add'], ['cat', 'Concat'], ['one', 'Add'], ['out', 'Dense', { units: 2 }]],
      ['data.x -> a.x', 'data.x -> b.x', 'a.y -> sum.x', 'b.y -> sum.x', 'a.y -> one.x', 'one.y -> cat.x', 'data.x -> cat.x', 'cat.y -> out.x', 'out.y -> loss.pred']);
    const sum = only(g, 'shape', 'sum');
    expect(expectBilingual(sum.msg, sum.message, ['(batch, 3)', '(batch, 4)'])).toBe('입력의 형상이 같아야 합니다: (batch, 3) 대 (batch, 4)');
    const one = only(g, 'missing-input', 'one');
    expect(expectBilingual(one.msg, one.message)).toBe('입력이 두 개 이상 필요한데 1개입니다');
    const g2 = makeGraph([['data', 'Dataset', { source: 'mnist' }], ['f', 'Flatten'], ['cat', 'Concat']], ['data.x -> f.x', 'f.y -> cat.x', 'data.x -> cat.x']);
    const cat = only(g2, 'shape', 'cat');
    expectBilingual(cat.msg, cat.message, ['(batch, 784)', '(batch, 28, 28, 1)']);
  });

  it('a loss that does not fit the prediction or the targets', () => {
    const oneUnit = around('xor', [['out', 'Dense', { units: 1 }]], ['data.x -> out.x', 'out.y -> loss.pred']);
    const p = only(oneUnit, 'loss-mismatch', 'loss');
    expect(p.message).toBe('softmax cross-entropy on a 1-unit output always gives loss 0: use 2 output units, or Sigmoid + Binary X-Entropy');
    expect(expectBilingual(p.msg, p.message, ['이진 교차 엔트로피'])).toBe(
      '출력 유닛이 1개이면 소프트맥스 교차 엔트로피의 손실은 늘 0입니다: 출력 유닛을 2개로 하거나 Sigmoid 함수 + 이진 교차 엔트로피 노드를 쓰세요');
    const classes = around('iris', [['out', 'Dense', { units: 2 }]], ['data.x -> out.x', 'out.y -> loss.pred']);
    const c = only(classes, 'loss-mismatch', 'loss');
    expect(expectBilingual(c.msg, c.message)).toBe('예측값의 출력은 2개인데 데이터의 클래스는 3개입니다');
    const mse = around('iris', [['out', 'Dense', { units: 2 }]], ['data.x -> out.x', 'out.y -> loss.pred'], 'MSE');
    const m = only(mse, 'loss-mismatch', 'loss');
    expect(m.message).toBe('the prediction has 2 outputs but the data has 3 classes: use 3 output units');
    expect(expectBilingual(m.msg, m.message)).toBe('예측값의 출력은 2개인데 데이터는 클래스 3개입니다: 출력 유닛을 3개로 하세요');
    const bce = around('iris', [['out', 'Dense', { units: 1 }]], ['data.x -> out.x', 'out.y -> loss.pred'], 'BinaryCrossEntropy');
    const b = only(bce, 'loss-mismatch', 'loss');
    expect(expectBilingual(b.msg, b.message, ['소프트맥스', '교차 엔트로피'])).toContain('클래스는 3개입니다');
    const image = around('mnist', [], ['data.x -> loss.pred']);
    const i = only(image, 'shape', 'loss');
    expectBilingual(i.msg, i.message, ['(batch, 28, 28, 1)', '평탄화', '완전 연결층']);
  });

  it('unknown kinds, duplicate ids, wires to nothing, wrong ports and port types', () => {
    const g: Graph = {
      nodes: [
        { id: 'data', kind: 'Dataset', position: { x: 0, y: 0 }, params: {} },
        { id: 'odd', kind: 'Frobnicate', position: { x: 0, y: 0 }, params: {} },
        { id: 'out', kind: 'Dense', position: { x: 0, y: 0 }, params: { units: 2 } },
        { id: 'out', kind: 'Dense', position: { x: 0, y: 0 }, params: {} },
        { id: 'r', kind: 'ReLU', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'w1', source: 'data', sourcePort: 'x', target: 'out', targetPort: 'x' },
        { id: 'w1', source: 'data', sourcePort: 'x', target: 'r', targetPort: 'x' },
        { id: 'w2', source: 'ghost', sourcePort: 'y', target: 'r', targetPort: 'x' },
        { id: 'w3', source: 'out', sourcePort: 'z', target: 'r', targetPort: 'x' },
        { id: 'w4', source: 'data', sourcePort: 'y', target: 'r', targetPort: 'x' },
        { id: 'w5', source: 'data', sourcePort: 'x', target: 'out', targetPort: 'x' },
      ],
    };
    const ps = problemsOf(g);
    const byCode = (code: string, where: (p: Problem) => boolean = () => true) => ps.find((p) => p.code === code && where(p))!;
    expect(expectBilingual(byCode('unknown-kind').msg, "unknown node kind 'Frobnicate'", ['Frobnicate'])).toBe("알 수 없는 노드 종류 'Frobnicate'입니다");
    expect(expectBilingual(byCode('duplicate-id', (p) => !!p.nodeId).msg, "two nodes have the id 'out'", ["'out'"])).toBe("id가 'out'인 노드가 둘 있습니다");
    expectBilingual(byCode('duplicate-id', (p) => !!p.edgeId).msg, "two edges have the id 'w1'", ["'w1'"]);
    expectBilingual(byCode('dangling-edge').msg, "edge connects a node that does not exist ('ghost')", ['ghost']);
    expect(expectBilingual(byCode('unknown-port').msg, "edge uses a port that does not exist: Dense has no output 'z'", ["'z'"])).toBe(
      "연결선이 없는 포트에 이어져 있습니다: 완전 연결층 노드에는 'z' 출력이 없습니다");
    expect(expectBilingual(byCode('port-type').msg, "cannot connect Dataset 'y' (target) to ReLU 'x' (tensor)")).toBe(
      '데이터셋 노드의 y 출력(타겟)을 ReLU 함수 노드의 x 입력(텐서)에 연결할 수 없습니다');
    expect(expectBilingual(byCode('fan-in').msg,
      "input 'x' of Dense already has a connection; use Add or Concatenate to merge branches", ['더하기', '이어 붙이기'])).toBe(
      '완전 연결층 노드의 x 입력에는 이미 연결이 있습니다. 갈래를 합치려면 더하기 노드나 이어 붙이기 노드를 쓰세요');
  });

  it('parameters out of range name the parameter in Korean', () => {
    const g = around('xor', [['out', 'Dense', { units: 0, init: 'golden' }]], ['data.x -> out.x', 'out.y -> loss.pred']);
    g.nodes.find((n) => n.id === 'sgd')!.params = { learningRate: 0 };
    const ps = problemsOf(g).filter((p) => p.code === 'param');
    const text = (nodeId: string, word: RegExp) => ps.find((p) => p.nodeId === nodeId && word.test(p.message))!;
    const units = text('out', /least/);
    expect(units.message).toBe('Units: must be at least 1');
    expect(expectBilingual(units.msg, units.message, ['뉴런 수'])).toBe('뉴런 수 (units): 1 이상이어야 합니다');
    const init = text('out', /one of/);
    const inits = ['normal1', 'normal001', 'xavierNormal', 'xavierUniform', 'heNormal', 'heUniform', 'zeros'];
    expect(expectBilingual(init.msg, init.message, ['가중치 초기값', ...inits])).toMatch(/^가중치 초기값: 다음 중 하나여야 합니다: normal1, /);
    const lr = text('sgd', /greater/);
    expect(expectBilingual(lr.msg, lr.message)).toBe('학습률 (learning rate): 0보다 커야 합니다');
  });

  it('the roles: no data, loss or optimiser; two of one; no Training node; unused nodes; a step behind weights', () => {
    const empty = problemsOf(makeGraph([['r', 'ReLU']], []));
    for (const code of ['no-data', 'no-loss', 'no-optimizer']) {
      const p = empty.find((q) => q.code === code)!;
      expect(expectBilingual(p.msg, p.message)).toMatch(/^그래프에 .+ 노드가 없습니다\. 팔레트에서 추가하세요$/);
    }
    const noTraining = empty.find((q) => q.code === 'no-training')!;
    expect(noTraining.message).toBe('no Training node: default settings are used (10 epochs, batch 32)');
    expect(expectBilingual(noTraining.msg, noTraining.message)).toBe('학습 설정 노드가 없어 기본 설정(에폭 10번, 미니 배치 32)으로 학습합니다');
    const two = around('and', [['d', 'Dense', { units: 1 }], ['s', 'Step'], ['spare', 'Dense', { units: 3 }], ['sgd2', 'SGD']],
      ['data.x -> d.x', 'd.y -> s.x', 's.y -> loss.pred', 'data.x -> spare.x'], 'MSE');
    // The first optimiser in the file counts; 'sgd' comes after 'sgd2' there.
    expect(expectBilingual(only(two, 'duplicate-role', 'sgd').msg, 'only one optimizer node per graph is supported'))
      .toBe('그래프에는 최적화 기법 노드를 하나만 둘 수 있습니다');
    expect(expectBilingual(only(two, 'unused', 'spare').msg, 'is not connected to the loss, so it does not take part in training'))
      .toBe('손실 함수에 이어져 있지 않아 학습에 참여하지 않습니다');
    const step = only(two, 'zero-gradient', 's');
    expect(expectBilingual(step.msg, step.message, ['퍼셉트론 규칙'])).toMatch(/^계단 함수의 기울기는/);
  });

  it('a From-file node without data', () => {
    const g = makeGraph([['file', 'DataFile'], ['out', 'Dense', { units: 2 }]], ['file.x -> out.x']);
    const p = only(g, 'no-data', 'file');
    expect(expectBilingual(p.msg, p.message)).toBe('아직 가져온 데이터가 없습니다: 인스펙터에서 파일(CSV, IDX)이나 이미지 폴더를 고르세요');
  });
});

describe('GraphError and formatProblem', () => {
  it('lists every error in the reader\'s language', () => {
    const g = makeGraph([['data', 'Dataset', { source: 'mnist' }], ['h', 'Dense'], ['ce', 'CrossEntropy'], ['t', 'Tanh']],
      ['data.x -> h.x', 'h.y -> ce.pred', 'data.y -> ce.y']);
    let error: unknown;
    try {
      compileGraph(g);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    const e = error as GraphError;
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('the graph has 3 errors:');
    expect(lines.slice(1)).toEqual(expect.arrayContaining([
      '  node h (Dense): expects (batch, features), got (batch, 28, 28, 1) — add Flatten',
      "  node t (Tanh): input 'x' is not connected",
      '  graph: the graph has no optimizer node; add one from the palette',
    ]));
    const korean = expectBilingual(e.msg, e.message, ['(batch, 28, 28, 1)', 'h', 't']).split('\n');
    expect(korean[0]).toBe('그래프에 오류가 3개 있습니다:');
    expect(korean.slice(1)).toEqual(expect.arrayContaining([
      '  노드 h (완전 연결층): 입력은 (batch, features) 형상이어야 하는데 (batch, 28, 28, 1) 형상이 들어왔습니다 — 평탄화 노드를 추가하세요',
      '  노드 t (tanh 함수): x 입력이 연결되어 있지 않습니다',
      '  그래프: 그래프에 최적화 기법 노드가 없습니다. 팔레트에서 추가하세요',
    ]));
    // The CLI prints each problem the same way in either language.
    for (const p of e.problems.filter((q) => q.severity === 'error')) {
      expect(lines).toContain(`  ${formatProblem(p, g)}`);
      expect(korean).toContain(`  ${formatProblem(p, g, 'ko')}`);
    }
  });

  it('says "1 error" for one, and keeps a problem without a Message readable', () => {
    const g = makeGraph([['a', 'Dense']], []);
    const one = new GraphError([{ severity: 'error', code: 'x', message: 'plain words', nodeId: 'a' }], g);
    expect(one.message).toBe('the graph has 1 error:\n  node a (Dense): plain words');
    expect(translateMessage('ko', one.msg!)).toBe('그래프에 오류가 1개 있습니다:\n  노드 a (완전 연결층): plain words');
    expect(formatProblem({ severity: 'warning', code: 'x', message: 'm', edgeId: 'e9' }, g, 'ko')).toBe('연결선 e9: m');
  });

  it('a NodeInferenceError keeps its Message', () => {
    const e = new NodeInferenceError({ key: 'problem.branches', vars: { count: 1 } }, 'missing-input', 'x');
    expect(e.message).toBe('needs at least two inputs, has 1');
    expect(e.msg?.key).toBe('problem.branches');
  });

  it('saved weights that do not fit say which, in Korean too', () => {
    const g = makeGraph([['data', 'Dataset'], ['out', 'Dense', { units: 2 }], ['ce', 'CrossEntropy'], ['sgd', 'SGD']],
      ['data.x -> out.x', 'out.y -> ce.pred', 'data.y -> ce.y', 'ce.loss -> sgd.loss']);
    const model = compileGraph(g).model;
    const weights = exportWeights(model);
    const kernel = weights.get('out.kernel')!;
    weights.set('out.kernel', { ...kernel, shape: [4, 1] });
    weights.delete('out.bias');
    weights.set('ghost.kernel', kernel);
    let error: unknown;
    try {
      importWeights(model, weights);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeepWireError);
    const e = error as DeepWireError;
    expect(e.message).toBe("The saved weights do not fit this graph (was it edited after training?): 'ghost.kernel' does not belong to this network; " +
      "'out.kernel' has shape (4, 1), the network needs (2, 2); 'out.bias' is missing");
    expectBilingual(e.msg, e.message, ["'ghost.kernel'", "'out.kernel'", "'out.bias'", '(4, 1)', '(2, 2)']);
  });
});

describe('every problem has a Message', () => {
  /** Each example, and each example with one wire or one node taken away. */
  function brokenExamples(): Graph[] {
    const out: Graph[] = [];
    for (const { graph } of EXAMPLES) {
      out.push(graph);
      graph.edges.forEach((_, i) => out.push({ nodes: graph.nodes, edges: graph.edges.filter((__, j) => j !== i) }));
      for (const node of graph.nodes) {
        out.push({ nodes: graph.nodes.filter((n) => n !== node), edges: graph.edges.filter((e) => e.source !== node.id && e.target !== node.id) });
      }
    }
    return out;
  }

  const expectMessages = (problems: readonly Problem[]) => {
    for (const p of problems) {
      expect(p.msg, `${p.code}: ${p.message}`).toBeDefined();
      expect(englishText(p.msg!)).toBe(p.message);
      expect(translateMessage('ko', p.msg!)).toMatch(HANGUL);
    }
    return [...new Set(problems.map((p) => p.code))].sort();
  };

  it('in the examples broken one piece at a time, with Korean for each', () => {
    const codes = expectMessages(brokenExamples().flatMap((g) => validateGraph(g).problems));
    expect(codes).toEqual(['missing-input', 'no-data', 'no-loss', 'no-optimizer', 'no-training', 'unused', 'zero-gradient']);
  });

  it('in every problem these tests met: each code validation can give', () => {
    expect(expectMessages(met)).toEqual([
      'cycle', 'dangling-edge', 'duplicate-id', 'duplicate-role', 'fan-in', 'loss-mismatch', 'missing-input', 'no-data', 'no-loss',
      'no-optimizer', 'no-training', 'param', 'port-type', 'shape', 'unknown-kind', 'unknown-port', 'unused', 'zero-gradient',
    ]);
  });

  it('and every problem key is in both catalogues, used by the engine', () => {
    const keys = Object.keys(en).filter((k) => k.startsWith('problem.'));
    expect(keys.length).toBeGreaterThan(80);
    for (const k of keys) expect(Object.prototype.hasOwnProperty.call(ko, k), k).toBe(true);
  });
});
