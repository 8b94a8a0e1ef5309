import { defineConfig, devices } from "@playwright/test";

// e2e runs the production build on its own demo stack (moto + seed) on the ports that
// scripts/test.mjs chose; Debian's Chromium, since Playwright cannot download browsers here.
const appPort = Number(process.env.E2E_APP_PORT ?? 3199);
const motoPort = Number(process.env.E2E_MOTO_PORT ?? 5399);
export const e2eMotoUrl = `http://127.0.0.1:${motoPort}`;
export const e2eAppUrl = `http://127.0.0.1:${appPort}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e-report.json" }],
  ],
  use: {
    baseURL: e2eAppUrl,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 } } }],
  webServer: {
    command: "node scripts/demo.mjs --skip-build",
    url: `http://127.0.0.1:${appPort}/api/health`,
    // Seeding writes two accounts' 60 days of CloudTrail logs and the Data Export: over 2 minutes on a loaded 2-core machine.
    timeout: 240_000,
    reuseExistingServer: false,
    env: {
      PORT: String(appPort),
      MOTO_PORT: String(motoPort),
      CONSOLE_DATA_DIR: "test-results/e2e-data",
    },
  },
});
