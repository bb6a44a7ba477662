/**
 * Packaging: builds the desktop app (`npm run build:desktop`), packs it with the real
 * electron-builder.cjs as `electron-builder --linux dir`, and checks what a user would
 * install — without the Electron binary, which our build machines cannot download.
 *
 * electron-builder copies Electron from `electronDist`; here that is a folder holding a stub
 * `electron` executable (a shell script) that carries a fuse wire like the real binary's, so the
 * fuses step really flips bytes and the test reads them back with @electron/fuses. Everything is
 * written to a temp folder except dist/, which the build writes as `npm run dist` would.
 *
 *   DEEPWIRE_PACKAGING_REUSE_DIST=1   pack the dist/ already built instead of building it again
 *                                     (quick iterations on the packaging config)
 *
 * See DEVELOPERS.md ("Packaging").
 */
import { execFile } from 'node:child_process';
import { access, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, getRawHeader } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REUSE_DIST = process.env.DEEPWIRE_PACKAGING_REUSE_DIST === '1';

/** What package.json's "main" must say (electron/build.mjs writes the bundle there). */
const MAIN = 'dist/electron/main.cjs';
const BUNDLES = ['main.cjs', 'preload.cjs', 'engineHostPreload.cjs'];
/** The Linux executable name (electron-builder.cjs, linux.executableName). */
const EXECUTABLE = 'deepwire';

// The fuse wire as @electron/fuses finds it in an Electron binary: the sentinel, the wire's
// version (1), its length, then one ASCII '0'/'1' per fuse (node_modules/@electron/fuses/dist).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const OFF = 0x30;
const ON = 0x31;
/** Electron's own defaults, fuse by fuse (FuseV1Options order): what electron-builder starts from. */
const ELECTRON_DEFAULT_WIRE = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

/** Chromium locale packs in the stub; electronLanguages keeps English and Korean only. */
const STUB_LOCALES = ['en-US.pak', 'en-GB.pak', 'ko.pak', 'de.pak', 'fr.pak'];

interface Packed {
  appOutDir: string;
  asar: string;
  /** Every file in app.asar, '/'-separated, without a leading slash. */
  files: string[];
  log: string;
}

/** Runs a command; rejects with its output when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeout: number): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, { cwd: ROOT, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const log = `${stdout}${stderr}`;
      if (error) fail(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${log.slice(-6000)}`));
      else done(log);
    });
  });
}

/** The environment of a build step: vitest's NODE_ENV=test would make Vite build React's development build. */
function buildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_ENV;
  return env;
}

const exists = (path: string) => access(path).then(() => true, () => false);

/** Fails with what to do when the app's build is not wired up the way packaging expects. */
async function checkBuildContract(pkg: { main?: string; scripts?: Record<string, string> }): Promise<void> {
  const problems: string[] = [];
  if (pkg.main !== MAIN) problems.push(`package.json "main" is ${JSON.stringify(pkg.main)}, expected "${MAIN}"`);
  if (!pkg.scripts?.['build:desktop']) problems.push('package.json has no "build:desktop" script (npm run build:web && node electron/build.mjs)');
  if (!(await exists(join(ROOT, 'electron', 'build.mjs')))) problems.push('electron/build.mjs (the main-process bundler) is missing');
  if (problems.length > 0) {
    throw new Error(`The desktop build is not set up, so there is nothing to package:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A folder electron-builder takes for an unpacked Electron: a stub binary with a fuse wire, locales, resources/. */
async function writeStubElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'locales'), { recursive: true });
  await mkdir(join(dir, 'resources'), { recursive: true });
  for (const locale of STUB_LOCALES) await writeFile(join(dir, 'locales', locale), `stub ${locale}\n`);
  const script = Buffer.from(
    '#!/bin/sh\n# A stand-in for the Electron binary (test/packaging.test.ts); it only carries a fuse wire.\n' +
      'echo "stub electron: cannot run" >&2\nexit 1\n# ',
  );
  const wire = Buffer.from([...Buffer.from(FUSE_SENTINEL, 'latin1'), 1, ELECTRON_DEFAULT_WIRE.length, ...ELECTRON_DEFAULT_WIRE]);
  await writeFile(join(dir, 'electron'), Buffer.concat([script, wire, Buffer.from('\n')]));
  await chmod(join(dir, 'electron'), 0o755);
}

/** Builds dist/ (unless reusing it), then packs it with electron-builder into `work`. */
async function buildAndPack(work: string): Promise<Packed> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  await checkBuildContract(pkg);
  let log = '';
  const built = (await exists(join(ROOT, MAIN))) && (await exists(join(ROOT, 'dist', 'web', 'index.html')));
  if (!REUSE_DIST || !built) log += await run('npm', ['run', 'build:desktop'], buildEnv(), 240_000);

  const electronDist = join(work, 'electron-dist');
  await writeStubElectron(electronDist);
  const electronVersion = String(pkg.devDependencies.electron).replace(/^[\^~]/, '');
  const output = join(work, 'out');
  log += await run(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--projectDir',
      ROOT,
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${electronVersion}`,
      `-c.directories.output=${output}`,
    ],
    buildEnv({
      // Offline: any download electron-builder would try goes to a closed port and fails the
      // test at once, and an empty cache proves no earlier download is being relied on.
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '',
      ELECTRON_BUILDER_CACHE: join(work, 'cache'),
      ELECTRON_CACHE: join(work, 'cache'),
    }),
    120_000,
  );
  const appOutDir = join(output, 'linux-unpacked');
  const asar = join(appOutDir, 'resources', 'app.asar');
  return { appOutDir, asar, files: asarFiles(getRawHeader(asar).header as AsarNode), log };
}

interface AsarNode {
  files?: Record<string, AsarNode>;
}

/** The files (not folders) under an asar header node, as '/'-separated paths. */
function asarFiles(node: AsarNode, prefix = ''): string[] {
  return Object.entries(node.files ?? {}).flatMap(([name, child]) =>
    child.files ? asarFiles(child, `${prefix}${name}/`) : [`${prefix}${name}`],
  );
}

/** Bare module names a bundle require()s that are neither Electron nor Node's own. */
function foreignRequires(code: string): string[] {
  const builtins = new Set(builtinModules);
  const names = [...code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1]);
  return [...new Set(names)].filter((name) => name !== 'electron' && !name.startsWith('node:') && !builtins.has(name.split('/')[0]));
}

describe.skipIf(process.platform === 'win32')('packaging (electron-builder --linux dir, stub Electron)', () => {
  let work: string;
  let packed: Packed;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'deepwire-packaging-'));
    packed = await buildAndPack(work);
  }, 420_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs the app into app.asar beside the renamed executable, offline', async () => {
    expect(await exists(join(packed.appOutDir, EXECUTABLE))).toBe(true);
    expect(await exists(join(packed.appOutDir, 'electron'))).toBe(false);
    expect(await exists(packed.asar)).toBe(true);
    // asar: true, nothing unpacked beside it, no loose app folder.
    expect(await readdir(join(packed.appOutDir, 'resources'))).toEqual(['app.asar']);
    expect(packed.log).not.toMatch(/downloading|ECONNREFUSED/i);
  });

  it('flips the fuses in the Electron binary', async () => {
    const wire = await getCurrentFuseWire(join(packed.appOutDir, EXECUTABLE));
    expect(wire.version).toBe('1');
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as unknown as number);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0', // Electron's default, left alone
      grantFileProtocolExtraPrivileges: '0',
    });
  });

  it('holds the built editor, the main process bundles and the examples', async () => {
    const files = new Set(packed.files);
    for (const bundle of BUNDLES) expect(files, `dist/electron/${bundle}`).toContain(`dist/electron/${bundle}`);
    expect(files).toContain('dist/web/index.html');
    expect(files).toContain('dist/web/datasets/mnist.dwdata');
    if (await exists(join(ROOT, 'dist', 'web', 'engine-host.html'))) expect(files).toContain('dist/web/engine-host.html');
    const examples = (await readdir(join(ROOT, 'assets', 'examples'))).filter((f) => f.endsWith('.dwire'));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(files).toContain(`assets/examples/${example}`);
    // Every file the editor's pages load (scripts, styles) is in the archive.
    for (const page of packed.files.filter((f) => /^dist\/web\/[^/]+\.html$/.test(f))) {
      const html = extractFile(packed.asar, page).toString('utf8');
      for (const [, ref] of html.matchAll(/(?:src|href)="\.\/([^"?#]+)"/g)) expect(files, `${page} loads ${ref}`).toContain(`dist/web/${ref}`);
    }
  });

  it('ships nothing else: no sources, tests, source maps, benchmarks or node_modules', () => {
    const allowed = /^(?:package\.json|dist\/electron\/[^/]+\.cjs|dist\/web\/.+|assets\/examples\/[^/]+\.dwire)$/;
    expect(packed.files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(packed.files.filter((f) => /\.map$|\.(?:test|spec)\.|\.tsx?$|(?:^|\/)node_modules\//.test(f))).toEqual([]);
    expect(packed.files.filter((f) => /^(?:engine|renderer|electron|test|bench|bin|docs|src)\//.test(f))).toEqual([]);
  });

  it('needs no node_modules at run time: the bundles require only Electron and Node builtins', () => {
    for (const bundle of BUNDLES) {
      const code = extractFile(packed.asar, `dist/electron/${bundle}`).toString('utf8');
      expect(foreignRequires(code), `dist/electron/${bundle}`).toEqual([]);
    }
  });

  it("writes a package.json whose main is in the archive and whose desktopName matches the .desktop file", () => {
    const pkg = JSON.parse(extractFile(packed.asar, 'package.json').toString('utf8'));
    expect(pkg.main).toBe(MAIN);
    expect(packed.files).toContain(pkg.main);
    expect(pkg.desktopName).toBe(`${EXECUTABLE}.desktop`);
  });

  it('keeps only the English and Korean Chromium locales', async () => {
    expect((await readdir(join(packed.appOutDir, 'locales'))).sort()).toEqual(['en-GB.pak', 'en-US.pak', 'ko.pak']);
  });
});
