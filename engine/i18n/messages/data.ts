/**
 * Catalogue section: data messages (see engine/i18n/en.ts for the key scheme).
 * English first; the Korean table must have exactly the same keys (the type checks it).
 *
 * `dataError.*`: what goes wrong with a person's data — a CSV's bad rows and columns, a damaged
 * IDX file, an image that is not one, a file that is missing or changed — and with data
 * settings (split fractions, batch size, normalisation, a built-in set's parameters). Names,
 * lines, columns, byte offsets and sizes are values; a value written `{detail}`, `{reason}`,
 * `{where}` or `{found}` is often a message itself, shown in the same language.
 */
export const dataEn = {
  // --- CSV: where, then what ---------------------------------------------------------------------
  'dataError.csv.inFile': '{name}: {detail}',
  'dataError.csv.atLine': '{name} line {line}: {detail}',
  'dataError.csv.atColumn': '{name}, column {column}: {detail}',
  'dataError.csv.atLineColumn': '{name} line {line}, column {column}: {detail}',
  'dataError.csv.notText': '{name} is not a text file (byte {byte} is zero): choose a CSV or TSV file saved as UTF-8 text.',
  'dataError.csv.tooManyColumns': 'the rows have {width} fields; DeepWire reads up to {max} columns',
  'dataError.csv.badColumnSetting': 'the column settings name column {column}, but the file has columns 0…{last}',
  'dataError.csv.empty': 'the file is empty: it holds no rows of data',
  'dataError.csv.headerWidth': 'the header has {found} fields, but the rows below have {width}; fix the header line',
  'dataError.csv.headerOnly': 'the file has a header but no data rows below it',
  'dataError.csv.noUsableRows': 'none of the {rows} data rows can be used; the first bad one is line {line}: {reason}',
  'dataError.csv.noUsableRowsColumn': 'none of the {rows} data rows can be used; the first bad one is line {line}, column {column}: {reason}',
  'dataError.csv.targetTooManyLevels':
    'the target column {column} has more than {max} different values (or values over {chars} characters), too many to be classes; choose another target',
  'dataError.csv.idsOrText':
    'column {column} looks like ids or free text (more than {max} different values, or values over {chars} characters), too much for categories; set it to ignore, or to number if it holds numbers',
  'dataError.csv.noValues': 'column {column} has no values (all {missing} are missing); set it to ignore',
  'dataError.csv.oneColumn':
    'found only one column; DeepWire separates columns by comma, semicolon, tab or |, and needs at least one feature and one target column',
  'dataError.csv.noTarget': 'no column is the target; mark the column to predict as the target',
  'dataError.csv.noFeature': 'no column is a feature; mark the columns to learn from as features',
  'dataError.csv.classificationTargets':
    'classification needs one target column, but {count} are marked ({columns}); mark only the column that holds the class',
  'dataError.csv.textTargets':
    'several targets are only possible for regression, where they must be numbers, but target {column} holds text; mark one target or make {column} a feature',
  'dataError.csv.regressionText': 'the target column {column} holds text such as {value}; a regression target must be numbers',
  'dataError.csv.tooManyClasses': 'the target column {column} has more than {max} different values, too many classes; choose regression',
  'dataError.csv.oneClass': 'the target column {column} has only one class ({value}); a classifier needs at least two',
  // Bad rows (listed by the scan, refused by the load).
  'dataError.csv.unterminated': 'a quoted field opens here (") and never closes, so the rest of the file is one value',
  'dataError.csv.fieldCount': 'expected {width} fields, found {found}',
  'dataError.csv.notNumber': '{value} is not a number',
  'dataError.csv.missingValue': 'missing value (choose "drop rows" or "fill" to accept missing values)',
  // Loading what the import recorded.
  'dataError.csv.noLevels': 'the import recorded no levels for category column {column}; import the file again',
  'dataError.csv.schemaInconsistent': 'the stored column schema is inconsistent (its sizes do not match its columns); import the file again',
  'dataError.csv.headerChanged':
    "the file's columns are {found}, but the import recorded {recorded}; the file changed since it was imported: import it again",
  'dataError.csv.unterminatedLoad': 'a quoted field opens here (") and never closes; add the closing quote',
  'dataError.csv.fieldCountLoad': 'expected {width} fields, found {found}; fix this row (a value holding the delimiter must be in quotes)',
  'dataError.csv.noFill': 'missing value, and the import recorded no fill value; import the file again',
  'dataError.csv.unknownLevel':
    '{value} is not one of the {count} values found at import ({shown}); the file changed since it was imported: import it again',
  'dataError.csv.emptyChanged': 'the file is empty; the file changed since it was imported: import it again',
  'dataError.csv.allDropped': 'no rows are left to learn from after dropping rows with missing values; choose "fill" or fix the file',

  // --- IDX --------------------------------------------------------------------------------------
  'dataError.idx.at': 'IDX file {name}, byte {offset}',
  'dataError.idx.atUnzipped': 'IDX file {name}, byte {offset} (after decompression)',
  'dataError.idx.gzip': 'IDX file {name} starts like a gzip file but cannot be decompressed ({reason}); download it again.',
  'dataError.idx.tooShort': '{where}: only {size} bytes, too short for an IDX header (4 bytes at least); this is not an IDX file.',
  'dataError.idx.badMagic':
    '{where}: an IDX file starts with two zero bytes, this one with {first} {second}; it is not an IDX file (choose e.g. train-images-idx3-ubyte).',
  'dataError.idx.unknownType': '{where}: unknown data type {code}; IDX types are {known}. The file is damaged or not an IDX file.',
  'dataError.idx.noDims': '{where}: the file declares 0 dimensions; an IDX array needs at least one.',
  'dataError.idx.headerTruncated':
    '{where}: the header declares {ndims} dimensions ({header} header bytes) but the file ends after {size} bytes; it is truncated.',
  'dataError.idx.zeroDim': '{where}: dimension {index} of {ndims} is 0; every dimension must be at least 1.',
  'dataError.idx.tooLarge':
    '{where}: dimensions [{dims}…] describe more than {max} values, more than DeepWire can hold; the header is damaged or the file too large.',
  'dataError.idx.truncated':
    '{where}: dimensions [{dims}] of {dtype} need {need} data bytes but only {have} are there: {missing} bytes are missing. The file is truncated; download it again.',
  'dataError.idx.extra':
    '{where}: {extra} extra bytes after the {need} data bytes that dimensions [{dims}] of {dtype} describe; the file is damaged or its header is wrong.',
  'dataError.idx.notImages':
    'IDX file {name} has dimensions [{dims}]; images must be [count, values], [count, height, width] or [count, height, width, channels]. Is it a labels file?',
  'dataError.idx.notLabels':
    'IDX file {name} has dimensions [{dims}]; labels must be one-dimensional (one class number per image). Is it an images file?',
  'dataError.idx.badLabel': 'IDX file {name}, label {index} (byte {offset}) is {value}; labels must be class numbers from 0 to {max}.',
  'dataError.idx.countMismatch':
    'IDX file {images} holds {imageCount} images but {labels} holds {labelCount} labels; choose the labels file that belongs to these images.',
  'dataError.idx.noImages': 'IDX data need an images file and a labels file; the images file is missing.',
  'dataError.idx.noLabels': 'IDX data need an images file and a labels file; the labels file is missing.',
  'dataError.idx.testWithoutLabels': 'IDX test data need both files; {name} was given without its labels file.',
  'dataError.idx.testWithoutImages': 'IDX test data need both files; {name} was given without its images file.',
  'dataError.idx.testShape':
    'IDX test images {test} are {testShape}, but training images {train} are {trainShape}; both sets need the same image size.',
  'dataError.idx.testType': 'IDX test images {test} are {testType} but training images {train} are {trainType}; both sets need the same pixel type.',
  'dataError.idx.nonFinite': 'IDX file {name}, image {index} (byte {offset}) has the value {value}; pixel values must be finite numbers.',
  'dataError.idx.needPair': 'IDX data need an images file and a labels file (e.g. train-images-idx3-ubyte and train-labels-idx1-ubyte).',
  'dataError.idx.needTestPair': 'Give both test files (images and labels) or neither.',

  // --- Image folders ----------------------------------------------------------------------------
  'dataError.images.damagedPng': '{path} is a damaged PNG image ({reason}); replace it or remove it from the folder.',
  'dataError.images.damagedJpeg': '{path} is a damaged JPEG image ({reason}); replace it or remove it from the folder.',
  'dataError.images.otherFormat': '{path} is a {format} image; DeepWire reads PNG and JPEG: convert it, or remove it from the folder.',
  'dataError.images.notImage': '{path} is not a PNG or JPEG image (it starts with the bytes {head}); replace it or remove it from the folder.',
  'dataError.images.emptyFile':
    '{path} is not a PNG or JPEG image (it starts with the bytes (none: the file is empty)); replace it or remove it from the folder.',
  'dataError.images.listedTwice': 'The folder lists {path} twice.',
  'dataError.images.fewClasses':
    'An image folder needs at least two subfolders holding PNG or JPEG images, one per class (e.g. cats/ and dogs/); found {found}. Choose the folder whose subfolders are the classes.',
  'dataError.images.foundOne': 'only one ({name})',
  'dataError.images.foundNone': 'none',
  'dataError.images.inconsistent':
    '{path} decoded to an inconsistent image ({width}×{height}, {channels} channels, {bits} bits, {values} values); replace it or remove it from the folder.',
  'dataError.images.width': 'Image folder {name}: width must be a whole number of pixels from 1 to {max}, got {value}.',
  'dataError.images.height': 'Image folder {name}: height must be a whole number of pixels from 1 to {max}, got {value}.',
  'dataError.images.channels': 'Image folder {name}: channels must be 1 (gray) or 3 (RGB), got {value}.',
  'dataError.images.tooMany':
    'Image folder {name}: {samples} images of {width}×{height}×{channels} are {values} values, more than the {max} DeepWire holds in memory; choose a smaller image size.',
  'dataError.images.undecodable': '{path} could not be decoded ({reason}); replace it or remove it from the folder.',
  'dataError.folder.tooManyFiles': 'The folder holds {count} files, more than the {max} DeepWire reads; choose the folder whose subfolders are the classes.',
  'dataError.folder.listedTwice': 'The folder lists {path} twice',
  'dataError.folder.damaged': 'The packed image folder {name} is damaged ({reason}); import the folder again.',

  // --- A "From file" node's data ----------------------------------------------------------------
  'dataError.file.noRole': 'The {format} data node has no {role} file; import the data again.',
  'dataError.file.hostCannotRead':
    'The data file {name} is not available here: this host cannot read files. Open the project in the desktop app or give the file with the CLI.',
  'dataError.file.notImported': 'No data imported yet: choose a file or an image folder for the "From file" node.',
  'dataError.file.noSchema': 'The CSV import has no column schema; import the file again.',
  'dataError.file.mismatch': 'The data in {name} no longer match the import ({problems}). Import the data again to update the node.',
  'dataError.file.mismatchShape': 'samples are {shape}, the import recorded {recorded}',
  'dataError.file.mismatchTask': 'it is a {task} task, the import recorded {recorded}',
  'dataError.file.mismatchClasses': '{count} classes, the import recorded {recorded}',
  'dataError.file.mismatchTargets': '{count} targets, the import recorded {recorded}',
  'dataError.file.noFeatures': '{name} has no features',
  'dataError.task.classification': 'classification',
  'dataError.task.regression': 'regression',
  'dataError.join': '{first}; {rest}',

  // --- Data sets, splits, batches, normalisation ------------------------------------------------
  'dataError.dataset': 'Dataset {name}: {detail}',
  'dataError.dataset.xNonFinite': 'x has a non-finite value ({value}) in sample {sample}',
  'dataError.dataset.yNonFinite': 'y has a non-finite value ({value}) in sample {sample}',
  'dataError.param.outOfRange': '{param} must be {range}, got {value}',
  'dataError.param.intAtLeast': 'an integer ≥ {min}',
  'dataError.param.intRange': 'an integer from {min} to {max}',
  'dataError.param.numberAtLeast': 'a number ≥ {min}',
  'dataError.param.numberRange': 'a number from {min} to {max}',
  'dataError.param.numberBetween': 'between {min} and {max} (exclusive)',
  'dataError.param.seed': 'seed must be an integer, got {value}',
  'dataError.builtin.unknown': 'Unknown data set {name}; the built-in data sets are: {names}',
  'dataError.builtin.noMnist':
    "Dataset 'mnist': MNIST data is not available in this host (no MNIST source was provided). Run the engine in a host that provides it (the desktop app or the Node CLI), or choose another data set.",
  'dataError.builtin.unknownGate': 'Logic gate data set: unknown gate {gate}; expected one of {gates}',
  'dataError.split.validation': 'validation',
  'dataError.split.test': 'test',
  'dataError.split.fraction': 'Split: the {name} fraction must be a number from 0 up to (not including) 1, got {value}',
  'dataError.split.sum': 'Split: validation ({validation}) + test ({test}) = {sum} leaves nothing to train on; the two must add up to less than 1',
  'dataError.split.noSamples': 'Split: need at least one sample, got {samples}',
  'dataError.split.noTraining':
    'Split: {available} samples with validation {validation} and test {test} leave no training sample ({nValidation} validation, {nTest} test); lower the fractions or use more samples',
  'dataError.split.seed': 'Split: seed must be an integer, got {value}',
  'dataError.batch.size': 'Batcher: batch size must be a positive integer, got {value}',
  'dataError.batch.seed': 'Batcher: seed must be an integer, got {value}',
  'dataError.normalize.unknownKind': 'Normalisation: unknown kind {kind}; expected one of {kinds}',
  'dataError.normalize.per': "Normalisation: 'per' must be 'feature' or 'channel', got {per}",
  'dataError.normalize.emptyTraining': 'cannot fit {kind} normalisation on an empty training split',
  'dataError.normalize.stats':
    'Normalisation: statistics hold {groups} offsets and {scales} scales, but {per} normalisation of shape [{shape}] needs {expected} of each',
} as const;

export const dataKo: Record<keyof typeof dataEn, string> = {
  // --- CSV ---------------------------------------------------------------------------------------
  'dataError.csv.inFile': '{name}: {detail}',
  'dataError.csv.atLine': '{name} {line}번째 줄: {detail}',
  'dataError.csv.atColumn': '{name}, {column} 열: {detail}',
  'dataError.csv.atLineColumn': '{name} {line}번째 줄, {column} 열: {detail}',
  'dataError.csv.notText': '{name}은(는) 텍스트 파일이 아닙니다 (바이트 위치 {byte}의 값이 0입니다). UTF-8 텍스트로 저장한 CSV 또는 TSV 파일을 고르세요.',
  'dataError.csv.tooManyColumns': '행의 필드가 {width}개입니다. DeepWire는 열을 {max}개까지 읽습니다',
  'dataError.csv.badColumnSetting': '열 설정이 {column}번 열을 가리키지만, 파일의 열은 0…{last}번입니다',
  'dataError.csv.empty': '파일이 비어 있습니다: 데이터 행이 하나도 없습니다',
  'dataError.csv.headerWidth': '머리글 행의 필드는 {found}개인데 아래 행들은 {width}개입니다. 머리글 행을 고치세요',
  'dataError.csv.headerOnly': '파일에 머리글 행만 있고 그 아래에 데이터 행이 없습니다',
  'dataError.csv.noUsableRows': '데이터 행 {rows}개 중 쓸 수 있는 행이 없습니다. 첫 번째 잘못된 행은 {line}번째 줄입니다: {reason}',
  'dataError.csv.noUsableRowsColumn': '데이터 행 {rows}개 중 쓸 수 있는 행이 없습니다. 첫 번째 잘못된 행은 {line}번째 줄, {column} 열입니다: {reason}',
  'dataError.csv.targetTooManyLevels':
    '타겟 열 {column}에 서로 다른 값이 {max}개보다 많거나 {chars}자보다 긴 값이 있어 클래스로 쓸 수 없습니다. 다른 타겟을 고르세요',
  'dataError.csv.idsOrText':
    '{column} 열은 ID나 자유 텍스트로 보입니다 (서로 다른 값이 {max}개보다 많거나 {chars}자보다 긴 값이 있음). 범주로 쓰기에는 너무 많습니다. 무시로 두거나, 숫자가 든 열이면 수치로 바꾸세요',
  'dataError.csv.noValues': '{column} 열에 값이 없습니다 ({missing}개 모두 결측값). 무시로 두세요',
  'dataError.csv.oneColumn':
    '열을 하나만 찾았습니다. DeepWire는 쉼표, 세미콜론, 탭, | 로 열을 나누며, 특징 열과 타겟 열이 적어도 하나씩 필요합니다',
  'dataError.csv.noTarget': '타겟 열이 없습니다. 예측할 열을 타겟으로 지정하세요',
  'dataError.csv.noFeature': '특징 열이 없습니다. 학습에 쓸 열을 특징으로 지정하세요',
  'dataError.csv.classificationTargets':
    '분류에는 타겟 열이 하나여야 하는데 {count}개가 지정되어 있습니다 ({columns}). 클래스가 든 열 하나만 타겟으로 지정하세요',
  'dataError.csv.textTargets':
    '타겟을 여러 개 두는 것은 회귀에서만 되고, 그때 타겟은 숫자여야 합니다. 그런데 타겟 {column}에 텍스트가 있습니다. 타겟을 하나만 지정하거나 {column}을(를) 특징으로 바꾸세요',
  'dataError.csv.regressionText': '타겟 열 {column}에 {value} 같은 텍스트가 있습니다. 회귀 타겟은 숫자여야 합니다',
  'dataError.csv.tooManyClasses': '타겟 열 {column}에 서로 다른 값이 {max}개보다 많아 클래스가 너무 많습니다. 회귀를 고르세요',
  'dataError.csv.oneClass': '타겟 열 {column}에 클래스가 하나뿐입니다 ({value}). 분류에는 클래스가 적어도 두 개 필요합니다',
  'dataError.csv.unterminated': '따옴표(")로 시작한 필드가 닫히지 않아, 파일의 나머지가 모두 한 값이 됩니다',
  'dataError.csv.fieldCount': '필드가 {width}개여야 하는데 {found}개입니다',
  'dataError.csv.notNumber': '{value}은(는) 숫자가 아닙니다',
  'dataError.csv.missingValue': '결측값입니다 (결측값을 받아들이려면 "그 행 버리기"나 "채우기"를 고르세요)',
  'dataError.csv.noLevels': '가져오기에서 범주 열 {column}의 범주 값이 기록되지 않았습니다. 파일을 다시 가져오세요',
  'dataError.csv.schemaInconsistent': '저장된 열 구성이 맞지 않습니다 (크기가 열과 맞지 않음). 파일을 다시 가져오세요',
  'dataError.csv.headerChanged': '파일의 열은 {found}인데 가져올 때는 {recorded}였습니다. 가져온 뒤 파일이 바뀌었습니다: 다시 가져오세요',
  'dataError.csv.unterminatedLoad': '따옴표(")로 시작한 필드가 닫히지 않습니다. 닫는 따옴표를 넣으세요',
  'dataError.csv.fieldCountLoad': '필드가 {width}개여야 하는데 {found}개입니다. 이 행을 고치세요 (구분자가 든 값은 따옴표로 감싸야 합니다)',
  'dataError.csv.noFill': '결측값인데 가져오기에서 채울 값이 기록되지 않았습니다. 파일을 다시 가져오세요',
  'dataError.csv.unknownLevel': '{value}은(는) 가져올 때 찾은 값 {count}개 ({shown}) 중 하나가 아닙니다. 가져온 뒤 파일이 바뀌었습니다: 다시 가져오세요',
  'dataError.csv.emptyChanged': '파일이 비어 있습니다. 가져온 뒤 파일이 바뀌었습니다: 다시 가져오세요',
  'dataError.csv.allDropped': '결측값이 있는 행을 버리고 나니 학습할 행이 남지 않았습니다. "채우기"를 고르거나 파일을 고치세요',

  // --- IDX --------------------------------------------------------------------------------------
  'dataError.idx.at': 'IDX 파일 {name}, 바이트 위치 {offset}',
  'dataError.idx.atUnzipped': 'IDX 파일 {name}, 바이트 위치 {offset} (압축을 푼 뒤)',
  'dataError.idx.gzip': 'IDX 파일 {name}은(는) gzip 파일처럼 시작하지만 압축을 풀 수 없습니다 ({reason}). 다시 내려받으세요.',
  'dataError.idx.tooShort': '{where}: {size}바이트뿐이라 IDX 헤더(최소 4바이트)보다 짧습니다. IDX 파일이 아닙니다.',
  'dataError.idx.badMagic':
    '{where}: IDX 파일은 0인 바이트 두 개로 시작하는데, 이 파일은 {first} {second}(으)로 시작합니다. IDX 파일이 아닙니다 (예: train-images-idx3-ubyte를 고르세요).',
  'dataError.idx.unknownType': '{where}: 알 수 없는 데이터 형식 {code}. IDX 형식은 {known}입니다. 파일이 손상되었거나 IDX 파일이 아닙니다.',
  'dataError.idx.noDims': '{where}: 파일에 차원이 0개라고 적혀 있습니다. IDX 배열에는 차원이 적어도 하나 필요합니다.',
  'dataError.idx.headerTruncated':
    '{where}: 헤더에는 차원이 {ndims}개 (헤더 {header}바이트)라고 적혀 있지만 파일이 {size}바이트에서 끝납니다. 파일이 잘렸습니다.',
  'dataError.idx.zeroDim': '{where}: 차원 {ndims}개 중 {index}번째가 0입니다. 모든 차원은 1 이상이어야 합니다.',
  'dataError.idx.tooLarge':
    '{where}: 차원 [{dims}…]이(가) 나타내는 값이 {max}개보다 많아 DeepWire가 담을 수 없습니다. 헤더가 손상되었거나 파일이 너무 큽니다.',
  'dataError.idx.truncated':
    '{where}: {dtype} 형식의 차원 [{dims}]에는 데이터가 {need}바이트 필요하지만 {have}바이트만 있어 {missing}바이트가 모자랍니다. 파일이 잘렸습니다. 다시 내려받으세요.',
  'dataError.idx.extra':
    '{where}: {dtype} 형식의 차원 [{dims}]이(가) 나타내는 데이터 {need}바이트 뒤에 {extra}바이트가 더 있습니다. 파일이 손상되었거나 헤더가 틀렸습니다.',
  'dataError.idx.notImages':
    'IDX 파일 {name}의 차원은 [{dims}]입니다. 이미지는 [개수, 값], [개수, 높이, 너비], [개수, 높이, 너비, 채널] 중 하나여야 합니다. 레이블 파일이 아닌가요?',
  'dataError.idx.notLabels': 'IDX 파일 {name}의 차원은 [{dims}]입니다. 레이블은 1차원이어야 합니다 (이미지마다 클래스 번호 하나). 이미지 파일이 아닌가요?',
  'dataError.idx.badLabel': 'IDX 파일 {name}의 레이블 {index} (바이트 위치 {offset})이(가) {value}입니다. 레이블은 0부터 {max}까지의 클래스 번호여야 합니다.',
  'dataError.idx.countMismatch':
    'IDX 파일 {images}에는 이미지가 {imageCount}개, {labels}에는 레이블이 {labelCount}개 있습니다. 이 이미지에 맞는 레이블 파일을 고르세요.',
  'dataError.idx.noImages': 'IDX 데이터에는 이미지 파일과 레이블 파일이 필요합니다. 이미지 파일이 없습니다.',
  'dataError.idx.noLabels': 'IDX 데이터에는 이미지 파일과 레이블 파일이 필요합니다. 레이블 파일이 없습니다.',
  'dataError.idx.testWithoutLabels': 'IDX 테스트 데이터에는 두 파일이 모두 필요합니다. {name}이(가) 레이블 파일 없이 주어졌습니다.',
  'dataError.idx.testWithoutImages': 'IDX 테스트 데이터에는 두 파일이 모두 필요합니다. {name}이(가) 이미지 파일 없이 주어졌습니다.',
  'dataError.idx.testShape': 'IDX 테스트 이미지 {test}은(는) {testShape}인데 훈련 이미지 {train}은(는) {trainShape}입니다. 두 세트의 이미지 크기가 같아야 합니다.',
  'dataError.idx.testType': 'IDX 테스트 이미지 {test}은(는) {testType}인데 훈련 이미지 {train}은(는) {trainType}입니다. 두 세트의 픽셀 형식이 같아야 합니다.',
  'dataError.idx.nonFinite': 'IDX 파일 {name}의 이미지 {index} (바이트 위치 {offset})에 값 {value}이(가) 있습니다. 픽셀 값은 유한한 수여야 합니다.',
  'dataError.idx.needPair': 'IDX 데이터에는 이미지 파일과 레이블 파일이 필요합니다 (예: train-images-idx3-ubyte와 train-labels-idx1-ubyte).',
  'dataError.idx.needTestPair': '테스트 파일은 이미지와 레이블을 둘 다 주거나, 둘 다 주지 마세요.',

  // --- 이미지 폴더 ------------------------------------------------------------------------------
  'dataError.images.damagedPng': '{path}은(는) 손상된 PNG 이미지입니다 ({reason}). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.images.damagedJpeg': '{path}은(는) 손상된 JPEG 이미지입니다 ({reason}). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.images.otherFormat': '{path}은(는) {format} 이미지입니다. DeepWire는 PNG와 JPEG만 읽습니다: 변환하거나 폴더에서 빼세요.',
  'dataError.images.notImage': '{path}은(는) PNG나 JPEG 이미지가 아닙니다 (처음 바이트: {head}). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.images.emptyFile': '{path}은(는) PNG나 JPEG 이미지가 아닙니다 (빈 파일입니다). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.images.listedTwice': '폴더 목록에 {path}이(가) 두 번 있습니다.',
  'dataError.images.fewClasses':
    '이미지 폴더에는 PNG나 JPEG 이미지가 든 하위 폴더가 클래스마다 하나씩, 적어도 두 개 필요합니다 (예: cats/와 dogs/). 찾은 하위 폴더: {found}. 하위 폴더가 클래스인 폴더를 고르세요.',
  'dataError.images.foundOne': '하나뿐 ({name})',
  'dataError.images.foundNone': '없음',
  'dataError.images.inconsistent':
    '{path}을(를) 디코딩한 이미지가 맞지 않습니다 ({width}×{height}, 채널 {channels}개, {bits}비트, 값 {values}개). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.images.width': '이미지 폴더 {name}: 너비는 1부터 {max}까지의 픽셀 수(정수)여야 하는데 {value}입니다.',
  'dataError.images.height': '이미지 폴더 {name}: 높이는 1부터 {max}까지의 픽셀 수(정수)여야 하는데 {value}입니다.',
  'dataError.images.channels': '이미지 폴더 {name}: 채널은 1 (흑백) 또는 3 (RGB)이어야 하는데 {value}입니다.',
  'dataError.images.tooMany':
    '이미지 폴더 {name}: {width}×{height}×{channels} 이미지 {samples}개는 값 {values}개로, DeepWire가 메모리에 담는 {max}개보다 많습니다. 이미지 크기를 줄이세요.',
  'dataError.images.undecodable': '{path}을(를) 디코딩할 수 없습니다 ({reason}). 파일을 바꾸거나 폴더에서 빼세요.',
  'dataError.folder.tooManyFiles': '폴더에 파일이 {count}개 있어, DeepWire가 읽는 {max}개보다 많습니다. 하위 폴더가 클래스인 폴더를 고르세요.',
  'dataError.folder.listedTwice': '폴더 목록에 {path}이(가) 두 번 있습니다',
  'dataError.folder.damaged': '묶어 둔 이미지 폴더 {name}이(가) 손상되었습니다 ({reason}). 폴더를 다시 가져오세요.',

  // --- 파일 데이터 노드 -------------------------------------------------------------------------
  'dataError.file.noRole': '{format} 파일 데이터 노드에 {role} 파일이 없습니다. 데이터를 다시 가져오세요.',
  'dataError.file.hostCannotRead':
    '데이터 파일 {name}을(를) 여기서 쓸 수 없습니다: 이 환경은 파일을 읽지 못합니다. 데스크톱 앱에서 프로젝트를 열거나 CLI로 파일을 주세요.',
  'dataError.file.notImported': '아직 가져온 데이터가 없습니다: "파일 데이터" 노드에서 파일이나 이미지 폴더를 고르세요.',
  'dataError.file.noSchema': 'CSV 가져오기에 열 구성이 없습니다. 파일을 다시 가져오세요.',
  'dataError.file.mismatch': '{name}의 데이터가 가져올 때와 더 이상 맞지 않습니다 ({problems}). 데이터를 다시 가져와 노드를 갱신하세요.',
  'dataError.file.mismatchShape': '샘플 형상이 {shape}인데 가져올 때는 {recorded}',
  'dataError.file.mismatchTask': '{task} 문제인데 가져올 때는 {recorded}',
  'dataError.file.mismatchClasses': '클래스가 {count}개인데 가져올 때는 {recorded}개',
  'dataError.file.mismatchTargets': '타겟이 {count}개인데 가져올 때는 {recorded}개',
  'dataError.file.noFeatures': '{name}에 특징이 없습니다',
  'dataError.task.classification': '분류',
  'dataError.task.regression': '회귀',
  'dataError.join': '{first}; {rest}',

  // --- 데이터셋, 분할, 미니 배치, 정규화 --------------------------------------------------------
  'dataError.dataset': '데이터셋 {name}: {detail}',
  'dataError.dataset.xNonFinite': '샘플 {sample}의 x에 유한하지 않은 값({value})이 있습니다',
  'dataError.dataset.yNonFinite': '샘플 {sample}의 y에 유한하지 않은 값({value})이 있습니다',
  'dataError.param.outOfRange': '{param}은(는) {range}여야 하는데 {value}입니다',
  'dataError.param.intAtLeast': '{min} 이상의 정수',
  'dataError.param.intRange': '{min}부터 {max}까지의 정수',
  'dataError.param.numberAtLeast': '{min} 이상의 수',
  'dataError.param.numberRange': '{min}부터 {max}까지의 수',
  'dataError.param.numberBetween': '{min}보다 크고 {max}보다 작은 수',
  'dataError.param.seed': '시드는 정수여야 하는데 {value}입니다',
  'dataError.builtin.unknown': '알 수 없는 데이터셋 {name}. 내장 데이터셋은 {names}입니다',
  'dataError.builtin.noMnist':
    "데이터셋 'mnist': 이 환경에는 MNIST 데이터가 없습니다 (MNIST 데이터를 주는 곳이 없음). MNIST를 주는 환경(데스크톱 앱이나 Node CLI)에서 실행하거나 다른 데이터셋을 고르세요.",
  'dataError.builtin.unknownGate': '논리 게이트 데이터셋: 알 수 없는 게이트 {gate}. {gates} 중 하나여야 합니다',
  'dataError.split.validation': '검증 데이터',
  'dataError.split.test': '테스트 데이터',
  'dataError.split.fraction': '데이터 분할: {name} 비율은 0 이상 1 미만의 수여야 하는데 {value}입니다',
  'dataError.split.sum': '데이터 분할: 검증 ({validation}) + 테스트 ({test}) = {sum}이면 훈련 데이터가 남지 않습니다. 둘의 합은 1보다 작아야 합니다',
  'dataError.split.noSamples': '데이터 분할: 샘플이 적어도 하나 필요한데 {samples}개입니다',
  'dataError.split.noTraining':
    '데이터 분할: 샘플 {available}개에서 검증 {validation}, 테스트 {test}이면 훈련 샘플이 남지 않습니다 (검증 {nValidation}개, 테스트 {nTest}개). 비율을 낮추거나 샘플을 늘리세요',
  'dataError.split.seed': '데이터 분할: 시드는 정수여야 하는데 {value}입니다',
  'dataError.batch.size': '미니 배치: 배치 크기는 1 이상의 정수여야 하는데 {value}입니다',
  'dataError.batch.seed': '미니 배치: 시드는 정수여야 하는데 {value}입니다',
  'dataError.normalize.unknownKind': '정규화: 알 수 없는 종류 {kind}. {kinds} 중 하나여야 합니다',
  'dataError.normalize.per': "정규화: 'per'는 'feature'나 'channel'이어야 하는데 {per}입니다",
  'dataError.normalize.emptyTraining': '훈련 데이터가 비어 있어 {kind} 정규화의 통계를 구할 수 없습니다',
  'dataError.normalize.stats':
    '정규화: 통계에 offset {groups}개와 scale {scales}개가 있지만, 형상 [{shape}]의 {per} 정규화에는 각각 {expected}개가 필요합니다',
};
