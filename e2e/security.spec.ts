import { expect, test, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { e2eMotoUrl } from "../playwright.config";
import { emulatorEnv, freePort } from "../scripts/local-stack.mjs";
import { hashPassword } from "../lib/runtime/password.mjs";

// Security of the running console: headers, methods and origins on the demo server (no sign-in,
// loopback), and sign-in with roles on a second server of the same build with static credentials.

const root = path.resolve(import.meta.dirname, "..");
const s3 = new S3Client({
  region: "us-east-1",
  endpoint: e2eMotoUrl,
  forcePathStyle: true,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
const passwords = { admin: "admin-password-e2e", viewer: "viewer-password-e2e" };

test("every page and API answer carries the security headers", async ({ request }) => {
  for (const url of ["/", "/buckets", "/api/health", "/api/buckets"]) {
    const res = await request.get(url);
    const h = res.headers();
    const csp = h["content-security-policy"] ?? "";
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "connect-src 'self'",
    ]) {
      expect(csp, `${url}: ${directive}`).toContain(directive);
    }
    expect(csp, "no eval in production").not.toContain("unsafe-eval");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["x-powered-by"]).toBeUndefined();
  }
});

test("every API route of the build answers a method it does not implement with 405", async ({ request }) => {
  // The routes of the build under test (app/api may hold newer ones that are not built yet).
  const manifest = JSON.parse(
    readFileSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "app-path-routes-manifest.json"), "utf8"),
  ) as Record<string, string>;
  const routes = Object.entries(manifest).filter(([, url]) => url.startsWith("/api/"));
  expect(routes.length).toBeGreaterThan(5);
  for (const [entry, template] of routes) {
    const exported = new Set(
      [
        ...readFileSync(path.join(root, "app", `${entry}.ts`), "utf8").matchAll(
          /export const (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((m) => m[1]),
    );
    const url = template
      .replace(/\[\.\.\.\w+\]/, "session")
      .replace(/\[name\]/, "bkc-demo-orders")
      .replace(/\[\w+\]/g, "1");
    for (const method of ["PUT", "PATCH", "DELETE"].filter((m) => !exported.has(m))) {
      const res = await request.fetch(url, { method, headers: { origin: "http://127.0.0.1" } });
      expect(res.status(), `${method} ${url}`).toBe(405);
    }
  }
});

test("a change from another site is refused, and nothing changes", async ({ request }) => {
  const res = await request.post("/api/kms/keys", {
    data: { region: "us-east-1", alias: "alias/e2e-cross-origin" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toMatch(/Cross-origin request refused/);
  const keys = await (await request.get("/api/kms/keys?region=us-east-1")).json();
  expect(keys.keys.map((k: { alias: string | null }) => k.alias)).not.toContain("alias/e2e-cross-origin");
});

test("npm start refuses a public address without sign-in, and says how to configure it", async () => {
  const r = spawnSync(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "0.0.0.0",
      PORT: String(await freePort()),
      AUTH_SECRET: "",
      CONSOLE_ADMIN_PASSWORD_HASH: "",
      AUTH_OIDC_ISSUER: "",
    },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(r.status).toBe(78);
  expect(r.stderr).toContain("Refusing to start on 0.0.0.0 without authentication");
  expect(r.stderr).toContain("CONSOLE_ADMIN_PASSWORD_HASH");
  expect(r.stderr).toContain("AUTH_OIDC_ISSUER");
});

test.describe("with sign-in configured", () => {
  let server: ChildProcess;
  let base = "";
  const bucket = `e2e-sec-${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/orders-data" },
              BucketKeyEnabled: false,
            },
          ],
        },
      }),
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        ...emulatorEnv(e2eMotoUrl),
        HOST: "127.0.0.1",
        PORT: String(port),
        CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-e2e-auth-")),
        CONSOLE_INGEST_ON_START: "0",
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
        CONSOLE_ADMIN_PASSWORD_HASH: await hashPassword(passwords.admin),
        CONSOLE_VIEWER_PASSWORD_HASH: await hashPassword(passwords.viewer),
      },
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/signin`)).ok) break;
      } catch {
        // starting
      }
      if (i > 120) throw new Error("the console with sign-in did not start");
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  async function signIn(page: Page, user: "admin" | "viewer", password = passwords[user]) {
    await page.goto(`${base}/buckets`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fbuckets/);
    await page.getByLabel("User name").fill(user);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  test("pages send you to sign in; APIs answer 401; a wrong password says so", async ({ page, request }) => {
    expect((await request.get(`${base}/api/buckets`)).status()).toBe(401);
    await signIn(page, "admin", "not-the-password");
    await expect(page.getByTestId("signin-error")).toContainText("Wrong user name or password");
    await page.screenshot({ path: "screenshots/security-signin-error.png", fullPage: true });
  });

  test("a viewer sees everything, cannot apply, and the UI says why", async ({ page }) => {
    await signIn(page, "viewer");
    await expect(page).toHaveURL(`${base}/buckets`);
    await expect(page.getByTestId("signed-in-user")).toHaveText("viewer");
    await expect(page.getByTestId("signed-in-role")).toHaveText("Viewer");
    await expect(page.getByTestId(`bucket-row-${bucket}`)).toBeVisible();
    await page.screenshot({ path: "screenshots/security-viewer-buckets.png", fullPage: true });

    // The API refuses the change outright…
    const current = await (await page.request.get(`${base}/api/buckets/${bucket}/encryption`)).json();
    const put = await page.request.put(`${base}/api/buckets/${bucket}/encryption`, {
      data: {
        config: { type: "SSE-KMS", kmsKeyId: "alias/orders-data", bucketKeyEnabled: true },
        expectedVersion: current.version,
      },
      headers: { origin: base },
    });
    expect(put.status()).toBe(403);
    expect((await put.json()).error.message).toMatch(/viewer role: only operators may change encryption/);

    // …and the wizard tells the viewer why when they try.
    await page.goto(`${base}/wizard?buckets=${bucket}`);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("radio", { name: /^Enable/ }).check();
    await page.getByRole("button", { name: "Next" }).click();
    // The bucket is empty and the demo key's policy lets the account use it: nothing to acknowledge.
    await expect(page.getByTestId("check-key")).toHaveAttribute("data-status", "pass");
    await expect(page.getByLabel(/I have read the warnings/)).toHaveCount(0);
    await page.getByRole("button", { name: "Save changes" }).click();
    const outcome = page.getByTestId(`outcome-${bucket}`);
    await expect(outcome).toHaveAttribute("data-state", "failed");
    await expect(outcome).toContainText("only operators may change encryption");
    await page.screenshot({ path: "screenshots/security-viewer-refused.png", fullPage: true });
    const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration!
      .Rules![0]!;
    expect(rule.BucketKeyEnabled).toBe(false);
  });

  test("an operator signs in, sees the role, signs out", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page.getByTestId("signed-in-user")).toHaveText("admin");
    await expect(page.getByTestId("signed-in-role")).toHaveText("Operator");
    const cookies = await page.context().cookies(base);
    const session = cookies.find((c) => c.name === "authjs.session-token");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await page.screenshot({ path: "screenshots/security-operator-header.png" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin\?signedOut=1/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    expect((await page.request.get(`${base}/api/session`)).status()).toBe(401);
  });
});
