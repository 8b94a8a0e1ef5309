import { expect, test } from "@playwright/test";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { e2eAppUrl, e2eMotoUrl } from "../playwright.config";
import { rescanAndWait } from "./inventory-scan";
import { logFileBody, logFileKey, s3BucketChangeRecord, seededRng } from "../scripts/cloudtrail-format";

// A change made outside the console (here: the CLI, as CloudTrail records it in the demo trail's
// log files) shows in History beside the console's own changes, with who, when and what it set,
// filterable, linked to the bucket, and without a rollback.

const s3 = new S3Client({
  region: "us-east-1",
  endpoint: e2eMotoUrl,
  forcePathStyle: true,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
});
const account = "123456789012";
const trailBucket = "bkc-demo-cloudtrail-logs";
const bucket = `e2e-outside-${Date.now().toString(36)}`;
const keyArn = `arn:aws:kms:us-east-1:${account}:key/e2e-outside-key`;

// The other specs count the demo's buckets: the bucket made here goes, and the inventory forgets it.
test.afterAll(async ({ request }) => {
  await s3.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
  await rescanAndWait(request);
});

test("an outside change in History: who, when, what it set, filterable, linked, no rollback", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
    }),
  );
  const time = new Date();
  const base = s3BucketChangeRecord(
    {
      time,
      region: "us-east-1",
      account,
      bucket,
      event: "PutBucketEncryption",
      principal: { kind: "user", name: "bob" },
    },
    seededRng(bucket),
  );
  // The key as the CLI named it: CloudTrail carries the configuration that was put.
  const rule = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: keyArn } };
  const record = {
    ...base,
    requestParameters: {
      ...base.requestParameters,
      ServerSideEncryptionConfiguration: { Rule: { ...rule, BucketKeyEnabled: false } },
    },
  };
  await s3.send(
    new PutObjectCommand({
      Bucket: trailBucket,
      Key: logFileKey(account, "us-east-1", time, bucket),
      Body: logFileBody([record]),
    }),
  );

  await test.step("the usage ingestion reads the new log file", async () => {
    // One run at a time: wait for the one started with the server, then start ours.
    await expect
      .poll(async () => (await (await request.get("/api/usage/ingest")).json()).state, { timeout: 120_000 })
      .not.toBe("running");
    const started = await request.post("/api/usage/ingest", { headers: { origin: e2eAppUrl } });
    expect(started.ok()).toBe(true);
    await expect
      .poll(
        async () =>
          (await (await request.get(`/api/outside-changes`)).json()).changes.map((c: { bucket: string }) => c.bucket),
        {
          timeout: 120_000,
        },
      )
      .toContain(bucket);
  });

  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto("/history");
  const row = page.getByTestId(`outside-change-${bucket}`);
  await expect(row).toContainText("Made outside this console");
  await expect(row).toContainText("PutBucketEncryption: changed default encryption");
  await expect(row).toContainText(`SSE-KMS · ${keyArn} · Bucket Key off`);
  await expect(row).toContainText(`arn:aws:iam::${account}:user/bob`);
  await expect(row).toContainText("Not recorded by CloudTrail");
  await expect(row.locator("time")).toHaveAttribute("dateTime", time.toISOString().replace(/\.\d{3}Z$/, "Z"));
  await expect(row.getByRole("button", { name: "Roll back" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Made with this console" })).toBeVisible();
  await page.screenshot({ path: "screenshots/history-outside-1440.png", fullPage: true });

  await test.step("filters: by who made it and by bucket, kept in the URL", async () => {
    await page.getByLabel("Made", { exact: true }).selectOption("outside");
    await expect(page.getByRole("heading", { name: "Made with this console" })).toHaveCount(0);
    await expect(row).toBeVisible();
    await page.getByLabel("Bucket", { exact: true }).fill("no-such-bucket-here");
    await expect(row).toHaveCount(0);
    await expect(page.getByText("No change made outside this console to a matching bucket.")).toBeVisible();
    await page.getByLabel("Bucket", { exact: true }).fill(bucket);
    await expect(row).toBeVisible();
    expect(new URL(page.url()).searchParams.get("origin")).toBe("outside");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "screenshots/history-outside-filtered-1280.png", fullPage: true });
    await page.reload();
    await expect(page.getByTestId(`outside-change-${bucket}`)).toBeVisible();
    await page.getByLabel("Made", { exact: true }).selectOption("console");
    await expect(page.getByTestId(`outside-change-${bucket}`)).toHaveCount(0);
    await page.getByLabel("Made", { exact: true }).selectOption("all");
  });

  await test.step("the bucket link opens the bucket, which tells the same change", async () => {
    await page.getByTestId(`outside-change-${bucket}`).getByRole("link", { name: bucket }).click();
    await expect(page).toHaveURL(new RegExp(`/buckets/${bucket}`));
    await expect(page.getByTestId("outside-change")).toContainText(`arn:aws:iam::${account}:user/bob`);
  });
});
