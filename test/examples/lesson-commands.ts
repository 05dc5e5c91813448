// What the lesson-experiment tests share: run a command line as a reader
// types it, read the commands a page gives in ```sh blocks, and copy a
// lesson's example to a scratch folder without its build output.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

export const slowMs = 10 * 60_000;

export interface Result {
  command: string;
  code: number | null;
  /** stdout and stderr together, in the order they arrived, as a terminal shows them. */
  out: string;
  /** stdout alone, for a report that a parser reads. */
  stdout: string;
}

/** Runs one shell command line in `cwd` as a reader would type it; stdout and stderr together. */
export function sh(cwd: string, command: string, extraEnv: Record<string, string | undefined> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, CARGO_TERM_COLOR: 'never', ...extraEnv };
    // The pages' commands set these themselves where they need them; the test
    // runner's own environment must not leak into what a reader would see.
    for (const name of ['RUST_BACKTRACE', 'GODEBUG', 'GOGC', 'GOMEMLIMIT', 'GOEXPERIMENT']) {
      if (!(name in extraEnv)) delete env[name];
    }
    const child = spawn('bash', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: slowMs, killSignal: 'SIGKILL' });
    let out = '';
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ command, code, out, stdout }));
  });
}

export function explain(r: Result): string {
  return `\`${r.command}\` exited with ${r.code}; output (last lines):\n${r.out.split('\n').slice(-60).join('\n')}`;
}

/** The fenced ```sh blocks of a Markdown text (indented ones in list items too), as lists of command lines. */
export function shellBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  for (const m of markdown.matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm)) {
    const indent = m[1]?.length ?? 0;
    const lines = (m[2] ?? '')
      .split('\n')
      .map((line) =>
        line
          .slice(indent)
          .replace(/\s+#.*$/, '')
          .trim(),
      )
      .filter((line) => line !== '');
    blocks.push(lines);
  }
  return blocks;
}

/** The one block whose text contains `marker`. */
export function blockWith(markdown: string, marker: string, where: string): string[] {
  const found = shellBlocks(markdown).filter((lines) => lines.some((line) => line.includes(marker)));
  if (found.length !== 1) throw new Error(`${where}: expected one \`\`\`sh block with "${marker}", found ${found.length}`);
  return found[0] as string[];
}

/** Copies `example` to a new scratch folder, leaving out rust/target and any top-level file named in `skip`. */
export async function copyExample(example: string, prefix: string, skip: string[] = []): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), prefix));
  await cp(example, work, {
    recursive: true,
    filter: (path) => {
      const rel = relative(example, path).split(sep);
      return !(rel[0] === 'rust' && rel[1] === 'target') && !skip.includes(rel[0] ?? '');
    },
  });
  return work;
}

/**
 * Copies one side of a lesson's exercise (lessons/<id>/exercise/<side>) to a
 * scratch folder and runs a page's command block in it, as a reader would in
 * a folder with their files; every command but the last must succeed. The
 * last command's result.
 */
export async function runExerciseProgram(lessonDir: string, side: 'starter' | 'solution', block: string[]): Promise<Result> {
  const dir = await copyExample(join(lessonDir, 'exercise', side), `hybrid-lab-exercise-${side}-`);
  try {
    let last: Result | undefined;
    for (const [i, command] of block.entries()) {
      last = await sh(dir, command);
      if (i < block.length - 1 && last.code !== 0) throw new Error(explain(last));
    }
    if (!last) throw new Error('the page gives no commands to run');
    return last;
  } finally {
    if (!process.env.KEEP_EXAMPLE_DIRS) await rm(dir, { recursive: true, force: true });
  }
}
