import { expect, test } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { e2eMotoUrl } from "../playwright.config";
import { emulatorEnv, freePort } from "../scripts/local-stack.mjs";

// The first run of a new user, on consoles of the same build started here: without credentials
// (and without an endpoint: nothing can reach AWS), with AWS unreachable until it comes up, and
// with a configuration that is empty or wrong.

const root = path.resolve(import.meta.dirname, "..");
const screenshots = path.join(root, "screenshots");

/** The environment with every AWS setting removed: no credentials, no endpoint, no profile. */
function withoutAws(): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^AWS_|^CONSOLE_/.test(k)) env[k] = v;
  return env as NodeJS.ProcessEnv;
}

async function startConsole(env: NodeJS.ProcessEnv): Promise<{ server: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...env,
      HOST: "127.0.0.1",
      PORT: String(port),
      CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-first-")),
    },
  });
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/api/health`);
      return { server, base };
    } catch {
      if (i > 120) throw new Error("the console did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

test.describe("no credentials and no endpoint", () => {
  let started: { server: ChildProcess; base: string };
  test.beforeAll(async () => {
    const home = mkdtempSync(path.join(tmpdir(), "bkc-home-"));
    mkdirSync(path.join(home, ".aws"));
    started = await startConsole({
      ...withoutAws(),
      HOME: home,
      AWS_REGION: "us-east-1",
      // The instance-role source is still asked, but of a closed loopback port: it fails at once and
      // nothing leaves this machine (169.254.169.254 would time out after a second per attempt).
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
      CONSOLE_AWS_TIMEOUT_MS: "2000",
    });
  });
  test.afterAll(() => void started?.server.kill("SIGTERM"));

  test("every page says why nothing is there and what to do", async ({ page, request }) => {
    const { base } = started;
    const health = await request.get(`${base}/api/health`);
    expect(health.status()).toBe(503);
    const body = await health.json();
    expect(body.endpoint).toBe("aws");
    expect(body.error.code).toBe("no_credentials");
    expect(body.error.credentials.tried).toEqual([
      "Environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.",
      expect.stringMatching(/^Shared files: neither .*\/\.aws\/config nor .*\/\.aws\/credentials exists\.$/),
      "Web identity (EKS service accounts): AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
      "Instance role (EC2 instance metadata): no answer, so this is not an EC2 instance with a role.",
    ]);

    // The account list does not call the console's own account "ok" while its id is unknown.
    await expect
      .poll(async () => (await (await request.get(`${base}/api/buckets`)).json()).accounts[0], { timeout: 20_000 })
      .toMatchObject({ id: "", status: "error", error: { code: "no_credentials" } });

    for (const [url, width] of [
      ["/", 1280],
      ["/buckets", 1440],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}${url}`);
      await expect(page.getByTestId("connection-error")).toContainText("No AWS credentials.");
      const empty = page.getByTestId("no-buckets");
      await expect(empty).toHaveAttribute("data-reason", "no_credentials");
      await expect(empty).toContainText("No buckets yet: the console has no AWS credentials.");
      await expect(empty.getByTestId("credential-help")).toContainText("Environment variables: AWS_ACCESS_KEY_ID");
      await expect(empty.getByTestId("credential-help")).toContainText("aws sso login --profile <your-profile>");
      await expect(empty.getByTestId("credential-help")).toContainText("export AWS_PROFILE=<your-profile>");
      await expect(empty.getByTestId("credential-help")).toContainText("instance profile, task role");
      await expect(page.getByTestId("scan")).toContainText("Not scanned yet: the console has no AWS credentials");
      await page.screenshot({
        path: `${screenshots}/first-run-no-credentials-${url === "/" ? "overview" : "buckets"}-${width}.png`,
        fullPage: true,
      });
    }
  });
});

test("AWS unreachable at start: the pages say so, then show the buckets by themselves once it answers", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const { server, base } = await startConsole({
    ...withoutAws(),
    ...emulatorEnv(`http://127.0.0.1:${port}`),
    CONSOLE_INGEST_ON_START: "0",
    CONSOLE_AWS_TIMEOUT_MS: "2000",
  });
  const target = new URL(e2eMotoUrl);
  let proxy: net.Server | undefined;
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/buckets`);
    const empty = page.getByTestId("no-buckets");
    await expect(empty).toHaveAttribute("data-reason", "aws_unreachable", { timeout: 30_000 });
    await expect(empty.getByText("No buckets yet: the inventory could not be read.")).toBeVisible();
    await expect(empty).toContainText("Cannot reach AWS (connection refused).");
    await expect(empty).toContainText("This page updates by itself once AWS answers.");
    await page.screenshot({ path: `${screenshots}/first-run-unreachable-1280.png`, fullPage: true });

    // AWS comes up on the endpoint's port: no reload, no click.
    proxy = net.createServer((socket) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(port, "127.0.0.1", resolve));
    await expect(page.getByTestId("bucket-row-bkc-demo-orders")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("no-buckets")).toHaveCount(0);
    await expect(page.getByTestId("connection-error")).toHaveCount(0, { timeout: 30_000 });
  } finally {
    server.kill("SIGTERM");
    proxy?.close();
  }
});

test.describe("configuration", () => {
  test("an empty setting means unset: the console serves (CONSOLE_ACCOUNTS_FILE=)", async ({ request }) => {
    const { server, base } = await startConsole({
      ...withoutAws(),
      ...emulatorEnv(e2eMotoUrl),
      CONSOLE_ACCOUNTS_FILE: "",
      CONSOLE_SCAN_CONCURRENCY: "",
      CONSOLE_INGEST_ON_START: "0",
    });
    try {
      const health = await request.get(`${base}/api/health`);
      expect(health.status()).toBe(200);
      expect((await request.get(`${base}/api/buckets`)).status()).toBe(200);
      expect((await request.get(`${base}/`)).status()).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
  });

  test("npm start refuses an invalid setting before serving: exit 78 and the message", async () => {
    const r = spawnSync(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: {
        ...withoutAws(),
        ...emulatorEnv(e2eMotoUrl),
        PORT: String(await freePort()),
        CONSOLE_SCAN_CONCURRENCY: "lots",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("Invalid configuration:\n  CONSOLE_SCAN_CONCURRENCY: use a whole number from 1 to 256");
  });

  test("npm run demo refuses it too, before it starts the emulator or builds", async () => {
    const r = spawnSync(process.execPath, ["scripts/demo.mjs", "--skip-build"], {
      cwd: root,
      env: { ...withoutAws(), PORT: String(await freePort()), CONSOLE_READ_ONLY: "yes" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain("Invalid configuration:\n  CONSOLE_READ_ONLY: use 1 or 0");
    expect(r.stdout).not.toContain("emulator (moto) on");
  });
});
