/**
 * The Korean message catalogue. Terms follow the course (intro-to-deep-learning.ko): 활성화 함수,
 * 손실 함수, 확률적 경사 하강법, 가중치 초기값, 배치 정규화, 과적합, 드롭아웃, 미니 배치, 학습률,
 * 검증 데이터, 은닉층, 출력층, 편향, 가중치 감소, …, with the English term in parentheses where a
 * learner would look it up. Node titles stay short (no parentheses); the help line names the
 * English term instead.
 *
 * Typed to have exactly en's keys: a key missing here, or one en lacks, is a type error.
 */
import type { en } from './en';

export const ko: Record<keyof typeof en, string> = {
  // --- 분류 -------------------------------------------------------------------------------------
  'category.Data': '데이터',
  'category.Layer': '층 (Layer)',
  'category.Activation': '활성화 함수',
  'category.Loss': '손실 함수',
  'category.Optimizer': '최적화 기법',
  'category.Training': '학습',

  // --- 포트 -------------------------------------------------------------------------------------
  'port.x': '입력 x',
  'port.y': '출력 y',
  'port.pred': '예측값',
  'port.loss': '손실',

  // --- 데이터 -----------------------------------------------------------------------------------
  'node.Dataset.label': '데이터셋',
  'node.Dataset.help':
    '훈련 샘플 x와 타겟 y를 공급합니다: 논리 게이트(AND, OR, XOR, NAND), 2차원 예제(나선, 반달, 동심원), 붓꽃(Iris), MNIST 손글씨 숫자.',
  'node.Dataset.port.x': '샘플 x',
  'node.Dataset.port.y': '타겟 y',
  'node.Dataset.param.seed.label': '데이터 시드',
  'node.Dataset.param.seed.help':
    '생성되는 점(나선, 반달, 동심원)과 MNIST 부분 집합을 정하는 시드 (seed). 나머지는 학습 설정의 시드가 정합니다.',

  // --- 층 ---------------------------------------------------------------------------------------
  'node.Dense.label': '완전 연결층',
  'node.Dense.help':
    '모든 입력이 모든 뉴런과 연결된 층 (Dense): y = x·W + b (W 가중치, b 편향). ReLU 앞에는 He, Sigmoid·tanh 앞에는 Xavier 초기값을 씁니다.',
  'node.Conv2D.label': '합성곱 (Conv2D)',
  'node.Conv2D.help':
    '학습되는 작은 필터를 이미지 (batch, height, width, channels) 위로 밀며 계산하는 합성곱 층 (convolution). 필터 하나가 출력 채널 하나가 됩니다.',
  'node.MaxPool2D.label': '최대 풀링',
  'node.MaxPool2D.help': '풀링 창마다 가장 큰 값만 남겨 특징 맵을 줄입니다 (max pooling). 작은 위치 변화에 덜 민감해집니다.',
  'node.MaxPool2D.param.stride.help': '창이 한 번에 이동하는 칸 수. 0이면 풀링 크기와 같아 창이 겹치지 않습니다.',
  'node.AvgPool2D.label': '평균 풀링',
  'node.AvgPool2D.help': '풀링 창마다 평균을 내어 특징 맵을 줄입니다 (average pooling).',
  'node.AvgPool2D.param.stride.help': '창이 한 번에 이동하는 칸 수. 0이면 풀링 크기와 같아 창이 겹치지 않습니다.',
  'node.Flatten.label': '평탄화',
  'node.Flatten.help':
    '샘플 하나를 1차원 벡터로 펼칩니다 (flatten). 예: (batch, 28, 28, 1) → (batch, 784). 완전 연결층 앞에 씁니다.',
  'node.Reshape.label': '크기 변환',
  'node.Reshape.help': '원소 개수는 그대로 두고 샘플 하나의 크기를 바꿉니다 (reshape). 예: 784 → 28 × 28 × 1.',
  'node.BatchNorm.label': '배치 정규화',
  'node.BatchNorm.help':
    '미니 배치 단위로 각 특징을 평균 0, 분산 1로 정규화한 뒤 γ, β로 조정합니다 (batch normalization). 학습이 빨라지고 초기값에 덜 의존합니다.',
  'node.BatchNorm.param.momentum.label': '이동 평균 계수',
  'node.BatchNorm.param.momentum.help':
    '추론 때 배치 통계 대신 쓰는 이동 평균(평균·분산)을 갱신할 때 이전 값의 비중 (momentum).',
  'node.BatchNorm.param.epsilon.help': '제곱근을 구하기 전에 분산에 더하는 아주 작은 값: x̂ = (x − μ) / √(σ² + ε).',
  'node.Dropout.label': '드롭아웃',
  'node.Dropout.help':
    '학습 중 단계마다 뉴런을 무작위로 삭제해 (나머지는 키워서) 과적합(오버피팅)을 억제합니다 (dropout). 추론 때는 모두 통과시킵니다.',
  'node.Add.label': '더하기',
  'node.Add.help': '입력들을 원소별로 더합니다 (add). 입력의 크기가 같아야 합니다 (예: 잔차 연결).',
  'node.Concat.label': '이어 붙이기',
  'node.Concat.help': '입력들을 마지막 축(특징 또는 채널)을 따라 이어 붙입니다 (concatenate).',

  // --- 활성화 함수 ------------------------------------------------------------------------------
  'node.Step.label': '계단 함수',
  'node.Step.help':
    'x > 0이면 1, 아니면 0을 출력합니다 (step function). 기울기가 0이라 오차 역전파로는 학습할 수 없으니 퍼셉트론 옵티마이저를 쓰세요.',
  'node.Sigmoid.label': 'Sigmoid 함수',
  'node.Sigmoid.help': '입력을 0과 1 사이로 압축합니다: σ(x) = 1 / (1 + e^(−x)) (sigmoid). Xavier 초기값과 잘 맞습니다.',
  'node.Tanh.label': 'tanh 함수',
  'node.Tanh.help': '하이퍼볼릭 탄젠트 (tanh): 입력을 −1과 1 사이로 압축하며 0을 중심으로 합니다. Xavier 초기값과 잘 맞습니다.',
  'node.ReLU.label': 'ReLU 함수',
  'node.ReLU.help': 'max(0, x): 양수는 그대로, 음수는 0으로 내보냅니다 (ReLU). 은닉층에 흔히 쓰며 He 초기값과 잘 맞습니다.',
  'node.LeakyReLU.label': 'Leaky ReLU 함수',
  'node.LeakyReLU.help': 'ReLU와 같지만 음수는 α배로 통과시켜 (x > 0이면 x, 아니면 αx) 뉴런이 완전히 죽지 않습니다 (leaky ReLU).',
  'node.Softmax.label': '소프트맥스',
  'node.Softmax.help':
    '출력층의 점수를 합이 1인 확률로 바꿉니다: yₖ = exp(aₖ) / Σᵢ exp(aᵢ) (softmax). 분류에 씁니다.',
  'node.Identity.label': '항등 함수',
  'node.Identity.help': '입력을 그대로 출력합니다 (identity). 회귀의 출력 함수로 씁니다.',

  // --- 손실 함수 --------------------------------------------------------------------------------
  'node.MSE.label': '평균 제곱 오차',
  'node.MSE.help':
    '평균 제곱 오차 (MSE): 샘플마다 ½Σ(y−t)²를 구해 배치에 대해 평균합니다. 회귀에 쓰며, 클래스 타겟은 원-핫 벡터로 바뀝니다.',
  'node.MSE.port.y': '타겟 y',
  'node.CrossEntropy.label': '교차 엔트로피',
  'node.CrossEntropy.help':
    '분류용 교차 엔트로피 오차 (cross-entropy) −Σ t·log y. 원시 점수를 받으며, 바로 앞의 소프트맥스와 합쳐 정확하고 안정적으로 계산합니다.',
  'node.CrossEntropy.port.y': '타겟 y',
  'node.BinaryCrossEntropy.label': '이진 교차 엔트로피',
  'node.BinaryCrossEntropy.help':
    '출력 유닛 하나로 두 클래스를 가르는 이진 교차 엔트로피 (binary cross-entropy). 원시 점수를 받으며, 바로 앞의 Sigmoid와 합쳐 정확하고 안정적으로 계산합니다.',
  'node.BinaryCrossEntropy.port.y': '타겟 y',

  // --- 최적화 기법 ------------------------------------------------------------------------------
  'node.SGD.label': 'SGD',
  'node.SGD.help': '확률적 경사 하강법 (stochastic gradient descent): 미니 배치마다 W ← W − η·∂L/∂W.',
  'node.Momentum.label': '모멘텀',
  'node.Momentum.help': 'SGD에 속도 개념을 더한 방법 (momentum): v ← αv − η·∂L/∂W, W ← W + v. 평평한 곳을 지나가고 지그재그를 줄입니다.',
  'node.AdaGrad.label': 'AdaGrad',
  'node.AdaGrad.help': '가중치마다 학습률을 조정합니다: h ← h + g⊙g, W ← W − η·g / (√h + ε). 학습할수록 학습률이 작아집니다.',
  'node.RMSProp.label': 'RMSProp',
  'node.RMSProp.help': '최근 기울기를 크게 반영(지수 이동 평균)하는 AdaGrad: h ← ρh + (1 − ρ)·g⊙g, W ← W − η·g / (√h + ε).',
  'node.Adam.label': 'Adam',
  'node.Adam.help': '모멘텀과 RMSProp을 합치고 편향을 보정한 방법: g와 g²의 이동 평균 m, v로 W ← W − η·m̂ / (√v̂ + ε).',
  'node.Perceptron.label': '퍼셉트론 규칙',
  'node.Perceptron.help':
    '계단 함수 유닛 한 층을 위한 로젠블라트의 학습 규칙 (perceptron): w ← w + η(t − y)x. 단층 퍼셉트론은 XOR을 풀 수 없습니다.',

  // --- 학습 -------------------------------------------------------------------------------------
  'node.Training.label': '학습 설정',
  'node.Training.help': '학습 방법을 정합니다: 에폭 수, 미니 배치 크기, 검증 데이터 비율, 섞기, 시드, 백엔드(CPU 또는 WebGPU).',

  // --- 매개변수 (공통) --------------------------------------------------------------------------
  'param.units.label': '뉴런 수 (units)',
  'param.units.help': '이 층의 뉴런(출력) 수. 출력층에서는 분류하려는 클래스 수로 정합니다.',
  'param.init.label': '가중치 초기값',
  'param.init.help':
    '가중치의 초기값 (weight initialization). N(0,1)은 기울기 소실, N(0,0.01)은 뉴런이 모두 비슷해지는 문제가 있습니다. Sigmoid·tanh에는 Xavier, ReLU에는 He.',
  'param.useBias.label': '편향 사용 (bias)',
  'param.useBias.help': '출력마다 학습되는 편향 b를 더합니다 (y = x·W + b).',
  'param.regularizer.label': '가중치 감소',
  'param.regularizer.help':
    '큰 가중치에 패널티를 부과해 과적합을 억제합니다 (weight decay): L1은 λΣ|W|, L2는 λΣW²를 손실에 더합니다 (편향 제외).',
  'param.lambda.label': 'λ (규제 강도)',
  'param.lambda.help': 'L1/L2 패널티의 세기. 클수록 가중치를 0 쪽으로 강하게 끌어당깁니다.',
  'param.learningRate.label': '학습률 (learning rate)',
  'param.learningRate.help':
    'η: 한 번의 갱신에서 기울기 방향으로 이동하는 양. 너무 크면 발산하고, 너무 작으면 학습이 거의 진행되지 않습니다.',
  'param.epsilon.label': 'ε (엡실론)',
  'param.epsilon.help': '0으로 나누는 것을 막는 아주 작은 값.',
  'param.filters.label': '필터 수 (filters)',
  'param.filters.help': '필터의 개수, 곧 출력 채널 수.',
  'param.kernelSize.label': '필터 크기 (kernel)',
  'param.kernelSize.help': '필터 하나의 높이와 너비 (3이면 3×3).',
  'param.stride.label': '스트라이드 (stride)',
  'param.stride.help': '창이 한 번에 이동하는 칸 수. 2면 높이와 너비가 절반이 됩니다.',
  'param.padding.label': '패딩 (padding)',
  'param.padding.help': 'same: 가장자리를 0으로 채워 스트라이드 1에서 크기를 유지합니다. valid: 패딩 없이 출력이 줄어듭니다.',
  'param.dilation.label': '팽창 (dilation)',
  'param.dilation.help': '필터 원소 사이의 간격. 2면 3×3 필터가 가중치를 늘리지 않고 5×5 범위를 봅니다.',
  'param.poolSize.label': '풀링 크기',
  'param.poolSize.help': '풀링 창의 높이와 너비 (2이면 2×2).',
  'param.rate.label': '드롭 비율 (rate)',
  'param.rate.help': '학습 단계마다 삭제할 뉴런의 비율 (0.5면 절반).',
  'param.momentum.label': '모멘텀 계수 (α)',
  'param.momentum.help': 'α: 단계마다 이전 속도를 얼마나 유지할지 (강의에서는 0.9).',
  'param.alpha.label': '기울기 α',
  'param.alpha.help': '음수 입력의 기울기: 0.01이면 음수 x에 대해 0.01x를 출력합니다.',
  'param.decay.label': '감쇠율 (ρ)',
  'param.decay.help': 'ρ: 기울기 제곱의 이동 평균에서 이전 값을 유지하는 비율. 작을수록 빨리 잊습니다.',
  'param.beta1.label': 'β₁ (beta 1)',
  'param.beta1.help': 'β₁: 기울기 이동 평균(모멘텀 부분)의 감쇠율, 보통 0.9.',
  'param.beta2.label': 'β₂ (beta 2)',
  'param.beta2.help': 'β₂: 기울기 제곱 이동 평균의 감쇠율, 보통 0.999.',
  'param.epochs.label': '에폭 수 (epochs)',
  'param.epochs.help': '전체 훈련 데이터를 몇 번 반복해서 학습할지.',
  'param.batchSize.label': '미니 배치 크기',
  'param.batchSize.help': '미니 배치 하나의 샘플 수 (batch size). 갱신마다 이만큼의 손실과 기울기를 평균합니다.',
  'param.validationSplit.label': '검증 데이터 비율',
  'param.validationSplit.help': '과적합을 확인하려고 훈련 데이터에서 떼어 두는 검증 데이터의 비율 (validation split, 0.2 = 20%).',
  'param.shuffle.label': '섞기 (shuffle)',
  'param.shuffle.help': '에폭마다 훈련 샘플의 순서를 섞습니다.',
  'param.seed.label': '시드 (seed)',
  'param.seed.help': '초기화, 섞기, 드롭아웃의 난수를 정합니다. 같은 백엔드에서 시드가 같으면 결과도 같습니다.',
  'param.backend.label': '백엔드 (backend)',
  'param.backend.help': '학습을 실행할 곳: CPU 스레드 또는 WebGPU를 통한 GPU. 자동이면 알아서 고릅니다.',
  'param.threads.label': 'CPU 스레드 수 (threads)',
  'param.threads.help': 'CPU에서 학습할 스레드 수. 0이면 모든 코어를 씁니다. 스레드 수가 달라도 결과는 같고 속도만 달라집니다.',
  'param.source.label': '데이터 종류',
  'param.source.help': '학습할 데이터: 논리 게이트, 2차원 예제, 붓꽃(Iris), MNIST 손글씨 숫자.',
  'param.samples.label': '샘플 수',
  'param.samples.help': '생성할 점의 개수 (나선, 반달, 동심원).',
  'param.noise.label': '노이즈 (noise)',
  'param.noise.help': '생성되는 점(나선, 반달, 동심원)에 섞는 무작위 노이즈의 표준편차.',
  'param.classes.label': '클래스 수',
  'param.classes.help': '나선 팔의 개수, 곧 클래스 수 (나선 전용).',
  'param.factor.label': '안쪽 반지름',
  'param.factor.help': '바깥 고리에 대한 안쪽 원의 반지름 비율 (동심원 전용). 1에 가까울수록 가르기 어렵습니다.',
  'param.limit.label': '샘플 수 제한',
  'param.limit.help': '이만큼의 샘플만으로 학습합니다 (0이면 전부). 데이터가 적으면 과적합을 쉽게 볼 수 있습니다.',
  'param.normalize.label': '입력 정규화',
  'param.normalize.help': '훈련 데이터의 통계만으로 입력의 범위를 맞춥니다 (normalization). 검증 데이터의 정보가 새지 않습니다.',
  'param.shape.label': '크기 (shape)',
  'param.shape.help': '배치 축을 뺀 샘플 하나의 새 크기, 예: 28, 28, 1. 하나는 -1로 두면 자동으로 계산합니다.',

  // --- 선택지 -----------------------------------------------------------------------------------
  'option.init.normal1': '정규분포 σ=1',
  'option.init.normal001': '정규분포 σ=0.01',
  'option.init.xavierNormal': 'Xavier (정규분포)',
  'option.init.xavierUniform': 'Xavier (균등분포)',
  'option.init.heNormal': 'He (정규분포)',
  'option.init.heUniform': 'He (균등분포)',
  'option.init.zeros': '모두 0',
  'option.regularizer.none': '없음',
  'option.regularizer.l1': 'L1 (λΣ|W|)',
  'option.regularizer.l2': 'L2 (λΣW²)',
  'option.padding.valid': 'valid (패딩 없음)',
  'option.padding.same': 'same (크기 유지)',
  'option.backend.auto': '자동',
  'option.backend.cpu': 'CPU',
  'option.backend.webgpu': 'WebGPU (GPU)',
  'option.normalize.none': '없음',
  'option.normalize.standardize': '표준화 (평균 0, 표준편차 1)',
  'option.normalize.minmax': '최소-최대 [0, 1]',
  'option.source.and': 'AND 게이트',
  'option.source.or': 'OR 게이트',
  'option.source.xor': 'XOR 게이트',
  'option.source.nand': 'NAND 게이트',
  'option.source.spirals': '나선 (spirals)',
  'option.source.moons': '반달 (moons)',
  'option.source.circles': '동심원 (circles)',
  'option.source.iris': '붓꽃 (Iris)',
  'option.source.mnist': 'MNIST 손글씨 숫자',
};
