// `npm test`: typecheck, lint (with the layout's folder rules), format check, import cycles, unit tests,
// integration tests against a moto server started here on a free port, then the production build, the JS budgets
// per page on it (scripts/js-budgets.ts) and Playwright e2e in Debian's Chromium.
// Ends with one line "N passed, N failed" totalling every suite, so a run that executed no
// test cannot pass unnoticed. `npm test -- unit` (or integration, e2e, static) runs one part.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { emulatorEnv, freePort, startMoto } from "./local-stack.mjs";

// Arguments are part names; any other argument narrows the files run to those whose path
// contains it (`npm test -- integration inventory`), for working on one area.
const parts = new Set(["static", "unit", "integration", "e2e"]);
const only = new Set(process.argv.slice(2).filter((a) => parts.has(a)));
const filters = process.argv.slice(2).filter((a) => !parts.has(a));
const wants = (part) => only.size === 0 || only.has(part);
const picked = (file) => filters.length === 0 || filters.some((f) => file.includes(f));
const totals = { passed: 0, failed: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = "";
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

function record(suite, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  lines.push(`${suite}: ${passed} passed, ${failed} failed`);
}

async function check(suite, cmd, args) {
  const { code } = await run(cmd, args);
  record(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

/** node:test over the given files; counts come from the TAP summary. */
async function nodeTests(suite, files, env = {}) {
  if (files.length === 0) return record(suite, 0, 0);
  const { code, out } = await run(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--test", "--test-reporter=tap", "--test-concurrency=2", ...files],
    { NODE_NO_WARNINGS: "1", ...env },
  );
  const pass = Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0);
  // A crashed runner that printed no summary still counts as a failure.
  record(suite, pass, fail || (code !== 0 ? 1 : 0));
}

async function e2e() {
  const build = await run("npx", ["next", "build"]);
  if (build.code !== 0) return record("e2e (build)", 0, 1);
  // The page-weight budgets read this build's output, so the suite builds once for both.
  await check("JS budgets", "npx", ["tsx", "scripts/js-budgets.ts"]);
  const report = "test-results/e2e-report.json";
  rmSync(report, { force: true });
  rmSync("test-results/e2e-data", { recursive: true, force: true });
  const ports = { E2E_APP_PORT: String(await freePort()), E2E_MOTO_PORT: String(await freePort()) };
  const { code } = await run("npx", ["playwright", "test", ...filters], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    ...ports,
  });
  if (!existsSync(report)) return record("e2e", 0, 1);
  const stats = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = stats.unexpected ?? 0;
  record("e2e", passed, failed || (code !== 0 ? 1 : 0));
}

// Node 20 has no fs.glob: walk the folders instead.
function testFiles(dirs) {
  return dirs
    .filter((d) => existsSync(d))
    .flatMap((d) => readdirSync(d, { recursive: true }).map((f) => path.join(d, String(f))))
    .filter((f) => f.endsWith(".test.ts") && picked(f))
    .sort();
}

const unitFiles = testFiles(["lib", "components", "scripts", "bench"]);
const integrationFiles = testFiles(["tests/integration"]);

if (wants("static")) {
  await check("typecheck", "npx", ["tsc", "--noEmit"]);
  await check("lint", "npx", ["eslint", "."]);
  await check("format", "npx", ["prettier", "--check", "."]);
  await check("layout", "npx", ["tsx", "scripts/check-layout.ts"]);
}
if (wants("unit")) await nodeTests("unit", unitFiles);
if (wants("integration")) {
  const moto = await startMoto();
  try {
    await nodeTests("integration", integrationFiles, { ...emulatorEnv(moto.url), CONSOLE_TEST_MOTO: moto.url });
  } finally {
    await moto.stop();
  }
}
if (wants("e2e")) await e2e();

console.log(`\n${lines.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
