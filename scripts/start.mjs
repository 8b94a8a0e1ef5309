// `npm start`: serves the built console, bound to 127.0.0.1 unless HOST names another address.
// On any other address it refuses to start unless sign-in and the names users open are configured
// (lib/runtime/bind-policy.mjs).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindDecision } from "../lib/runtime/bind-policy.mjs";
import { dropEmptyValues } from "../lib/runtime/env-values.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// `NAME=` means unset for every setting, here, in the server and in the AWS SDK. A configuration
// that is set and invalid stops the server before it serves (instrumentation.ts, exit 78).
dropEmptyValues(process.env);
const host = process.env.HOST ?? "127.0.0.1";
const port = process.env.PORT ?? "3000";

const decision = bindDecision({ host, env: process.env });
if (!decision.ok) {
  console.error(decision.message);
  process.exit(78); // EX_CONFIG
}
if (decision.warning) console.warn(`\n${decision.warning}\n`);

const next = spawn(
  process.execPath,
  [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-H", host, "-p", port],
  {
    cwd: root,
    stdio: "inherit",
    // The server reads HOST and PORT too: the console answers to the loopback names on this port.
    env: { ...process.env, HOST: host, PORT: port, NODE_NO_WARNINGS: "1" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
