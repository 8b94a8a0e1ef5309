// The local AWS stack: a pinned moto server in a git-ignored venv, on 127.0.0.1.
// Used by `npm run demo`, the test runner, integration tests and benchmarks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const venv = path.join(root, ".venv-moto");
const requirements = path.join(root, "scripts", "requirements-moto.txt");
const stamp = path.join(venv, ".requirements");
const motoBin = path.join(venv, "bin", "moto_server");

/** Creates the venv and installs the pinned moto once; reinstalls when the pin changes. */
export function ensureMoto({ quiet = false } = {}) {
  const wanted = readFileSync(requirements, "utf8");
  if (existsSync(motoBin) && existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return;
  const log = (m) => quiet || console.log(`[local-stack] ${m}`);
  if (!existsSync(path.join(venv, "bin", "python"))) {
    log("creating the emulator venv (.venv-moto) with python3");
    run(
      "python3",
      ["-m", "venv", venv],
      "python3 -m venv failed: install Python 3 with the venv module (Debian: apt-get install python3-venv).",
    );
  }
  log("installing the pinned moto[server] from PyPI (first run only)");
  run(
    path.join(venv, "bin", "pip"),
    ["install", "--disable-pip-version-check", "-q", "-r", requirements],
    "pip install of moto failed: PyPI must be reachable.",
  );
  writeFileSync(stamp, wanted);
}

function run(cmd, args, hint) {
  const r = spawnSync(cmd, args, { stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${hint} (${cmd} exited ${r.status ?? r.error?.message})`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto on 127.0.0.1 and resolves once it answers.
 * @param {{ port?: number, env?: Record<string,string>, quiet?: boolean }} options
 */
export async function startMoto({ port, env = {}, quiet = true } = {}) {
  ensureMoto({ quiet });
  const p = port ?? (await freePort());
  const child = spawn(motoBin, ["-H", "127.0.0.1", "-p", String(p)], {
    env: { ...process.env, ...env },
    stdio: quiet ? "ignore" : ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode} before answering on ${url}`);
    try {
      const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`moto did not answer on ${url} within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port: p,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

/** Environment that points the AWS SDK (and the console) at a local emulator. */
export function emulatorEnv(url) {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
