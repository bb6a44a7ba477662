/**
 * The course's glossary as data: each technical term the Korean texts use, as the course
 * (intro-to-deep-learning.ko) writes it, with the English a learner would look it up by; and the
 * other Korean words for those terms that the course never uses, so the app does not drift from
 * the course's vocabulary. test/courseTerms.test.ts holds every Korean text to both.
 *
 * Matching ignores spacing inside a term: the course itself writes 손실 함수 and 손실함수,
 * 경사 하강법 and 경사하강법, 출력층 and 출력 층, so either spelling is the same term. English
 * matches case-insensitively at the start of a word, so 'epochs' names 'epoch'.
 *
 * Pure data and string functions: no DOM, no Node (engine core).
 */

/** One term of the glossary. */
export interface GlossaryTerm {
  /** The Korean term as the course writes it in its headings (or, for `source: 'app'`, as the app does). */
  readonly ko: string;
  /**
   * Other Korean spellings that are the same term and count as a use of it: ones the course
   * also writes (가중치 초기화, 오버피팅, 역전파), or a shorter form the app writes for a node
   * (교차 엔트로피).
   */
  readonly koForms?: readonly string[];
  /** English names: the first is the one to write beside the Korean; any of them counts as naming it. */
  readonly en: readonly [string, ...string[]];
  /**
   * 'course': the Korean is the course's word. 'app': the course has no Korean word for it (it
   * never says epoch, and calls the shape of a tensor 크기), so the term is the one the app uses.
   */
  readonly source: 'course' | 'app';
}

/** Korean words for a glossary concept that the course does not use, with the course's term to use instead. */
export interface NonCourseVariant {
  readonly pattern: RegExp;
  /** What to write instead. */
  readonly use: string;
  /** The variant is fine in a text that also uses this term (the course's gloss "과적합 (오버피팅)"). */
  readonly besideTerm?: string;
}

/** The glossary, in the course's order of topics. */
export const GLOSSARY: readonly GlossaryTerm[] = [
  // 신경망을 위한 데이터 표현, 텐서 연산
  { ko: '텐서', en: ['tensor'], source: 'course' },
  { ko: '형상', en: ['shape'], source: 'app' },
  { ko: '브로드캐스팅', en: ['broadcasting', 'broadcast'], source: 'course' },
  { ko: '점곱', en: ['dot product'], source: 'course' },
  // 신경망 요소
  { ko: '퍼셉트론', en: ['perceptron'], source: 'course' },
  { ko: '은닉층', en: ['hidden layer', 'hidden'], source: 'course' },
  { ko: '입력층', en: ['input layer'], source: 'course' },
  { ko: '출력층', en: ['output layer'], source: 'course' },
  { ko: '편향', en: ['bias'], source: 'course' },
  { ko: '활성화 함수', en: ['activation function', 'activation'], source: 'course' },
  { ko: '계단 함수', en: ['step function', 'step'], source: 'course' },
  // The course writes "Sigmoid 함수" in English; the Korean spelling is the app's.
  { ko: '시그모이드', en: ['sigmoid'], source: 'app' },
  { ko: '하이퍼볼릭 탄젠트', en: ['hyperbolic tangent', 'tanh'], source: 'course' },
  { ko: '소프트맥스', en: ['softmax'], source: 'course' },
  { ko: '항등 함수', en: ['identity function', 'identity'], source: 'course' },
  { ko: '합성곱', en: ['convolution', 'convolutional', 'Conv2D', 'CNN'], source: 'course' },
  // 신경망 학습, 손실 함수
  { ko: '손실 함수', en: ['loss function', 'loss'], source: 'course' },
  { ko: '평균 제곱 오차', en: ['mean squared error', 'MSE'], source: 'course' },
  { ko: '교차 엔트로피 오차', koForms: ['교차 엔트로피'], en: ['cross-entropy error', 'cross-entropy', 'cross entropy'], source: 'course' },
  { ko: '미니 배치', en: ['mini-batch', 'minibatch', 'mini batch', 'batch'], source: 'course' },
  { ko: '정확도', en: ['accuracy'], source: 'course' },
  // 미분, 기울기, 경사 하강법
  { ko: '수치 미분', en: ['numerical differentiation', 'numerical gradient', 'numerical derivative', 'numerical'], source: 'course' },
  { ko: '편미분', en: ['partial derivative'], source: 'course' },
  { ko: '중심 차분', en: ['central difference'], source: 'course' },
  { ko: '기울기', en: ['gradient', 'slope'], source: 'course' },
  { ko: '기울기 소실', en: ['vanishing gradient', 'gradient vanishing'], source: 'course' },
  { ko: '경사 하강법', en: ['gradient descent'], source: 'course' },
  { ko: '학습률', en: ['learning rate'], source: 'course' },
  { ko: '오차역전파법', koForms: ['오차 역전파', '역전파'], en: ['backpropagation', 'backprop', 'backward pass'], source: 'course' },
  // 매개변수 갱신
  { ko: '최적화 기법', en: ['optimizer', 'optimization'], source: 'course' },
  { ko: '확률적 경사 하강법', en: ['stochastic gradient descent', 'SGD'], source: 'course' },
  { ko: '모멘텀', en: ['momentum'], source: 'course' },
  { ko: '지수 이동 평균', en: ['exponential moving average', 'EMA'], source: 'course' },
  { ko: '가중치 초기값', koForms: ['가중치 초기화'], en: ['weight initialization', 'initial weights', 'initialization', 'initializer'], source: 'course' },
  { ko: '배치 정규화', en: ['batch normalization', 'batch normalisation', 'BatchNorm', 'batch norm'], source: 'course' },
  // 과적합
  { ko: '과적합', koForms: ['오버피팅'], en: ['overfitting', 'overfit'], source: 'course' },
  { ko: '가중치 감소', en: ['weight decay'], source: 'course' },
  { ko: '규제', en: ['regularization', 'regularisation', 'regularizer', 'L1', 'L2'], source: 'course' },
  { ko: '드롭아웃', en: ['dropout'], source: 'course' },
  { ko: '하이퍼파라미터', en: ['hyperparameter'], source: 'course' },
  { ko: '검증 데이터', en: ['validation data', 'validation split', 'validation set', 'validation'], source: 'course' },
  // The course counts in passes over the training data but never names them; 에폭 is the app's word.
  { ko: '에폭', en: ['epoch'], source: 'app' },
];

/**
 * Words for glossary concepts that the course never uses. Spelling inside the course's own range
 * (손실함수, 경사하강법, 하이퍼 파라미터, 매개 변수) is not listed: the course writes both.
 */
export const NON_COURSE_VARIANTS: readonly NonCourseVariant[] = [
  { pattern: /러닝\s*레이트|학습율/, use: '학습률' },
  { pattern: /에포크|에포치|이포크/, use: '에폭' },
  { pattern: /그래디언트|그레이디언트/, use: '기울기' },
  { pattern: /가중치\s*감쇠|웨이트\s*디케이/, use: '가중치 감소' },
  { pattern: /드랍\s*아웃|드롭\s+아웃/, use: '드롭아웃' },
  { pattern: /배치\s*노멀|배치\s*놈/, use: '배치 정규화' },
  { pattern: /크로스\s*엔트로피/, use: '교차 엔트로피 오차' },
  { pattern: /비용\s*함수|코스트\s*함수/, use: '손실 함수' },
  { pattern: /활성(?!화)\s*함수/, use: '활성화 함수' },
  { pattern: /스텝\s*함수/, use: '계단 함수' },
  { pattern: /(?:히든|은닉)\s*레이어/, use: '은닉층' },
  { pattern: /(?:출력|아웃풋)\s*레이어/, use: '출력층' },
  { pattern: /(?:입력|인풋)\s*레이어/, use: '입력층' },
  // The course's layer is 층 (은닉층, 출력층, "층 기반 표현 학습"); 계층 only in 계층적.
  { pattern: /계층(?!적)/, use: '층' },
  { pattern: /바이어스/, use: '편향' },
  { pattern: /초깃값|초기치/, use: '초기값' },
  { pattern: /운동량/, use: '모멘텀' },
  { pattern: /정칙화/, use: '규제' },
  { pattern: /과대\s*적합|과잉\s*적합/, use: '과적합' },
  // The course heads the topic 과적합 and glosses it (오버피팅): the app names it 과적합.
  { pattern: /오버피팅/, use: '과적합', besideTerm: '과적합' },
  { pattern: /밸리데이션|검증\s*(?:세트|셋)/, use: '검증 데이터' },
  // The course's data are 훈련 데이터, 검증 데이터 and 테스트 데이터.
  { pattern: /학습\s*데이터/, use: '훈련 데이터' },
  { pattern: /시험\s*(?:데이터|이미지|세트|셋)/, use: '테스트 데이터' },
  { pattern: /시험\s*정확도/, use: '테스트 정확도' },
  { pattern: /정답률/, use: '정확도' },
];

/** A glossary term found in a text, where it stands. */
export interface TermUse {
  readonly term: GlossaryTerm;
  /** The words as written in the text. */
  readonly written: string;
  readonly index: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form's pattern: any spacing between its letters, since the course spaces its terms both ways. */
function spacingFree(form: string): string {
  return [...form.replace(/\s+/g, '')].map(escapeRegExp).join('\\s*');
}

const KOREAN_PATTERNS = GLOSSARY.map((term) => ({
  term,
  pattern: new RegExp([term.ko, ...(term.koForms ?? [])].map(spacingFree).join('|'), 'g'),
}));

const ENGLISH_PATTERNS = new Map(
  GLOSSARY.map((term) => [
    term,
    new RegExp(`(?<![A-Za-z])(?:${term.en.map((e) => escapeRegExp(e).replace(/[ -]/g, '[\\s-]?')).join('|')})`, 'i'),
  ]),
);

/**
 * The glossary terms a Korean text uses, in order of appearance. Where terms overlap the longest
 * wins: 확률적 경사 하강법 is not also 경사 하강법, 기울기 소실 not also 기울기.
 */
export function termsIn(text: string): TermUse[] {
  const found: TermUse[] = [];
  for (const { term, pattern } of KOREAN_PATTERNS) {
    for (const m of text.matchAll(pattern)) found.push({ term, written: m[0], index: m.index });
  }
  found.sort((a, b) => b.written.length - a.written.length || a.index - b.index);
  const kept: TermUse[] = [];
  for (const use of found) {
    const end = use.index + use.written.length;
    if (!kept.some((k) => use.index < k.index + k.written.length && k.index < end)) kept.push(use);
  }
  return kept.sort((a, b) => a.index - b.index);
}

/** Whether `text` names `term` in English (any of its English names, any case). */
export function namesInEnglish(term: GlossaryTerm, text: string): boolean {
  return ENGLISH_PATTERNS.get(term)!.test(text);
}

/** Whether `text` explains `term`: it uses the Korean term and names it in English. */
export function glosses(term: GlossaryTerm, text: string): boolean {
  return namesInEnglish(term, text) && termsIn(text).some((u) => u.term === term);
}

/** A non-course word found in a text. */
export interface VariantUse {
  readonly written: string;
  readonly use: string;
}

/** The words of `text` the course does not use for a term it has. */
export function nonCourseVariantsIn(text: string): VariantUse[] {
  const found: VariantUse[] = [];
  for (const v of NON_COURSE_VARIANTS) {
    const m = v.pattern.exec(text);
    if (!m) continue;
    if (v.besideTerm !== undefined && text.includes(v.besideTerm)) continue;
    found.push({ written: m[0], use: v.use });
  }
  return found;
}
