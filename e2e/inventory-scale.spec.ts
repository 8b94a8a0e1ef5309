import { expect, test, type Page } from "@playwright/test";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketEncryptionCommand,
  PutBucketEncryptionCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { KMSClient, ListAliasesCommand } from "@aws-sdk/client-kms";
import { e2eMotoUrl } from "../playwright.config";
import { demoRoleCredentials } from "./demo-role";
import { rescanAndWait } from "./inventory-scan";

// The inventory at scale on the demo stack: 2,000 buckets created through the SDK in the
// data-platform account (210987654321, us-east-1) and scanned by a Rescan, then the paged,
// virtualized table, search, the scan's progress bar, and "Select all N matching" into the bulk
// wizard over 100 buckets with a result per bucket. The buckets are deleted afterwards and the
// account rescanned, so the other specs see the demo's numbers.

const account = "210987654321";
const total = 2000;
const name = (i: number) => `bkc-bulk-${String(i).padStart(4, "0")}`;
/** bkc-bulk-0000 … 0099: SSE-KMS without a Bucket Key (candidates); the rest have no default encryption. */
const candidates = 100;
const conflicted = name(7);

let s3: S3Client;
let keyArn: string;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}
const indexes = Array.from({ length: total }, (_, i) => i);

async function dataPlatformClients() {
  const credentials = await demoRoleCredentials(account, "e2e-scale");
  const kms = new KMSClient({ region: "us-east-1", endpoint: e2eMotoUrl, credentials });
  const alias = (await kms.send(new ListAliasesCommand({}))).Aliases!.find((a) => a.AliasName === "alias/events-data")!;
  return {
    s3: new S3Client({ region: "us-east-1", endpoint: e2eMotoUrl, forcePathStyle: true, credentials }),
    keyArn: `arn:aws:kms:us-east-1:${account}:key/${alias.TargetKeyId}`,
  };
}

const kmsWithoutBucketKey = (bucket: string, KMSMasterKeyID: string) =>
  new PutBucketEncryptionCommand({
    Bucket: bucket,
    ServerSideEncryptionConfiguration: {
      Rules: [
        { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID }, BucketKeyEnabled: false },
      ],
    },
  });

async function openDataPlatformBuckets(page: Page, query = "") {
  await page.goto(`/buckets${query}`);
  await page.getByTestId("account-selector").selectOption(account);
}

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  ({ s3, keyArn } = await dataPlatformClients());
  await pool(indexes, 16, async (i) => {
    await s3.send(new CreateBucketCommand({ Bucket: name(i) }));
    if (i < candidates) await s3.send(kmsWithoutBucketKey(name(i), keyArn));
  });
  await rescanAndWait(request, { account, timeout: 180_000 });
});

test.afterAll(async ({ request }) => {
  test.setTimeout(240_000);
  await pool(indexes, 16, (i) => s3.send(new DeleteBucketCommand({ Bucket: name(i) })));
  await rescanAndWait(request, { account, timeout: 180_000 });
});

test("2,000 buckets: a paged, virtual table that searches on the server and moves by keyboard", async ({ page }) => {
  await openDataPlatformBuckets(page);
  const count = page.getByTestId("bucket-count");
  await expect(count).toContainText(`${(total + 4).toLocaleString("en-US")} matching of 2,004 buckets`);
  const rendered = page.locator('tbody tr[data-testid^="bucket-row-"]');
  await expect(rendered.first()).toBeVisible();
  // Only the rows in view (and a margin) are in the page, not 2,004.
  expect(await rendered.count()).toBeLessThan(60);
  await page.screenshot({ path: "screenshots/buckets-2000.png" });

  await test.step("scrolling to the end of what is loaded loads the next page (nextCursor)", async () => {
    const scroller = page.getByTestId("bucket-table-scroll");
    await expect(page.getByTestId(`bucket-row-${name(150)}`)).toHaveCount(0);
    for (let i = 0; i < 10 && (await page.getByTestId(`bucket-row-${name(150)}`).count()) === 0; i++) {
      await scroller.evaluate((el) => el.scrollBy(0, 2000));
      await page.waitForTimeout(200);
    }
    await expect(page.getByTestId(`bucket-row-${name(150)}`)).toBeVisible();
    expect(await rendered.count()).toBeLessThan(80);
  });

  await test.step("↓ moves the focus to the next row, rendering it when needed", async () => {
    await page.getByTestId("bucket-table-scroll").evaluate((el) => el.scrollTo(0, 0));
    await page.getByRole("link", { name: name(0), exact: true }).focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("link", { name: name(30), exact: true })).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByRole("link", { name: name(29), exact: true })).toBeFocused();
  });

  await test.step("a search is answered by the server: total and rows follow, and it is in the URL", async () => {
    await page.getByLabel("Search").fill("bkc-bulk-19");
    await expect(count).toContainText("100 matching of 2,004 buckets");
    await expect(page).toHaveURL(/q=bkc-bulk-19/);
    await expect(rendered.first()).toHaveAttribute("data-testid", `bucket-row-${name(1900)}`);
    await page.getByLabel("Search").fill("bkc-bulk-1999");
    await expect(count).toContainText("1 matching");
    await expect(rendered).toHaveCount(1);
  });
});

test("Rescan shows its progress bar with Cancel, then how the scan ended", async ({ page }) => {
  await openDataPlatformBuckets(page, "?sort=name&dir=desc");
  const scan = page.getByTestId("scan");
  await scan.getByRole("button", { name: "Rescan" }).click();
  // Reading 2,004 buckets takes the emulator several seconds: the bar is there meanwhile.
  const bar = scan.getByRole("progressbar", { name: "Buckets read" });
  await expect(bar).toBeVisible();
  await expect(scan.getByRole("button", { name: "Cancel scan" })).toBeVisible();
  await expect(scan).toContainText(/Scanning: [\d,]+ of 2,004 buckets read · started/);
  await page.screenshot({ path: "screenshots/scan-progress.png" });
  await expect(scan).toContainText(/Last scan finished at .*: 2,004 buckets read/, { timeout: 180_000 });
  await expect(bar).toHaveCount(0);
});

test("select all 100 matching → the bulk wizard saves each, and one changed meanwhile is not overwritten", async ({
  page,
}) => {
  await openDataPlatformBuckets(page, "?q=bkc-bulk-00&candidates=1");
  await expect(page.getByTestId("bucket-count")).toContainText("100 matching");
  await page.getByRole("button", { name: "Select all 100 matching" }).click();
  await expect(page.getByTestId("selection-actions")).toContainText("All 100 matching buckets are selected.");
  await expect(page.getByLabel(`Select ${name(3)}`)).toBeChecked();
  await page.getByRole("link", { name: "Edit encryption of all 100" }).click();
  await expect(page).toHaveURL(new RegExp(`/wizard\\?select=matching&q=bkc-bulk-00&candidate=1&account=${account}`));
  await expect(page.getByTestId("wizard-scope")).toHaveText(
    "100 buckets in us-east-1, as they matched when this page opened.",
  );

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("key-option-alias/events-data").getByRole("radio")).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: /^Enable/ }).check();
  await page.getByRole("button", { name: "Next" }).click();

  await test.step("review: 100 checks, a few at a time, with a progress bar and a verdict per bucket", async () => {
    await expect(page.getByRole("progressbar", { name: "Buckets checked" })).toHaveAttribute("aria-valuenow", "100", {
      timeout: 60_000,
    });
    await expect(page.getByTestId("review-tally")).toContainText(
      "Checked 100 of 100: 100 passed, 0 with warnings, 0 to skip.",
    );
    await expect(page.getByTestId(`review-${name(42)}`)).toHaveAttribute("data-verdict", "pass");
  });

  // Someone changes one bucket after its review: its save must refuse (409), the others go on.
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: conflicted,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
  await page.getByRole("button", { name: "Save changes to 100 buckets" }).click();

  await test.step("save: a result per bucket, the conflict among them", async () => {
    await expect(page.getByTestId("save-tally")).toHaveText("100 of 100 done: 99 saved, 1 not saved, 0 skipped.", {
      timeout: 120_000,
    });
    await expect(page.locator('[data-testid^="outcome-bkc-bulk-"][data-state="saved"]')).toHaveCount(99);
    await expect(page.getByTestId(`outcome-${conflicted}`)).toHaveAttribute("data-state", "conflict");
    await expect(page.getByTestId(`outcome-${conflicted}`)).toContainText("Current configuration: SSE-S3");
    await expect(page.getByTestId(`outcome-${name(99)}`)).toContainText("Saved and verified");
    await page.screenshot({ path: "screenshots/wizard-bulk-100.png" });
  });

  const bucketKeys = new Map<string, boolean | undefined>();
  await pool(indexes.slice(0, candidates), 8, async (i) => {
    const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: name(i) }))).ServerSideEncryptionConfiguration!
      .Rules![0]!;
    bucketKeys.set(name(i), rule.BucketKeyEnabled);
  });
  expect([...bucketKeys].filter(([, on]) => on === true)).toHaveLength(99);
  expect(bucketKeys.get(conflicted)).toBeFalsy();
});
