/**
 * Catalogue section: lab messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 *
 * The learning lab's errors: a typed function f(x, y) that does not parse (engine/lab/expression.ts;
 * `{column}` is the 1-based character), a search's ranges (search.ts), graph variants (variants.ts),
 * the initialisation experiment (initActivations.ts), optimiser paths (paths.ts), and the editor's
 * lab runner (renderer/src/lab). The English texts are the ones the engine has always thrown.
 */
export const labEn = {
  // --- The function f(x, y) --------------------------------------------------------------------
  'labError.expression.unexpectedChar': "unexpected '{char}' at character {column}: use numbers, x, y, + − * / ^, parentheses and {functions}",
  'labError.expression.tooDeep': 'the function nests too deeply at character {column} (at most {max} levels)',
  'labError.expression.empty': 'the function is empty: type one of x and y, e.g. x^2/20 + y^2',
  'labError.expression.unmatchedClose': "unexpected ')' at character {column}: it closes no '('",
  'labError.expression.missingOperator': "unexpected '{token}' at character {column}: expected an operator (+ − * / ^) before it",
  'labError.expression.needsParentheses': "'{name}' at character {column} needs its argument in parentheses, e.g. {name}(x)",
  'labError.expression.unknownName': "unknown name '{name}' at character {column}: use x, y, pi, e or {functions}",
  'labError.expression.missingValue': "unexpected '{token}' at character {column}: a value is missing before it",
  'labError.expression.endsEarly': 'the function ends too early at character {column}: a value is missing',
  'labError.expression.missingClose': "missing ')' for the '(' at character {column}",
  'labError.expression.tooLong': 'the function is too long ({length} characters; at most {max})',
  'labError.expression.notDifferentiable': '{fn} can be plotted but the engine has no differentiable op for it',

  // --- Hyperparameter search -------------------------------------------------------------------
  'labError.search.duplicate': "search: '{id}' is listed twice",
  'labError.search.notNumbers': "search: the range of '{id}' must be two numbers, got {min} … {max}",
  'labError.search.emptyRange': "search: the range of '{id}' is empty ({min} … {max}): the lower end must be below the upper",
  'labError.search.logNotPositive': "search: '{id}' is sampled on a log scale, so its range must be above 0 (got {min} … {max})",
  'labError.search.noWholeNumber': "search: the range of '{id}' holds no whole number ({min} … {max})",
  'labError.search.trialCount': 'search: the number of trials must be a whole number from 1 to {max}, got {count}',
  'labError.search.badId': "search: '{id}' is neither 'weightDecay' nor '<node>.<parameter>'",
  'labError.search.noWeights': 'search: weight decay was searched, but the graph has no layer with weights',
  'labError.search.noNode': "search: the graph has no node '{node}' (searched parameter '{id}')",
  'labError.search.noParam': "search: node '{node}' ({kind}) has no parameter '{param}'",
  'labError.search.noTraining': 'search: the graph has no Training node',
  'labError.search.running': 'A search is already running; cancel it first.',

  // --- Graph variants (paired runs, the run experiments) ---------------------------------------
  'labError.variant.what.setParam': 'setParam',
  'labError.variant.what.bypass': 'bypass',
  'labError.variant.what.insert': 'insert',
  'labError.variant.noNode': "{what}: the graph has no node '{node}'",
  'labError.variant.bypassPorts': "bypass: '{node}' ({kind}) does not pass one tensor from 'x' to 'y', so it cannot be left out",
  'labError.variant.bypassInputs': "bypass: '{node}' has {count} inputs wired; it needs exactly one to be left out",
  'labError.variant.unknownInit': "initialiser: '{preset}' is not one of the initialisers the layers know",
  'labError.variant.weightDecay': 'weight decay: λ must be a number ≥ 0, got {lambda}',
  'labError.variant.dropoutRate': 'dropout: the rate must be from 0 to {max}, got {rate}',
  'labError.variant.noTraining': 'Training node: the graph has none',
  'labError.variant.noData': 'data node: the graph has none',

  // --- Weight initialisation experiment --------------------------------------------------------
  'labError.init.count': 'initialisation experiment: {name} must be a whole number from 1 to {max}, got {value}',
  'labError.init.name.layers': 'layers',
  'labError.init.name.units': 'units',
  'labError.init.name.samples': 'samples',
  'labError.init.name.bins': 'bins',
  'labError.init.unknownInit': "initialisation experiment: unknown initialiser '{init}'",
  'labError.init.unknownActivation': "initialisation experiment: unknown activation '{activation}'",

  // --- Optimiser paths -------------------------------------------------------------------------
  'labError.paths.steps': 'optimiser path: the number of steps must be a number, got {steps}',
  'labError.paths.start': 'optimiser path: the start point must be two numbers, got ({x}, {y})',

  // --- The editor's lab runner and plots -------------------------------------------------------
  'labError.noEngineForRun': "No lab engine holds run '{runId}' any more (its engine trained another run or stopped); run it again.",
  'labError.noCanvas': 'This browser cannot draw into a canvas, so the plots cannot be exported.',
} as const;

export const labKo: Record<keyof typeof labEn, string> = {
  'labError.expression.unexpectedChar': "{column}번째 글자에 쓸 수 없는 문자 '{char}'가 있습니다: 숫자, x, y, + − * / ^, 괄호, {functions}만 쓸 수 있습니다",
  'labError.expression.tooDeep': '{column}번째 글자에서 함수가 너무 깊게 중첩됩니다(최대 {max}단계)',
  'labError.expression.empty': '함수가 비어 있습니다: x나 y를 써서 입력하세요. 예: x^2/20 + y^2',
  'labError.expression.unmatchedClose': "{column}번째 글자의 ')'와 짝이 되는 '('가 없습니다",
  'labError.expression.missingOperator': "{column}번째 글자의 '{token}' 앞에 연산자(+ − * / ^)가 있어야 합니다",
  'labError.expression.needsParentheses': "{column}번째 글자의 '{name}' 함수는 인수를 괄호 안에 써야 합니다. 예: {name}(x)",
  'labError.expression.unknownName': "{column}번째 글자의 '{name}'은(는) 알 수 없는 이름입니다: x, y, pi, e 또는 {functions} 중 하나를 쓰세요",
  'labError.expression.missingValue': "{column}번째 글자의 '{token}' 앞에 값이 빠져 있습니다",
  'labError.expression.endsEarly': '함수가 {column}번째 글자에서 너무 일찍 끝납니다: 값이 빠져 있습니다',
  'labError.expression.missingClose': "{column}번째 글자의 '('를 닫는 ')'가 없습니다",
  'labError.expression.tooLong': '함수가 너무 깁니다({length}자, 최대 {max}자)',
  'labError.expression.notDifferentiable': '{fn}은(는) 그릴 수는 있지만, 엔진에 이 함수를 미분하는 연산이 없습니다',

  'labError.search.duplicate': "탐색: '{id}'이(가) 두 번 들어 있습니다",
  'labError.search.notNumbers': "탐색: '{id}'의 범위는 숫자 두 개여야 합니다. 입력한 범위: {min} … {max}",
  'labError.search.emptyRange': "탐색: '{id}'의 범위가 비어 있습니다({min} … {max}). 시작 값이 끝 값보다 작아야 합니다",
  'labError.search.logNotPositive': "탐색: '{id}'은(는) 로그 스케일로 뽑으므로 범위가 0보다 커야 합니다(입력한 범위: {min} … {max})",
  'labError.search.noWholeNumber': "탐색: '{id}'의 범위({min} … {max}) 안에 정수가 없습니다",
  'labError.search.trialCount': '탐색: 시도 횟수는 1부터 {max}까지의 정수여야 합니다. 입력한 값: {count}',
  'labError.search.badId': "탐색: '{id}'은(는) 'weightDecay'도 '<노드>.<매개변수>' 형식도 아닙니다",
  'labError.search.noWeights': '탐색: 가중치 감소(weight decay)를 탐색했지만 그래프에 가중치가 있는 층이 없습니다',
  'labError.search.noNode': "탐색: 그래프에 '{node}' 노드가 없습니다(탐색한 매개변수 '{id}')",
  'labError.search.noParam': "탐색: '{node}' 노드({kind})에는 '{param}' 매개변수가 없습니다",
  'labError.search.noTraining': '탐색: 그래프에 학습 설정(Training) 노드가 없습니다',
  'labError.search.running': '탐색이 이미 실행 중입니다. 먼저 취소하세요.',

  'labError.variant.what.setParam': '매개변수 설정',
  'labError.variant.what.bypass': '노드 끄기',
  'labError.variant.what.insert': '노드 추가',
  'labError.variant.noNode': "{what}: 그래프에 '{node}' 노드가 없습니다",
  'labError.variant.bypassPorts': "노드 끄기: '{node}'({kind})은(는) 'x'에서 'y'로 텐서 하나를 넘기는 노드가 아니어서 뺄 수 없습니다",
  'labError.variant.bypassInputs': "노드 끄기: '{node}'에 입력이 {count}개 연결되어 있습니다. 빼려면 입력이 정확히 하나여야 합니다",
  'labError.variant.unknownInit': "가중치 초기값: '{preset}'은(는) 층에서 쓸 수 있는 초기값이 아닙니다",
  'labError.variant.weightDecay': '가중치 감소: λ는 0 이상의 숫자여야 합니다. 입력한 값: {lambda}',
  'labError.variant.dropoutRate': '드롭아웃: 비율은 0부터 {max}까지여야 합니다. 입력한 값: {rate}',
  'labError.variant.noTraining': '그래프에 학습 설정(Training) 노드가 없습니다',
  'labError.variant.noData': '그래프에 데이터 노드가 없습니다',

  'labError.init.count': '초기값 실험: {name}에는 1부터 {max}까지의 정수를 넣어야 합니다. 입력한 값: {value}',
  'labError.init.name.layers': '층 수',
  'labError.init.name.units': '층당 뉴런 수',
  'labError.init.name.samples': '입력 수',
  'labError.init.name.bins': '히스토그램 구간 수',
  'labError.init.unknownInit': "초기값 실험: 알 수 없는 초기값 '{init}'",
  'labError.init.unknownActivation': "초기값 실험: 알 수 없는 활성화 함수 '{activation}'",

  'labError.paths.steps': '최적화 경로: 갱신 횟수는 숫자여야 합니다. 입력한 값: {steps}',
  'labError.paths.start': '최적화 경로: 시작점은 숫자 두 개여야 합니다. 입력한 값: ({x}, {y})',

  'labError.noEngineForRun': "실험실 엔진에 실행 '{runId}'이(가) 더 이상 없습니다(엔진이 다른 실행을 학습했거나 멈췄습니다). 다시 실행하세요.",
  'labError.noCanvas': '이 브라우저는 캔버스에 그릴 수 없어서 그림을 내보낼 수 없습니다.',
};
