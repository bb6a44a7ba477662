/** The learning lab's texts: the shell's here, each experiment's next to it (merged in i18n/ui.ts). */
import * as gradcheck from './GradCheck/messages';
import * as init from './Init/messages';
import * as paths from './Paths/messages';
import * as runs from './Runs/messages';
import * as search from './Search/messages';

const shellEn = {
  'panel.lab.title': 'Lab',
  'panel.lab.experiments': 'Experiments',
  'lab.exp.paths': 'Optimizer paths',
  'lab.exp.paths.hint': 'SGD, Momentum, AdaGrad, RMSProp and Adam on f(x, y) = x²/20 + y²',
  'lab.exp.init': 'Weight initialization',
  'lab.exp.init.hint': 'Hidden-layer activations for σ = 1, σ = 0.01, Xavier and He',
  'lab.exp.batchnorm': 'Batch normalization',
  'lab.exp.batchnorm.hint': 'The same net with and without BatchNorm, same seed',
  'lab.exp.overfitting': 'Overfitting',
  'lab.exp.overfitting.hint': 'A big net on few digits; then weight decay and dropout',
  'lab.exp.gradcheck': 'Gradient check',
  'lab.exp.gradcheck.hint': 'Backprop against numerical gradients for your graph',
  'lab.exp.perceptron': 'Perceptron and XOR',
  'lab.exp.perceptron.hint': 'AND and OR learned, XOR failed; two layers solve it',
  'lab.exp.search': 'Hyperparameter search',
  'lab.exp.search.hint': 'Random log-scale search on the validation split',
  'lab.exp.paired': 'Paired run',
  'lab.exp.paired.hint': 'Your graph again with one change and the same seed',
} as const;

const shellKo: Record<keyof typeof shellEn, string> = {
  'panel.lab.title': '실험실',
  'panel.lab.experiments': '실험',
  'lab.exp.paths': '최적화 기법의 경로',
  'lab.exp.paths.hint': 'f(x, y) = x²/20 + y² 위의 SGD, 모멘텀(momentum), AdaGrad, RMSProp, Adam',
  'lab.exp.init': '가중치 초기값',
  'lab.exp.init.hint': 'σ = 1, σ = 0.01, Xavier, He 초기값에 따른 은닉층(hidden layer) 활성화값 분포',
  'lab.exp.batchnorm': '배치 정규화',
  'lab.exp.batchnorm.hint': '같은 신경망을 배치 정규화(batch normalization) 유무로, 같은 시드로 학습',
  'lab.exp.overfitting': '과적합',
  'lab.exp.overfitting.hint': '적은 데이터에 큰 신경망, 그리고 가중치 감소(weight decay)와 드롭아웃(dropout)',
  'lab.exp.gradcheck': '기울기 확인',
  'lab.exp.gradcheck.hint': '내 그래프에서 오차역전파법(backpropagation)과 수치 미분(numerical differentiation)의 기울기(gradient) 비교',
  'lab.exp.perceptron': '퍼셉트론과 XOR',
  'lab.exp.perceptron.hint': 'AND, OR는 배우고 XOR는 못 배운다; 2층이면 풀린다',
  'lab.exp.search': '하이퍼파라미터 최적화',
  'lab.exp.search.hint': '검증 데이터(validation data)로 로그 스케일 무작위 탐색',
  'lab.exp.paired': '짝 실행',
  'lab.exp.paired.hint': '내 그래프에서 하나만 바꿔 같은 시드로 다시 학습',
};

export const en = { ...shellEn, ...paths.en, ...init.en, ...runs.en, ...search.en, ...gradcheck.en };
export const ko = { ...shellKo, ...paths.ko, ...init.ko, ...runs.ko, ...search.ko, ...gradcheck.ko };
