/**
 * A job's work dir on the host: a tmpfs of fixed size (the disk limit),
 * owned by the job slot's unprivileged uid, shared by the job's steps and
 * unmounted when the job ends.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readdir, rm, rmdir, statfs } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OutputFile } from './types.ts';

const run = promisify(execFile);

export class JobWorkspace {
  readonly dir: string;
  readonly uid: number;
  readonly sizeBytes: number;
  private mounted = false;

  private constructor(dir: string, uid: number, sizeBytes: number) {
    this.dir = dir;
    this.uid = uid;
    this.sizeBytes = sizeBytes;
  }

  /** Mounts a fresh tmpfs of `sizeBytes` at `<jobsDir>/<name>`, owned by `uid`. */
  static async create(jobsDir: string, name: string, uid: number, sizeBytes: number): Promise<JobWorkspace> {
    const dir = path.join(jobsDir, name);
    await mkdir(jobsDir, { recursive: true, mode: 0o755 });
    await chmod(jobsDir, 0o755);
    await mkdir(dir, { mode: 0o700 });
    const ws = new JobWorkspace(dir, uid, sizeBytes);
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700,uid=${uid},gid=${uid},nosuid,nodev`, `hybrid-lab-${name}`, dir]);
    ws.mounted = true;
    return ws;
  }

  /**
   * Writes the job's files. Each parent folder is created fresh, and each
   * file with O_EXCL|O_NOFOLLOW, so nothing can be written through a link.
   */
  async writeFiles(files: Record<string, string>): Promise<void> {
    for (const [rel, content] of Object.entries(files)) {
      const target = path.join(this.dir, rel);
      if (!target.startsWith(`${this.dir}/`)) throw new Error(`path ${rel} escapes the work dir`);
      const parts = rel.split('/').slice(0, -1);
      let cur = this.dir;
      for (const part of parts) {
        cur = path.join(cur, part);
        await mkdir(cur, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
        await chown(cur, this.uid, this.uid);
      }
      const fh = await open(target, 'wx', 0o644);
      try {
        await fh.writeFile(content, 'utf8');
        await fh.chown(this.uid, this.uid);
      } finally {
        await fh.close();
      }
    }
  }

  /**
   * Regular files named *`suffix` directly in `relDir`, sorted by name. The runner reads them as
   * root, so every folder on the way must be a real folder and each file is opened with O_NOFOLLOW:
   * a link the sandboxed code planted (to /etc/shadow, to the runner's own files) is never followed.
   * Only called between steps, when no sandboxed process is left to swap a path.
   */
  async readOutputs(relDir: string, suffix: string, maxBytes: number): Promise<OutputFile[]> {
    let dir = this.dir;
    for (const part of relDir.split('/')) {
      dir = path.join(dir, part);
      const s = await lstat(dir).catch(() => null);
      if (!s?.isDirectory()) return [];
    }
    const out: OutputFile[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith(suffix)).sort()) {
      const fh = await open(path.join(dir, name), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
      if (!fh) continue;
      try {
        const s = await fh.stat();
        if (!s.isFile()) continue;
        out.push({ name, size: s.size, data: s.size > maxBytes ? null : await fh.readFile() });
      } finally {
        await fh.close();
      }
    }
    return out;
  }

  /** True when less than 1 MiB (or 1%) is left: a failing step then ran out of disk. */
  async isFull(): Promise<boolean> {
    const s = await statfs(this.dir);
    const free = s.bavail * s.bsize;
    return free < Math.max(1024 * 1024, this.sizeBytes / 100);
  }

  /** Unmounts the tmpfs (lazily if something still holds it) and removes the folder. */
  async dispose(): Promise<void> {
    if (this.mounted) {
      await run('umount', [this.dir]).catch(() => run('umount', ['-l', this.dir]));
      this.mounted = false;
    }
    await rmdir(this.dir).catch(() => rm(this.dir, { recursive: true, force: true }));
  }
}
