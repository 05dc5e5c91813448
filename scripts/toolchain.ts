// What Hybrid Lab needs on a machine, how to tell whether it is there, and
// how to install it. `doctor` prints this table; `setup` installs what it can.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root (this file lives in scripts/). */
export const repoRoot = resolve(import.meta.dirname, '..');

/** Per-user cache for installed tools, shared by every clone on the machine. */
export const cacheDir = process.env.HYBRID_LAB_CACHE ?? join(homedir(), '.cache', 'hybrid-lab');

/** Where `cargo install` puts wasm-pack and wasm-bindgen (on PATH via hybrid.sh). */
export const cargoInstallRoot = join(cacheDir, 'cargo');

/** wasm-pack release this project is tested with. */
export const wasmPackVersion = '0.15.1';

const minimum = { node: '22.12.0', go: '1.24.0', rustc: '1.85.0', debianRustc: '1.86.0' };

/** What a tool is needed for; each command sets up only what it uses. */
export type Purpose = 'site' | 'runner' | 'test';

/** The image the container backend runs jobs in (built by docker/build-images.sh). */
export const sandboxImage = 'localhost/hybrid-lab-sandbox:latest';

export type State = 'found' | 'missing' | 'too old';

export interface Status {
  state: State;
  /** Version or path that was found, for the doctor's table. */
  detail: string;
}

export interface Tool {
  name: string;
  neededFor: Purpose[];
  check(): Status;
  /** The exact command a person runs to fix it. */
  fix: string;
  /** Installs the tool when this project can do so by itself. */
  install?: () => void;
  /** Brings an installed tool up to date with the repository (idempotent, quick when nothing changed). */
  refresh?: () => void;
}

/** Runs a command and returns its trimmed stdout, or null if it cannot run or fails. */
export function capture(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string | null {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env });
  if (r.error || r.status !== 0) return null;
  return `${r.stdout}`.trim();
}

/** Runs a command with inherited output; throws an error naming it if it fails. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env });
  if (r.error) throw new Error(`could not start \`${cmd}\`: ${r.error.message}`);
  if (r.status !== 0) {
    const how = r.signal ? `was killed by ${r.signal}` : `exited with ${r.status}`;
    throw new Error(`\`${[cmd, ...args].join(' ')}\` ${how}`);
  }
}

/** Compares dotted versions numerically: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** First x.y.z found in a tool's version banner, e.g. "go version go1.26.8 linux/amd64" -> "1.26.8". */
export function parseVersion(banner: string | null): string | null {
  return banner?.match(/(\d+\.\d+(?:\.\d+)?)/)?.[1] ?? null;
}

function versioned(banner: string | null, min: string | null): Status {
  const version = parseVersion(banner);
  if (!version) return { state: 'missing', detail: 'not found' };
  if (min && compareVersions(version, min) < 0) return { state: 'too old', detail: `${version} (needs >= ${min})` };
  return { state: 'found', detail: version };
}

/** The wasm-bindgen version kernels/Cargo.lock pins; the CLI must match it exactly. */
export function lockedWasmBindgenVersion(lockFile = join(repoRoot, 'kernels', 'Cargo.lock')): string {
  const lock = readFileSync(lockFile, 'utf8');
  const m = lock.match(/\[\[package\]\]\nname = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!m?.[1]) throw new Error(`${lockFile} has no wasm-bindgen package; run \`cargo generate-lockfile\` in kernels/`);
  return m[1];
}

/**
 * How the kernels reach wasm32-unknown-unknown: rustup's prebuilt std when the
 * target is installed, otherwise Debian's rustc-web building std from
 * rust-web-src (`-Z build-std`), since `rustup target add` cannot download here.
 */
export type WasmRoute =
  | { kind: 'rustup-target'; libdir: string }
  | { kind: 'build-std'; rustc: string; cargo: string }
  | { kind: 'none'; why: string };

export const debianRust = {
  rustc: '/usr/bin/rustc',
  cargo: '/usr/bin/cargo',
  src: '/usr/lib/rustlib/src/rust/library',
  // The wasm linker: rust-web-llvm's symlink into lld-22.
  lld: '/usr/bin/rust-lld',
  packages: ['rustc-web', 'cargo-web', 'rust-web-src', 'rust-web-llvm', 'lld-22'],
};

export function wasmRoute(): WasmRoute {
  const libdir = capture('rustc', ['--print', 'target-libdir', '--target', 'wasm32-unknown-unknown']);
  if (libdir && existsSync(libdir) && readdirSync(libdir).some((f) => f.startsWith('libstd-'))) {
    return { kind: 'rustup-target', libdir };
  }
  const debian = versioned(capture(debianRust.rustc, ['--version']), minimum.debianRustc);
  if (debian.state !== 'found') {
    return { kind: 'none', why: `no wasm32 std from rustup, and Debian's rustc-web is ${debian.detail}` };
  }
  // existsSync follows symlinks, so a rust-lld whose lld-22 is absent counts as missing.
  const absent = [debianRust.cargo, debianRust.src, debianRust.lld].filter((p) => !existsSync(p));
  if (absent.length) {
    return { kind: 'none', why: `Debian's rustc-web is there but ${absent.join(', ')} is missing` };
  }
  return { kind: 'build-std', rustc: debianRust.rustc, cargo: debianRust.cargo };
}

let aptUpdated = false;

/** Installs Debian packages (as root, or through passwordless sudo). */
export function aptInstall(packages: string[]): void {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const args = sudo.length ? [...pre, 'apt-get'] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run(cmd!, [...args, 'update', '-q'], { env });
    aptUpdated = true;
  }
  run(cmd!, [...args, 'install', '-y', '-q', '--no-install-recommends', ...packages], { env });
}

function cargoInstall(crate: string, version: string): void {
  const base = ['install', '--root', cargoInstallRoot, crate, '--version', version];
  try {
    run('cargo', [...base, '--locked'], { cwd: cacheDir });
  } catch (err) {
    // A crate's lock file can name a dependency release the registry no
    // longer serves (yanked, or absent from a mirror); then resolve afresh.
    console.warn(`hybrid-lab: ${(err as Error).message}; retrying without --locked`);
    run('cargo', base, { cwd: cacheDir });
  }
}

function npmDepsStatus(): Status {
  const marker = join(repoRoot, 'node_modules', '.package-lock.json');
  if (!existsSync(marker)) return { state: 'missing', detail: 'node_modules not installed' };
  const installed = statSync(marker).mtimeMs;
  const manifests = ['package.json', 'package-lock.json', ...workspaceManifests()];
  const stale = manifests.filter((f) => existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).mtimeMs > installed);
  return stale.length
    ? { state: 'too old', detail: `${stale.join(', ')} changed since the last npm install` }
    : { state: 'found', detail: 'node_modules up to date' };
}

function workspaceManifests(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  return pkg.workspaces.map((w) => join(w, 'package.json'));
}

/** Every tool, in the order setup installs them. */
export function tools(): Tool[] {
  const wasmBindgen = lockedWasmBindgenVersion();
  return [
    {
      name: 'node',
      neededFor: ['site', 'test'],
      check: () => versioned(process.version, minimum.node),
      fix: 'npm run doctor   (scripts/hybrid.sh installs Node 22 from the npm registry by itself)',
    },
    {
      name: 'npm packages',
      neededFor: ['site', 'test'],
      check: npmDepsStatus,
      fix: 'npm install',
      install: () => run('npm', ['install', '--no-audit', '--no-fund']),
    },
    {
      name: 'cargo + rustc',
      neededFor: ['site', 'test'],
      check: () => versioned(capture('rustc', ['--version']), minimum.rustc),
      fix: 'install Rust >= 1.85 (edition 2024) with rustup, or: apt-get install -y rustc-web cargo-web',
    },
    {
      // `npm test` checks every crate with rustfmt and clippy (scripts/lint.ts).
      name: 'rustfmt+clippy',
      neededFor: ['test'],
      check: () => {
        const fmt = capture('cargo', ['fmt', '--version']);
        const clippy = capture('cargo', ['clippy', '--version']);
        if (fmt && clippy) return { state: 'found', detail: `${fmt.trim()}; ${clippy.trim()}` };
        return { state: 'missing', detail: `${fmt ? '' : 'cargo fmt '}${clippy ? '' : 'cargo clippy '}not found` };
      },
      fix: 'rustup component add rustfmt clippy',
      install: () => run('rustup', ['component', 'add', 'rustfmt', 'clippy']),
    },
    {
      name: 'wasm32 std',
      neededFor: ['site', 'test'],
      check: () => {
        const route = wasmRoute();
        if (route.kind === 'rustup-target') return { state: 'found', detail: `rustup target (${route.libdir})` };
        if (route.kind === 'build-std') return { state: 'found', detail: `build-std with ${route.rustc}` };
        return { state: 'missing', detail: route.why };
      },
      fix: `rustup target add wasm32-unknown-unknown   or, without rustup's servers: apt-get install -y ${debianRust.packages.join(' ')}`,
      install: () => aptInstall(debianRust.packages),
    },
    {
      name: 'wasm-bindgen',
      neededFor: ['site', 'test'],
      check: () => {
        const s = versioned(capture('wasm-bindgen', ['--version']), null);
        if (s.state === 'found' && s.detail !== wasmBindgen) {
          return { state: 'too old', detail: `${s.detail}, but kernels/Cargo.lock pins ${wasmBindgen}` };
        }
        return s;
      },
      fix: `cargo install --root ${cargoInstallRoot} wasm-bindgen-cli --version ${wasmBindgen}`,
      install: () => cargoInstall('wasm-bindgen-cli', wasmBindgen),
    },
    {
      name: 'wasm-pack',
      neededFor: ['site', 'test'],
      check: () => versioned(capture('wasm-pack', ['--version']), wasmPackVersion),
      fix: `cargo install --root ${cargoInstallRoot} --locked wasm-pack --version ${wasmPackVersion}`,
      install: () => cargoInstall('wasm-pack', wasmPackVersion),
    },
    {
      name: 'go (with cgo)',
      neededFor: ['test'],
      check: () => versioned(capture('go', ['version']), minimum.go),
      fix: "install Go >= 1.24 and put it on PATH (Debian 12's golang-go is 1.19, too old)",
    },
    {
      name: 'gcc',
      neededFor: ['test'],
      check: () => versioned(capture('gcc', ['-dumpfullversion']), null),
      fix: 'apt-get install -y gcc',
      install: () => aptInstall(['gcc', 'libc6-dev']),
    },
    {
      name: 'bubblewrap',
      neededFor: ['runner', 'test'],
      check: () => versioned(capture('bwrap', ['--version']), null),
      fix: 'apt-get install -y bubblewrap',
      install: () => aptInstall(['bubblewrap']),
    },
    {
      name: 'podman + runc',
      neededFor: ['runner', 'test'],
      check: () => {
        const podman = versioned(capture('podman', ['--version']), null);
        if (podman.state === 'found' && !existsSync('/usr/sbin/runc')) return { state: 'missing', detail: 'podman without /usr/sbin/runc' };
        return podman;
      },
      fix: 'apt-get install -y podman runc',
      install: () => aptInstall(['podman', 'runc']),
    },
    {
      name: 'debootstrap',
      neededFor: ['runner', 'test'],
      check: () =>
        existsSync('/usr/sbin/debootstrap')
          ? { state: 'found', detail: '/usr/sbin/debootstrap' }
          : { state: 'missing', detail: 'not found' },
      fix: 'apt-get install -y debootstrap',
      install: () => aptInstall(['debootstrap']),
    },
    {
      name: 'sandbox image',
      neededFor: ['test'],
      check: () => {
        const id = capture('podman', ['image', 'inspect', '--format', '{{.Id}}', sandboxImage]);
        return id
          ? { state: 'found', detail: `${sandboxImage} (${id.slice(0, 12)})` }
          : { state: 'missing', detail: `${sandboxImage} not built` };
      },
      fix: 'bash docker/build-images.sh sandbox',
      install: () => run('bash', ['docker/build-images.sh', 'sandbox']),
      // The image embeds the lessons' crates and the toolchains: rebuild when they change.
      refresh: () => run('bash', ['docker/build-images.sh', 'sandbox']),
    },
    {
      name: 'chromium',
      neededFor: ['test'],
      check: () => versioned(capture('/usr/bin/chromium', ['--version']), null),
      fix: 'apt-get install -y chromium',
      install: () => aptInstall(['chromium', 'fonts-dejavu-core']),
    },
  ];
}
