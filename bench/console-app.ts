// The console as the benchmarks run it: the production build (made once if missing), started on a free loopback
// port against an endpoint, and timed GETs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { emulatorEnv, freePort } from "../scripts/local-stack.mjs";

/** Builds the console into NEXT_DIST_DIR (default .next) unless a build is there. */
export function ensureBuild(): void {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (existsSync(path.join(distDir, "BUILD_ID"))) return;
  console.log(`building the console into ${distDir}`);
  if (spawnSync("npx", ["next", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}

/**
 * A new server process (nothing cached) reading AWS at `endpoint`; BENCH_VERBOSE shows its output. `root` is the
 * checkout (with its own build) to serve: another one lets a benchmark compare two versions in one run.
 */
export async function startConsole(endpoint: string, env: Record<string, string>, root = ".") {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    env: {
      ...process.env,
      ...emulatorEnv(endpoint),
      PORT: String(port),
      NODE_ENV: "production",
      ...env,
    },
    stdio: process.env.BENCH_VERBOSE ? "inherit" : "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, pid: child.pid!, stop: () => child.kill("SIGTERM") };
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("the console did not start");
}

/** GET url and its JSON body, with the milliseconds it took; a scan of many accounts may take minutes. */
export async function timeGet<T>(url: string): Promise<{ ms: number; body: T }> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(30 * 60_000) });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - t0, body: body as T };
}
