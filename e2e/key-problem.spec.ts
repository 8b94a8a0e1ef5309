import { expect, test } from "@playwright/test";
import { CreateBucketCommand, DeleteBucketCommand, PutBucketEncryptionCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateAliasCommand, CreateKeyCommand, DeleteAliasCommand, KMSClient } from "@aws-sdk/client-kms";
import { e2eMotoUrl } from "../playwright.config";
import { expectNoSeriousA11yViolations } from "./axe";
import { rescanAndWait } from "./inventory-scan";

// Adds one bucket whose default encryption names an alias deleted since (S3 does not check), and
// removes it afterwards, so the demo's bucket counts in the other specs hold.
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
const s3 = new S3Client({ region: "us-east-1", endpoint: e2eMotoUrl, forcePathStyle: true, credentials });
const kms = new KMSClient({ region: "us-east-1", endpoint: e2eMotoUrl, credentials });
const bucket = "bkc-e2e-deleted-alias";
const alias = "alias/e2e-retired";
const warning = `The bucket names ${alias}, which does not exist in us-east-1 — new objects will fail to encrypt.`;

test.beforeAll(async ({ request }) => {
  const key = await kms.send(new CreateKeyCommand({ Description: "e2e: alias deleted below" }));
  await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: key.KeyMetadata!.KeyId! }));
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: alias } }],
      },
    }),
  );
  await kms.send(new DeleteAliasCommand({ AliasName: alias }));
  await rescanAndWait(request);
});

test.afterAll(async ({ request }) => {
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  await rescanAndWait(request);
});

test("a bucket naming a deleted alias is flagged in the table and on its page", async ({ page }) => {
  await page.goto(`/buckets?q=${bucket}`);
  const row = page.getByTestId(`bucket-row-${bucket}`);
  await expect(row.getByTestId("key-problem")).toHaveText(`⚠ ${warning}`);
  await expect(row.getByRole("cell").nth(4)).toHaveText(alias);
  await expect(row).not.toContainText("Candidate");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/buckets-key-problem.png", fullPage: true });

  await row.getByRole("link", { name: bucket }).click();
  const alert = page.getByRole("alert").filter({ hasText: warning });
  await expect(alert).toContainText("The default encryption key cannot be used.");
  await expect(alert.getByRole("link", { name: "Choose a key" })).toHaveAttribute("href", /\/wizard\?/);
  const key = page.getByRole("region", { name: "KMS key" });
  await expect(key).toContainText(`Named in the configuration${alias}`);
  await expect(key).toContainText("Does not exist");
  await expect(key).toContainText("Not known");
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: "screenshots/bucket-key-problem.png", fullPage: true });
});
