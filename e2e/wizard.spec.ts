import { expect, test, type Page } from "@playwright/test";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
  type ServerSideEncryptionRule,
} from "@aws-sdk/client-s3";
import { e2eMotoUrl } from "../playwright.config";
import { rescanAndWait } from "./inventory-scan";

// Changes demo bucket bkc-demo-orders (Bucket Key turned on, an object written); every other change here is
// made on buckets this spec creates (e2e-wiz-*). All of it is put back after the spec, passed or failed, and the
// inventory rescanned, so no other spec's numbers depend on whether this one ran before it.

const s3 = new S3Client({
  region: "us-east-1",
  endpoint: e2eMotoUrl,
  forcePathStyle: true,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});

const created = new Set<string>();
let ordersRule: ServerSideEncryptionRule | undefined;

test.beforeAll(async () => {
  ordersRule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: "bkc-demo-orders" })))
    .ServerSideEncryptionConfiguration!.Rules![0];
});

test.afterAll(async ({ request }) => {
  if (ordersRule)
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: "bkc-demo-orders",
        ServerSideEncryptionConfiguration: { Rules: [ordersRule] },
      }),
    );
  await s3.send(new DeleteObjectCommand({ Bucket: "bkc-demo-orders", Key: "e2e/after-wizard.txt" }));
  for (const name of created) await s3.send(new DeleteBucketCommand({ Bucket: name }));
  await rescanAndWait(request);
});

async function candidateBucket(name: string) {
  created.add(name);
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: name,
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
}

async function next(page: Page) {
  await page.getByRole("button", { name: "Next" }).click();
}

/**
 * The buckets candidateBucket creates are empty, and the demo key's policy lets the account use
 * it: turning their Bucket Key on raises no warning, so there is nothing to acknowledge.
 */
async function expectNoWarnings(page: Page) {
  await expect(page.getByRole("list", { name: "Pre-flight checks" }).first()).toBeVisible();
  await expect(page.locator('[data-testid^="check-"][data-status="warn"]')).toHaveCount(0);
  await expect(page.getByLabel(/I have read the warnings/)).toHaveCount(0);
}

test("a candidate bucket gets SSE-KMS with a customer key and a Bucket Key, verified end to end", async ({ page }) => {
  await test.step("from the candidate row in the table to the wizard", async () => {
    await page.goto("/buckets?candidates=1");
    await page.getByTestId("bucket-row-bkc-demo-orders").getByRole("link", { name: "Enable Bucket Key" }).click();
    await expect(page).toHaveURL(/\/wizard\?buckets=bkc-demo-orders/);
  });
  await test.step("encryption type: the current SSE-KMS is preselected", async () => {
    await expect(page.getByRole("radio", { name: /\(SSE-KMS\)/ })).toBeChecked();
    await expect(page.getByRole("button", { name: /Step 1: Encryption type/ })).toHaveAttribute("aria-current", "step");
    await page.screenshot({ path: "screenshots/wizard-1-type.png", fullPage: true });
    await next(page);
  });
  await test.step("KMS key: the disabled key cannot be chosen; the customer key can", async () => {
    const disabled = page.getByTestId("key-option-alias/legacy-app");
    await expect(disabled).toContainText("Cannot be used: Disabled");
    await expect(disabled.getByRole("radio")).toBeDisabled();
    await expect(page.getByTestId("key-option-alias/orders-data").getByRole("radio")).toBeChecked();
    await page.screenshot({ path: "screenshots/wizard-2-key.png", fullPage: true });
    await next(page);
  });
  await test.step("Bucket Key: enable", async () => {
    await page.getByRole("radio", { name: /^Enable/ }).check();
    await page.screenshot({ path: "screenshots/wizard-3-bucket-key.png", fullPage: true });
    await next(page);
  });
  await test.step("review: the diff and the checks", async () => {
    const changed = page.locator('tr[data-changed="true"]');
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText("Bucket Key");
    await expect(changed).toContainText("Enabled");
    await expect(page.getByTestId("check-key")).toHaveAttribute("data-status", "pass");
    await expect(page.getByTestId("check-existing-objects")).toHaveAttribute("data-status", "warn");
    // The demo's CloudTrail usage (ingested on start, see usage.spec) prices the change.
    await expect(page.getByTestId("check-saving")).toContainText(/About USD \d+\.\d\d a month \((projected|realized)/);
    await expect(page.getByRole("button", { name: "Save changes" })).toBeDisabled();
    await page.getByRole("button", { name: /Show as code/ }).click();
    await expect(page.getByTestId("code-cli")).toContainText("aws s3api put-bucket-encryption");
    await page.getByRole("tab", { name: "Terraform" }).click();
    await expect(page.getByTestId("code-terraform")).toContainText("bucket_key_enabled = true");
    await page.screenshot({ path: "screenshots/wizard-4-review.png", fullPage: true });
    await page.getByLabel(/I have read the warnings/).check();
    await page.getByRole("button", { name: "Save changes" }).click();
  });
  await test.step("save: verified", async () => {
    await expect(page.getByTestId("outcome-bkc-demo-orders")).toHaveAttribute("data-state", "saved");
    await expect(page.getByTestId("outcome-bkc-demo-orders")).toContainText("Saved and verified");
    await page.screenshot({ path: "screenshots/wizard-5-saved.png", fullPage: true });
  });
  await test.step("the table shows the Bucket Key on", async () => {
    await page.getByRole("link", { name: "Back to buckets" }).click();
    await expect(page.getByTestId("bucket-row-bkc-demo-orders").getByRole("cell").nth(5)).toHaveText("On");
  });
  await test.step("S3 confirms: the key ARN is stored, and a new plain PUT gets the Bucket Key", async () => {
    const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: "bkc-demo-orders" })))
      .ServerSideEncryptionConfiguration!.Rules![0]!;
    expect(rule.BucketKeyEnabled).toBe(true);
    expect(rule.ApplyServerSideEncryptionByDefault!.KMSMasterKeyID).toMatch(
      /^arn:aws:kms:us-east-1:123456789012:key\//,
    );
    await s3.send(new PutObjectCommand({ Bucket: "bkc-demo-orders", Key: "e2e/after-wizard.txt", Body: "hello" }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: "bkc-demo-orders", Key: "e2e/after-wizard.txt" }));
    expect(head.ServerSideEncryption).toBe("aws:kms");
    expect(head.BucketKeyEnabled).toBe(true);
  });
});

test("a malformed ARN is refused inline, as typed and on Next", async ({ page }) => {
  await candidateBucket("e2e-wiz-arn");
  await page.goto("/wizard?buckets=e2e-wiz-arn");
  await next(page);
  await page.getByRole("radio", { name: "Enter AWS KMS key ARN" }).check();
  const input = page.getByLabel("KMS key ARN or alias");
  await input.fill("arn:aws:kms:us-east-1:123:key/abc");
  await expect(page.getByRole("alert").filter({ hasText: "12-digit account" })).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "screenshots/wizard-bad-arn.png", fullPage: true });
  await input.fill("arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000");
  await next(page);
  await expect(page.getByRole("alert").filter({ hasText: "No KMS key" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Step 2: KMS key/ })).toHaveAttribute("aria-current", "step");
});

test("a configuration changed by someone else since review is not overwritten (409)", async ({ page }) => {
  await candidateBucket("e2e-wiz-conflict");
  await page.goto("/wizard?buckets=e2e-wiz-conflict");
  await next(page);
  await next(page);
  await next(page);
  await expect(page.getByTestId("check-key")).toHaveAttribute("data-status", "pass");
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: "e2e-wiz-conflict",
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
  await expectNoWarnings(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  const outcome = page.getByTestId("outcome-e2e-wiz-conflict");
  await expect(outcome).toHaveAttribute("data-state", "conflict");
  await expect(outcome).toContainText("changed since you reviewed it");
  await expect(outcome).toContainText("Current configuration: SSE-S3");
  await page.screenshot({ path: "screenshots/wizard-409.png", fullPage: true });
  const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: "e2e-wiz-conflict" })))
    .ServerSideEncryptionConfiguration!.Rules![0]!;
  expect(rule.ApplyServerSideEncryptionByDefault!.SSEAlgorithm).toBe("AES256");
});

test("bulk: three buckets in one run, each with its result; then one is rolled back", async ({ page, request }) => {
  const names = ["e2e-wiz-bulk-a", "e2e-wiz-bulk-b", "e2e-wiz-bulk-c"];
  for (const n of names) await candidateBucket(n);
  await rescanAndWait(request);
  await page.goto("/buckets");
  await page.getByLabel("Search").fill("e2e-wiz-bulk");
  await expect(page.locator('tbody tr[data-testid^="bucket-row-"]')).toHaveCount(3);
  await page.getByLabel("Select all loaded buckets").check();
  await page.getByRole("link", { name: "Edit encryption of 3 selected" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit default encryption");
  await next(page);
  await next(page);
  await page.getByRole("radio", { name: /^Enable/ }).check();
  await next(page);
  for (const n of names)
    await expect(page.getByRole("article", { name: `Review of ${n}` }).getByTestId("check-key")).toHaveAttribute(
      "data-status",
      "pass",
    );
  await expectNoWarnings(page);
  await page.getByRole("button", { name: "Save changes to 3 buckets" }).click();
  for (const n of names) await expect(page.getByTestId(`outcome-${n}`)).toContainText("Saved and verified");
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
  await page.screenshot({ path: "screenshots/wizard-bulk.png", fullPage: true });
  for (const n of names) {
    expect(
      (await s3.send(new GetBucketEncryptionCommand({ Bucket: n }))).ServerSideEncryptionConfiguration!.Rules![0]!
        .BucketKeyEnabled,
    ).toBe(true);
  }

  await page.getByRole("link", { name: "View history" }).click();
  const row = page.locator("tbody tr", { hasText: "e2e-wiz-bulk-b" }).first();
  await row.getByRole("button", { name: "Roll back" }).click();
  await row.getByRole("button", { name: /Restore SSE-KMS/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rolled back e2e-wiz-bulk-b" })).toContainText(
    "Bucket Key off",
  );
  await page.screenshot({ path: "screenshots/history.png", fullPage: true });
  expect(
    (await s3.send(new GetBucketEncryptionCommand({ Bucket: "e2e-wiz-bulk-b" }))).ServerSideEncryptionConfiguration!
      .Rules![0]!.BucketKeyEnabled,
  ).toBe(false);
  expect(
    (await s3.send(new GetBucketEncryptionCommand({ Bucket: "e2e-wiz-bulk-a" }))).ServerSideEncryptionConfiguration!
      .Rules![0]!.BucketKeyEnabled,
  ).toBe(true);
});
