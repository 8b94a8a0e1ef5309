import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { GetBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { e2eMotoUrl } from "../playwright.config";
import { freePort } from "../scripts/local-stack.mjs";

// A DNS-rebinding attack, simulated in the browser itself: Chromium resolves rebind.test to
// 127.0.0.1, as it would after the attacker's DNS answered with the console's address, so a page
// from http://rebind.test:PORT/ is "same-origin" with the console it reaches. The console must
// answer it nothing but the refusal. Reads demo bucket bkc-demo-invoices and changes nothing.

const root = path.resolve(import.meta.dirname, "..");
const bucket = "bkc-demo-invoices";
const s3 = new S3Client({
  region: "us-east-1",
  endpoint: e2eMotoUrl,
  forcePathStyle: true,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
const storedRule = async () =>
  (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration!.Rules![0];

test("a page from a rebound name is refused, and so are its API calls; the console's own address works", async ({
  playwright,
  launchOptions,
  baseURL,
}) => {
  const port = new URL(baseURL!).port;
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--host-resolver-rules=MAP rebind.test 127.0.0.1"],
  });
  const before = await storedRule();
  expect(before?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe("aws:kms");
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let version = "";
    await test.step("http://127.0.0.1:PORT/ serves the console and its API", async () => {
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByTestId("overview-tiles")).toBeVisible();
      const read = await page.evaluate(async () => {
        const res = await fetch("/api/buckets");
        return { status: res.status, names: ((await res.json()).buckets as { name: string }[]).map((b) => b.name) };
      });
      expect(read.status).toBe(200);
      expect(read.names).toContain(bucket);
      version = (await (await page.request.get(`/api/buckets/${bucket}/encryption`)).json()).version;
      expect(version).toMatch(/\w+/);
    });

    await test.step("http://rebind.test:PORT/ gets the refusal page, status 403", async () => {
      const res = await page.goto(`http://rebind.test:${port}/`);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "This address does not lead to the console" })).toBeVisible();
      await expect(page.getByTestId("host-refusal")).toContainText(`does not answer to the host "rebind.test:${port}"`);
      await expect(page.getByTestId("host-refusal")).toContainText("CONSOLE_ALLOWED_HOSTS");
      await page.screenshot({ path: "screenshots/dns-rebinding-refused.png", fullPage: true });
    });

    await test.step("the rebound page's fetches are refused: the inventory and the attack on encryption", async () => {
      const answers = await page.evaluate(
        async ({ bucket, version }: { bucket: string; version: string }) => {
          const change = JSON.stringify({
            config: { type: "SSE-S3", kmsKeyId: null, bucketKeyEnabled: false },
            expectedVersion: version,
            acknowledgedWarnings: [],
          });
          const calls = [
            fetch("/api/buckets"),
            fetch(`/api/buckets/${bucket}/encryption`),
            fetch(`/api/buckets/${bucket}/encryption`, {
              method: "PUT",
              headers: { "content-type": "application/json" },
              body: change,
            }),
            // What a cross-site form could send: text/plain needs no preflight.
            fetch(`/api/buckets/${bucket}/encryption`, { method: "PUT", body: change }),
          ];
          return Promise.all(
            calls.map(async (call) => {
              const res = await call;
              return { status: res.status, body: await res.json() };
            }),
          );
        },
        { bucket, version },
      );
      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe("forbidden_host");
        expect(answer.body.error.message).toContain("CONSOLE_ALLOWED_HOSTS");
        expect(JSON.stringify(answer.body)).not.toContain(bucket);
      }
    });

    await test.step("S3 is unchanged", async () => {
      expect(await storedRule()).toEqual(before);
    });
  } finally {
    await browser.close();
  }
});

/** A raw HTTP request with any Host header, as curl or a rebinding page's browser sends it. */
function rawRequest(port: string, method: string, url: string, host: string) {
  return new Promise<{ status: number; type: string; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method, path: url, headers: { host } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"]),
            headers: res.headers,
            body,
          }),
        );
      });
      req.on("error", reject);
      req.end();
    },
  );
}

test("under a foreign Host every path and method gets only the refusal, with the security headers", async ({
  baseURL,
}) => {
  const port = new URL(baseURL!).port;
  const home = await rawRequest(port, "GET", "/", `127.0.0.1:${port}`);
  expect(home.status).toBe(200);
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home.body)?.[1];
  expect(script, "the home page loads a script from /_next/static").toBeTruthy();
  expect((await rawRequest(port, "GET", script!, `localhost:${port}`)).status).toBe(200);

  const paths = ["/", "/buckets", "/signin", script!, "/favicon.ico", "/no-such-page", "/api/health", "/api/nope"];
  for (const host of [`evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, "127.0.0.1", `localhost..:${port}`]) {
    for (const url of paths) {
      for (const method of ["GET", "HEAD", "DELETE", "OPTIONS"]) {
        const res = await rawRequest(port, method, url, host);
        const label = `${method} ${url} Host: ${host}`;
        expect(res.status, label).toBe(403);
        expect(res.headers["cache-control"], label).toBe("no-store");
        expect(res.headers["x-frame-options"], label).toBe("DENY");
        expect(res.headers["content-security-policy"], label).toContain("frame-ancestors 'none'");
        if (method === "GET" && url.startsWith("/api/")) {
          expect(res.type, label).toContain("application/json");
          expect(JSON.parse(res.body).error.code, label).toBe("forbidden_host");
        } else if (method === "GET") {
          expect(res.type, label).toBe("text/html; charset=utf-8");
          expect(res.body, label).toContain("This address does not lead to the console");
        }
      }
    }
  }
});

test("npm start on a network address with sign-in but no public URL or allowed hosts refuses, saying what to set", async () => {
  const r = spawnSync(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      HOST: "0.0.0.0",
      PORT: String(await freePort()),
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
      CONSOLE_ADMIN_PASSWORD_HASH: `scrypt$16384$8$1$${"s".repeat(22)}$${"h".repeat(43)}`,
      CONSOLE_PUBLIC_URL: "",
      AUTH_URL: "",
      CONSOLE_ALLOWED_HOSTS: "",
    },
    encoding: "utf8",
    timeout: 20_000,
  });
  expect(r.status).toBe(78);
  expect(r.stderr).toContain("Refusing to start on 0.0.0.0 without a public URL or allowed hosts");
  expect(r.stderr).toContain("CONSOLE_PUBLIC_URL");
  expect(r.stderr).toContain("CONSOLE_ALLOWED_HOSTS");
});
