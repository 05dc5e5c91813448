/**
 * cgroup v1 groups for jobs: one folder per job under each controller
 * (memory, pids, cpuacct, freezer), limits set per step, usage read back,
 * and a freeze-kill-thaw sweep so nothing in the group survives a step.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = '/sys/fs/cgroup';
const CONTROLLERS = ['memory', 'pids', 'cpuacct', 'freezer'] as const;
type Controller = (typeof CONTROLLERS)[number];

/** Why cgroup v1 cannot be used here, or null when it can. */
export function cgroupV1Problem(): string | null {
  for (const c of CONTROLLERS) {
    if (!existsSync(path.join(ROOT, c, 'cgroup.procs'))) {
      return `cgroup v1 controller "${c}" is not mounted at ${ROOT}/${c}`;
    }
  }
  if (process.getuid?.() !== 0) return 'creating cgroups needs root (run the runner as root)';
  return null;
}

export interface CgroupUsage {
  cpuMs: number;
  peakMemoryBytes: number;
  oomKills: number;
  /** Times a charge hit the memory limit (memory.failcnt): with a SIGKILL, the OOM killer's mark even when its victim's own cgroup is gone. */
  memoryLimitHits: number;
  /** Forks refused by the pids limit, or 1 when the peak reached the limit (a container's own cgroup, which holds the counter, is gone by the time we look). */
  pidsLimitHits: number;
}

export class JobCgroup {
  /** Path relative to each controller's root, e.g. hybrid-lab/job-1-abc. */
  readonly relative: string;

  private constructor(relative: string) {
    this.relative = relative;
  }

  /** Creates the job's folder under every controller. */
  static async create(name: string): Promise<JobCgroup> {
    const g = new JobCgroup(`hybrid-lab/${name}`);
    for (const c of CONTROLLERS) await mkdir(g.dir(c), { recursive: true });
    return g;
  }

  dir(c: Controller): string {
    return path.join(ROOT, c, this.relative);
  }

  /** The cgroup.procs files a process writes its pid to, to join the group. */
  procsFiles(): string[] {
    return CONTROLLERS.map((c) => path.join(this.dir(c), 'cgroup.procs'));
  }

  /** Sets memory and pids limits for the next step and resets the peak counter. */
  async limit(memoryBytes: number, pids: number): Promise<void> {
    const mem = this.dir('memory');
    // Swap is kept out by swappiness 0 rather than memory.memsw: a memsw limit hides the limit hits from memory.failcnt.
    await writeFile(path.join(mem, 'memory.limit_in_bytes'), String(memoryBytes));
    await writeFile(path.join(mem, 'memory.swappiness'), '0').catch(() => {});
    await writeFile(path.join(mem, 'memory.max_usage_in_bytes'), '0');
    await writeFile(path.join(mem, 'memory.failcnt'), '0');
    await writeFile(path.join(this.dir('pids'), 'pids.max'), String(pids));
  }

  /** Usage counters of the group and every group below it (a container's own cgroup). */
  async usage(): Promise<CgroupUsage> {
    const cpuNs = Number(await readNumber(path.join(this.dir('cpuacct'), 'cpuacct.usage')));
    const peak = Number(await readNumber(path.join(this.dir('memory'), 'memory.max_usage_in_bytes')));
    let oomKills = 0;
    for (const d of await subtree(this.dir('memory'))) {
      const text = await readFile(path.join(d, 'memory.oom_control'), 'utf8').catch(() => '');
      oomKills += Number(/^oom_kill (\d+)$/m.exec(text)?.[1] ?? 0);
    }
    let pidsLimitHits = 0;
    for (const d of await subtree(this.dir('pids'))) {
      const text = await readFile(path.join(d, 'pids.events'), 'utf8').catch(() => '');
      pidsLimitHits += Number(/^max (\d+)$/m.exec(text)?.[1] ?? 0);
    }
    const pidsDir = this.dir('pids');
    const pidsPeak = Number(await readNumber(path.join(pidsDir, 'pids.peak')));
    const pidsMax = Number(await readNumber(path.join(pidsDir, 'pids.max')));
    if (pidsLimitHits === 0 && Number.isFinite(pidsMax) && pidsMax > 0 && pidsPeak >= pidsMax) pidsLimitHits = 1;
    const limit = Number(await readNumber(path.join(this.dir('memory'), 'memory.limit_in_bytes')));
    const memoryLimitHits = Number(await readNumber(path.join(this.dir('memory'), 'memory.failcnt'))) + (peak >= limit ? 1 : 0);
    return { cpuMs: cpuNs / 1e6, peakMemoryBytes: peak, oomKills, memoryLimitHits, pidsLimitHits };
  }

  /** Pids of every process still in the group (and its sub-groups). */
  async pids(): Promise<number[]> {
    const out: number[] = [];
    for (const d of await subtree(this.dir('pids'))) {
      const text = await readFile(path.join(d, 'cgroup.procs'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) if (line.trim() !== '') out.push(Number(line));
    }
    return out;
  }

  /** Freezes the group, SIGKILLs every process in it, thaws, and waits until it is empty. Returns how many were killed. */
  async killAll(timeoutMs = 5000): Promise<number> {
    const freezer = path.join(this.dir('freezer'), 'freezer.state');
    let killed = 0;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pids = await this.pids();
      if (pids.length === 0) return killed;
      if (Date.now() > deadline) throw new Error(`processes ${pids.join(',')} survived SIGKILL in cgroup ${this.relative}`);
      await writeFile(freezer, 'FROZEN').catch(() => {});
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
          killed++;
        } catch {
          // Already gone.
        }
      }
      await writeFile(freezer, 'THAWED').catch(() => {});
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Removes the group's folders (after killAll); sub-groups first. */
  async remove(): Promise<void> {
    for (const c of CONTROLLERS) {
      const dirs = (await subtree(this.dir(c))).reverse();
      for (const d of dirs) {
        for (let attempt = 0; attempt < 50; attempt++) {
          try {
            await rmdir(d);
            break;
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'ENOENT') break;
            if (code !== 'EBUSY' || attempt === 49) throw err;
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }
    }
  }
}

async function readNumber(file: string): Promise<string> {
  return (await readFile(file, 'utf8').catch(() => '0')).trim();
}

/** The folder and all folders below it, parents before children. */
async function subtree(dir: string): Promise<string[]> {
  const out = [dir];
  for (let i = 0; i < out.length; i++) {
    const entries = await readdir(out[i] as string, { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory()) out.push(path.join(out[i] as string, e.name));
  }
  return existsSync(dir) ? out : [];
}
