/**
 * Cleans up after a runner that died without cleaning up: work dirs still
 * mounted, cgroups still holding processes, containers still running. Only
 * entries whose name carries the pid of a process that no longer exists are
 * touched, so two runners on one host leave each other alone.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger.ts';
import { JobCgroup } from './cgroup-v1.ts';

const run = promisify(execFile);

function ownerGone(name: string): boolean {
  const m = /^(?:hybrid-lab-)?(?:job|warmup)-(\d+)/.exec(name);
  if (!m) return false;
  try {
    process.kill(Number(m[1]), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes work dirs, cgroups and containers left by runners that are gone. */
export async function sweepStaleJobs(stateDir: string, log: Logger): Promise<void> {
  for (const cli of ['podman', 'docker']) {
    const names = await run(cli, ['ps', '-a', '--filter', 'name=hybrid-lab-job-', '--format', '{{.Names}}'], { timeout: 20_000 })
      .then((r) => r.stdout.split('\n').filter(Boolean))
      .catch(() => [] as string[]);
    for (const n of names.filter(ownerGone)) {
      await run(cli, ['rm', '-f', '-t', '0', n]).catch(() => {});
      log.info('removed a stale container', { name: n });
    }
  }
  const memRoot = '/sys/fs/cgroup/memory/hybrid-lab';
  if (existsSync(memRoot)) {
    for (const e of await readdir(memRoot, { withFileTypes: true })) {
      if (!e.isDirectory() || !ownerGone(e.name)) continue;
      const g = await JobCgroup.create(e.name);
      await g.killAll().catch(() => {});
      await g.remove().catch(() => {});
      log.info('removed a stale cgroup', { name: e.name });
    }
  }
  const jobsDir = path.join(stateDir, 'jobs');
  if (existsSync(jobsDir)) {
    for (const e of await readdir(jobsDir)) {
      if (!ownerGone(e)) continue;
      const dir = path.join(jobsDir, e);
      await run('umount', ['-l', dir]).catch(() => {});
      await rmdir(dir).catch(() => {});
      log.info('removed a stale work dir', { dir });
    }
  }
}
