/**
 * Programs that attack the sandbox, run by the real runner on each backend.
 * Each must be stopped with a clear reason (or find nothing to take), and
 * afterwards the runner must be healthy, no process of a sandbox uid may be
 * left on the host, and the next job must run fine. Network probes only
 * ever target 127.0.0.1 / ::1.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { BACKENDS, goJob, livePidsOfUids, runJob, startRunner, step, type TestRunner } from './runner-harness.ts';

const SECRET = `hl-secret-${randomBytes(8).toString('hex')}`;
const SECRET_FILE = `/var/tmp/hybrid-lab-test-secret-${process.pid}`;
const ESCAPE_NAME = `hybrid-lab-escape-${randomBytes(4).toString('hex')}`;

const LIMITS = {
  RUNNER_RUN_TIMEOUT_MS: '4000',
  RUNNER_RUN_MEMORY_MB: '256',
  RUNNER_RUN_PIDS: '64',
  RUNNER_DISK_MB: '192',
  RUNNER_OUTPUT_BYTES: '32768',
  RUNNER_BUILD_TIMEOUT_MS: '60000',
};

const hostileGo = {
  forkBomb: `package main

import (
	"fmt"
	"os/exec"
)

func main() {
	fmt.Println("starting a fork bomb")
	out, err := exec.Command("/bin/sh", "-c", "bomb() { bomb | bomb & }; bomb; sleep 100").CombinedOutput()
	fmt.Println(len(out), err)
}
`,
  memoryBomb: `package main

import "fmt"

func main() {
	var keep [][]byte
	for i := 1; ; i++ {
		chunk := make([]byte, 32<<20)
		for j := range chunk {
			chunk[j] = byte(j)
		}
		keep = append(keep, chunk)
		fmt.Println("allocated MiB:", i*32)
	}
}
`,
  busyLoop: `package main

import "fmt"

func main() {
	fmt.Println("spinning")
	n := 0
	for {
		n++
	}
}
`,
  sleepForever: `package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("sleeping")
	time.Sleep(24 * time.Hour)
}
`,
  outputFlood: `package main

import (
	"bufio"
	"os"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	for {
		w.WriteString("flood flood flood flood flood flood flood flood flood flood\\n")
	}
}
`,
  diskFill: `package main

import (
	"fmt"
	"os"
)

func main() {
	chunk := make([]byte, 1<<20)
	written := 0
	for n := 0; ; n++ {
		f, err := os.Create(fmt.Sprintf("/work/fill-%d.bin", n))
		if err != nil {
			fmt.Printf("write failed after %d MiB: %v\\n", written, err)
			os.Exit(1)
		}
		for i := 0; i < 8; i++ {
			if _, err := f.Write(chunk); err != nil {
				fmt.Printf("write failed after %d MiB: %v\\n", written, err)
				os.Exit(1)
			}
			written++
		}
		f.Close()
	}
}
`,
  network: (port: number) => `package main

import (
	"fmt"
	"net"
	"strings"
	"time"
)

func main() {
	for _, addr := range []string{"127.0.0.1:${port}", "[::1]:${port}"} {
		conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err != nil {
			fmt.Println("dial", addr, "blocked")
			continue
		}
		conn.Close()
		fmt.Println("dial", addr, "CONNECTED")
	}
	ifaces, err := net.Interfaces()
	if err != nil {
		fmt.Println("interfaces error:", err)
		return
	}
	var up []string
	for _, i := range ifaces {
		if i.Flags&net.FlagUp != 0 {
			up = append(up, i.Name)
		}
	}
	fmt.Println("up:", strings.Join(up, ","))
}
`,
  readHost: `package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	for _, p := range []string{"${SECRET_FILE}", "/etc/shadow", "/root/.bashrc", "/proc/1/environ", "/proc/self/environ", "/sys/fs/cgroup/memory/memory.limit_in_bytes", "/var/lib/containers"} {
		data, err := os.ReadFile(p)
		if err != nil {
			fmt.Println("read", p, "failed")
			continue
		}
		fmt.Printf("read %s: %q\\n", p, string(data))
	}
	fmt.Println("env:", strings.Join(os.Environ(), " "))
}
`,
  writeOutside: `package main

import (
	"fmt"
	"os"
)

func main() {
	for _, dir := range []string{"/", "/usr", "/usr/local", "/etc", "/opt/go", "/opt/rust", "/opt/cargo-home", "/opt/hybrid/warm/target", "/opt/hybrid/bin", "/var/tmp", "/root"} {
		p := dir + "/${ESCAPE_NAME}"
		if err := os.WriteFile(p, []byte("escaped"), 0o644); err != nil {
			fmt.Println("write", dir, "denied")
		} else {
			fmt.Println("write", dir, "ALLOWED")
		}
	}
	if err := os.WriteFile("/work/inside.txt", []byte("ok"), 0o644); err == nil {
		fmt.Println("write /work allowed")
	}
}
`,
  cgoFlagTrick: `package main

/*
#cgo CFLAGS: -I/var/tmp
#include "hybrid-lab-test-secret-${process.pid}"
*/
import "C"

import "fmt"

func main() { fmt.Println("built") }
`,
  background: `package main

import (
	"fmt"
	"os/exec"
	"syscall"
)

func main() {
	cmd := exec.Command("/bin/sleep", "300")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		fmt.Println("start:", err)
		return
	}
	fmt.Println("left sleep running as pid", cmd.Process.Pid)
}
`,
};

function buildRsCrate(port: number): Record<string, string> {
  return {
    'rust/Cargo.toml':
      '[package]\nname = "sneaky"\nversion = "0.1.0"\nedition = "2021"\nbuild = "build.rs"\n\n[[bin]]\nname = "sneaky"\npath = "src/main.rs"\n',
    'rust/src/main.rs': 'fn main() { println!("main ran"); }\n',
    'rust/build.rs': `use std::io::Read;
fn main() {
    let secret = std::fs::read_to_string("${SECRET_FILE}").map(|s| format!("READ {s}")).unwrap_or_else(|_| "read denied".into());
    println!("cargo:warning=host file: {secret}");
    let net = match std::net::TcpStream::connect("127.0.0.1:${port}") { Ok(_) => "CONNECTED".to_string(), Err(_) => "blocked".to_string() };
    println!("cargo:warning=network: {net}");
    let write = match std::fs::write("/usr/${ESCAPE_NAME}", "x") { Ok(_) => "ALLOWED", Err(_) => "denied" };
    println!("cargo:warning=write /usr: {write}");
    let env: Vec<String> = std::env::vars().map(|(k, v)| format!("{k}={v}")).collect();
    println!("cargo:warning=env: {}", env.join(" "));
    let mut s = String::new();
    let _ = std::fs::File::open("/proc/1/environ").and_then(|mut f| f.read_to_string(&mut s));
    println!("cargo:warning=pid1 env bytes: {}", s.len());
    let spawned = std::process::Command::new("/bin/sh").arg("-c").arg("sleep 300 >/dev/null 2>&1 &").status();
    println!("cargo:warning=background: {:?}", spawned.is_ok());
}
`,
  };
}

BACKENDS.forEach((backend, i) => {
  const uidBase = 63000 + i * 100;
  describe(`hostile programs on ${backend}`, () => {
    let runner: TestRunner;
    let nextJob = 0;
    before(async () => {
      writeFileSync(SECRET_FILE, `${SECRET}\n`, { mode: 0o644 });
      process.env.HYBRID_LAB_TEST_SECRET = SECRET;
      runner = await startRunner(backend, uidBase, LIMITS);
    });
    after(async () => {
      await runner?.close();
      rmSync(SECRET_FILE, { force: true });
    });
    afterEach(async () => {
      const health = await fetch(`${runner.url}/healthz`);
      assert.equal(health.status, 200, 'the runner is healthy after the hostile job');
      assert.deepEqual(await livePidsOfUids(uidBase, uidBase + 100), [], 'no process of a sandbox uid is left on the host');
      const n = ++nextJob;
      const result = await runJob(runner, goJob(`package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("next job ${n} fine") }\n`));
      assert.equal(result.ok, true, JSON.stringify(result.steps));
      assert.equal(step(result, 'run').stdout, `next job ${n} fine\n`);
    });

    test('a fork bomb is stopped at the process limit', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.forkBomb)), 'run');
      assert.equal(run.reason, 'pids', JSON.stringify(run));
      assert.match(run.message ?? '', /more than 64 processes/);
    });

    test('a memory bomb is killed at the memory limit', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.memoryBomb)), 'run');
      assert.equal(run.reason, 'memory', JSON.stringify({ ...run, stdout: run.stdout.slice(-300) }));
      assert.match(run.message ?? '', /memory limit of 256 MiB/);
      assert.ok((run.peakMemoryBytes ?? 0) <= (256 + 40) * 1024 * 1024, `peak ${run.peakMemoryBytes}`);
    });

    test('a busy loop is killed at the time limit', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.busyLoop)), 'run');
      assert.equal(run.reason, 'timeout');
      assert.equal(run.stdout, 'spinning\n');
      assert.ok(run.durationMs >= 4000 && run.durationMs < 9000, `duration ${run.durationMs}`);
      assert.ok((run.cpuMs ?? 0) > 1000, `cpu ${run.cpuMs} (a busy loop burns CPU until it is killed)`);
    });

    test('a program sleeping forever is killed at the time limit', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.sleepForever)), 'run');
      assert.equal(run.reason, 'timeout');
      assert.match(run.message ?? '', /time limit of 4 s/);
    });

    test('an output flood is cut at the output limit with a marker', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.outputFlood)), 'run');
      assert.equal(run.reason, 'output-limit');
      assert.equal(run.truncated, true);
      assert.ok(run.stdout.length < 32768 + 200, `kept ${run.stdout.length} chars`);
      assert.match(run.stdout, /output cut: the step wrote more than the limit of 32768 bytes/);
    });

    test('filling the disk stops at the work dir size', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.diskFill)), 'run');
      assert.equal(run.reason, 'disk', JSON.stringify(run));
      assert.match(run.stdout, /write failed after \d+ MiB: .*no space left on device/);
    });

    test("no network: the runner's own port is unreachable and only loopback is up", async () => {
      const run = step(await runJob(runner, goJob(hostileGo.network(runner.port))), 'run');
      assert.equal(run.exitCode, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`dial 127.0.0.1:${runner.port} blocked`));
      assert.match(run.stdout, new RegExp(`dial \\[::1\\]:${runner.port} blocked`));
      const up = /^up: (.*)$/m.exec(run.stdout)?.[1] ?? 'missing';
      assert.ok(up === '' || up === 'lo', `interfaces up: ${up}`);
    });

    test("host files and the runner's environment cannot be read", async () => {
      const run = step(await runJob(runner, goJob(hostileGo.readHost)), 'run');
      assert.equal(run.exitCode, 0, run.stderr);
      assert.ok(!run.stdout.includes(SECRET), 'the secret must not leak');
      assert.match(run.stdout, new RegExp(`read ${SECRET_FILE} failed`));
      assert.match(run.stdout, /read \/etc\/shadow failed/);
      assert.doesNotMatch(run.stdout, /HYBRID_LAB_TEST_SECRET/);
    });

    test('nothing outside the work dir can be written', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.writeOutside)), 'run');
      assert.equal(run.exitCode, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /ALLOWED/);
      assert.match(run.stdout, /write \/work allowed/);
      for (const dir of ['/', '/usr', '/usr/local', '/etc', '/var/tmp', '/root']) {
        assert.equal(existsSync(`${dir}/${ESCAPE_NAME}`), false, `${dir}/${ESCAPE_NAME} appeared on the host`);
      }
    });

    test('a build.rs gets no host files, no network, no writable system dirs, no runner environment, and its background process dies', async () => {
      const result = await runJob(runner, buildRsCrate(runner.port));
      const build = step(result, 'cargo-build');
      assert.equal(build.exitCode, 0, build.stderr);
      assert.ok(!build.stderr.includes(SECRET) && !build.stdout.includes(SECRET), 'the secret must not leak');
      assert.match(build.stderr, /host file: read denied/);
      assert.match(build.stderr, /network: blocked/);
      assert.match(build.stderr, /write \/usr: denied/);
      assert.doesNotMatch(build.stderr, /HYBRID_LAB_TEST_SECRET/);
      assert.match(build.stderr, /background: true/);
      assert.equal(step(result, 'run').stdout, 'main ran\n');
      assert.equal(existsSync(`/usr/${ESCAPE_NAME}`), false);
    });

    test('a #cgo flag trick cannot read a host file at build time', async () => {
      const result = await runJob(runner, goJob(hostileGo.cgoFlagTrick));
      const build = step(result, 'go-build');
      assert.notEqual(build.exitCode, 0);
      assert.match(build.stderr, /No such file or directory/);
      assert.ok(!build.stderr.includes(SECRET), 'the secret must not leak');
      assert.equal(result.steps.length, 1, 'nothing runs after a failed build');
    });

    test('a background process left behind is killed and reported', async () => {
      const run = step(await runJob(runner, goJob(hostileGo.background)), 'run');
      assert.equal(run.exitCode, 0, run.stderr);
      assert.match(run.stdout, /left sleep running/);
      assert.match(run.message ?? '', /left 1 background process\(es\) running; the sandbox killed them/);
    });

    test('a program cannot forge what the sandbox reports by printing its words, or by writing to fd 3', async () => {
      const forger = `package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "[hybrid-lab] the program exited but left 7 background process(es) running; the sandbox killed them")
	fmt.Fprintln(os.Stderr, "leftover 7")
	fmt.Println("leftover 7")
	f := os.NewFile(3, "report")
	_, err := f.Write([]byte("leftover 7\\n"))
	fmt.Println("write to fd 3:", err != nil)
}
`;
      const run = step(await runJob(runner, goJob(forger)), 'run');
      assert.equal(run.exitCode, 0, run.stderr);
      assert.match(run.stdout, /write to fd 3: true/, 'fd 3 is closed for the program');
      assert.equal(run.message, null, 'nothing the program printed is taken as a report');
    });
  });
});
