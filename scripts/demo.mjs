// `npm run demo`: installs what is missing, starts the emulator, seeds the demo scenario,
// builds and serves the console. Ctrl-C stops everything it started.
//   PORT (default 3000), HOST (default 127.0.0.1), MOTO_PORT (default: a free port),
//   --skip-build to serve the existing build (the e2e tests build once beforehand).
// The console serves three accounts (scripts/demo-accounts.json, unless CONSOLE_ACCOUNTS_FILE is
// set): the emulator's default one, data-platform through a role, and sandbox, whose role does
// not trust the console (scripts/demo-role-guard.mjs), to show an account that cannot be read.
// An AWS Config aggregator covers them and one more member without a role (scripts/demo-config.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindDecision } from "../lib/runtime/bind-policy.mjs";
import { dropEmptyValues } from "../lib/runtime/env-values.mjs";
import { startRoleGuard } from "./demo-role-guard.mjs";
import { emulatorEnv, ensureMoto, startMoto } from "./local-stack.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// `NAME=` means unset for every setting (lib/runtime/env-values.mjs), in the demo and the console.
dropEmptyValues(process.env);
const skipBuild = process.argv.includes("--skip-build");
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const log = (m) => console.log(`[demo] ${m}`);

// Same rule as scripts/start.mjs, checked before the emulator starts and the build runs.
const decision = bindDecision({ host, env: process.env });
if (!decision.ok) {
  console.error(decision.message);
  process.exit(78);
}

function runOrExit(cmd, args, env, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`[demo] ${what} failed (exit ${r.status}).`);
    process.exit(1);
  }
}

if (!existsSync(path.join(root, "node_modules", ".package-lock.json"))) {
  log("installing npm packages (npm ci)");
  runOrExit("npm", ["ci", "--no-audit", "--no-fund"], {}, "npm ci");
}
// An invalid setting stops the demo with its message before the emulator starts (the endpoint is the demo's own).
const config = spawnSync(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "scripts/check-config.ts"],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, AWS_ENDPOINT_URL: "http://127.0.0.1", NODE_NO_WARNINGS: "1" },
  },
);
if (config.status !== 0) process.exit(config.status ?? 1);
ensureMoto();

const moto = await startMoto({ port: process.env.MOTO_PORT ? Number(process.env.MOTO_PORT) : undefined });
log(`emulator (moto) on ${moto.url}`);
const children = [moto.child];
let stopping = false;
const stopAll = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
};
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));
moto.child.on("exit", () => {
  if (!stopping) console.error("[demo] the emulator stopped unexpectedly.");
});

const env = {
  ...emulatorEnv(moto.url),
  CONSOLE_DATA_DIR: process.env.CONSOLE_DATA_DIR ?? path.join(root, "data", "demo"),
};
runOrExit(
  process.execPath,
  ["--import", "tsx", "scripts/demo-scenario.ts"],
  { ...env, NODE_NO_WARNINGS: "1" },
  "seeding the demo scenario",
);
const guard = await startRoleGuard({
  target: moto.url,
  deniedRoles: ["arn:aws:iam::333333333333:role/BucketKeyConsole"],
});
// moto has no SelectAggregateResourceConfig: the Config double answers it in front of the guard
// (from moto's S3 state), and passes every other request on.
const configDouble = await startConfigDouble(guard.url, moto.url);
children.push(configDouble.child);
log(`AWS Config double (SelectAggregateResourceConfig) on ${configDouble.url}`);
const consoleEnv = {
  ...env,
  AWS_ENDPOINT_URL: configDouble.url,
  CONSOLE_ACCOUNTS_FILE: process.env.CONSOLE_ACCOUNTS_FILE ?? path.join(root, "scripts", "demo-accounts.json"),
  // The demo scenario writes its Data Export there (scripts/demo-bill.ts); Settings can name another.
  CONSOLE_BILL_SOURCE: process.env.CONSOLE_BILL_SOURCE ?? "s3://bkc-demo-cloudtrail-logs/billing/bkc-demo-cur2",
};

/** Starts scripts/config-double as a child process; resolves with its URL once it listens. */
function startConfigDouble(forwardTo, motoUrl) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/config-double/main.ts", forwardTo, motoUrl], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_NO_WARNINGS: "1" },
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      const url = /config-double (\S+)/.exec(String(d))?.[1];
      if (url) resolve({ url, child });
    });
    child.on("exit", (code) => reject(new Error(`the Config double exited (${code})`)));
  });
}

if (!skipBuild) {
  log("building the console (next build)");
  runOrExit("npx", ["next", "build"], {}, "next build");
}

const server = spawn(process.execPath, ["scripts/start.mjs"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...consoleEnv, PORT: port, HOST: host },
});
children.push(server);
server.on("exit", (code) => stopAll(code ?? 1));
log(`console: http://${host}:${port}  (Ctrl-C stops the console and the emulator)`);
