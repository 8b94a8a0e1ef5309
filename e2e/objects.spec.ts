import { expect, test } from "@playwright/test";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { e2eMotoUrl } from "../playwright.config";

// Re-encrypts the objects of demo bucket bkc-demo-media (one of its three objects was written
// without a Bucket Key); its bucket configuration is not changed. That object is written again
// as the seed wrote it after the spec, passed or failed, so the spec finds the demo as it was
// whatever ran before it (itself included).

test.afterAll(async () => {
  const s3 = new S3Client({
    region: "us-east-1",
    endpoint: e2eMotoUrl,
    forcePathStyle: true,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  // As scripts/demo-scenario.ts writes bkc-demo-media's third object: its own SSE-KMS header, no Bucket Key.
  await s3.send(
    new PutObjectCommand({
      Bucket: "bkc-demo-media",
      Key: "demo/object-3.json",
      Body: JSON.stringify({ bucket: "bkc-demo-media", object: 3 }),
      ContentType: "application/json",
      ServerSideEncryption: "aws:kms",
      SSEKMSKeyId: "alias/media-assets",
      BucketKeyEnabled: false,
    }),
  );
});

test("scan, re-encrypt, scan again: every object uses the Bucket Key", async ({ page }) => {
  await page.goto("/buckets/bkc-demo-media");
  const audit = page.getByRole("region", { name: "Objects" });
  await test.step("the first scan finds an object without a Bucket Key", async () => {
    await audit.getByRole("button", { name: "Scan objects" }).click();
    await expect(audit.getByTestId("object-scan")).toContainText("Scanned 3 objects");
    await expect(audit.getByTestId("category-SSE-KMS without Bucket Key")).toContainText("1");
    await expect(audit.getByTestId("category-SSE-KMS with Bucket Key")).toContainText("2");
    await page.screenshot({ path: "screenshots/objects-scan-before.png", fullPage: true });
  });
  await test.step("a dry run writes nothing; the job re-encrypts", async () => {
    const panel = page.getByRole("region", { name: "Re-encrypt existing objects" });
    await panel.getByRole("button", { name: "Dry run" }).click();
    await expect(panel.getByRole("status")).toContainText("Dry run: 3 objects");
    await panel.getByRole("button", { name: "Re-encrypt" }).click();
    const job = panel.getByTestId("reencrypt-job");
    await expect(job).toHaveAttribute("data-state", "done");
    await expect(job).toContainText("1 re-encrypted · 2 skipped");
    await expect(job).toContainText("Method: CopyObject onto itself");
    await page.screenshot({ path: "screenshots/objects-reencrypted.png", fullPage: true });
  });
  await test.step("the scan afterwards shows 100% with Bucket Key", async () => {
    await audit.getByRole("button", { name: "Scan objects" }).click();
    await expect(audit.getByTestId("category-SSE-KMS with Bucket Key")).toContainText(/3\s*\(100%\)/);
    await expect(audit.getByTestId("category-SSE-KMS without Bucket Key")).toContainText("0");
  });
});
