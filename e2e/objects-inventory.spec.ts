import { expect, test } from "@playwright/test";

// The existing-objects section at bucket scale. bkc-demo-legacy-exports has an inventory
// configuration and a real-format report written by the seed (moto delivers none): 42 objects,
// 28 SSE-KMS without a Bucket Key. bkc-demo-orders has no inventory.

test("the demo bucket's audit comes from its inventory report, dated on every figure", async ({ page }) => {
  await page.goto("/buckets/bkc-demo-legacy-exports");
  const audit = page.getByRole("region", { name: "Objects", exact: true });
  await expect(audit.getByTestId("inventory-line")).toContainText("Latest inventory report:");
  await expect(audit.getByTestId("inventory-line")).toContainText(
    'configuration "daily-encryption" in bkc-demo-cloudtrail-logs',
  );
  await audit.getByRole("button", { name: "Audit from inventory report" }).click();
  const result = audit.getByTestId("object-scan");
  await expect(result).toHaveAttribute("data-source", "inventory");
  await expect(result).toContainText("Counted 42 objects");
  await expect(audit.getByTestId("scan-source")).toContainText("inventory report of");
  await expect(audit.getByTestId("category-SSE-KMS without Bucket Key")).toContainText(/28\s*\(67%\)/);
  await expect(audit.getByTestId("category-SSE-KMS with Bucket Key")).toContainText("8");
  await expect(audit.getByTestId("category-SSE-S3")).toContainText("6");
  await expect(audit.getByTestId("category-SSE-KMS without Bucket Key")).toContainText("inventory report of");
  const prefixes = audit.getByRole("table", { name: "Objects per top-level prefix" });
  await expect(prefixes.getByRole("row", { name: /exports\// })).toContainText("20");
  await audit.scrollIntoViewIfNeeded();
  await audit.screenshot({ path: "screenshots/objects-inventory-audit.png" });
});

test("a bucket without an inventory: the add-an-inventory review shows the exact request and policy", async ({
  page,
}) => {
  await page.goto("/buckets/bkc-demo-orders");
  const setup = page.getByTestId("inventory-setup");
  await expect(setup).toContainText("bkc-demo-orders has no S3 Inventory configuration.");
  await setup.getByLabel("Destination bucket (same region)").fill("bkc-demo-cloudtrail-logs");
  await setup.getByRole("button", { name: "Review inventory configuration" }).click();
  const review = setup.getByTestId("inventory-review");
  await expect(review).toContainText("PutBucketInventoryConfiguration");
  await expect(review).toContainText('"Frequency": "Daily"');
  await expect(review).toContainText('"BucketKeyStatus"');
  await expect(review).toContainText('"Bucket": "arn:aws:s3:::bkc-demo-cloudtrail-logs"');
  await expect(review).toContainText('"aws:SourceArn": "arn:aws:s3:::bkc-demo-orders"');
  await expect(review).toContainText("within 48 hours");
  await expect(review.getByRole("button", { name: "Apply inventory configuration" })).toBeEnabled();
  await setup.screenshot({ path: "screenshots/objects-add-inventory-review.png" });

  await setup.getByLabel("Destination bucket (same region)").fill("bkc-demo-analytics-eu");
  await setup.getByRole("button", { name: "Review inventory configuration" }).click();
  await expect(setup.getByRole("alert")).toContainText(
    "S3 Inventory writes its reports only to a bucket in the source bucket's region",
  );
  await setup.screenshot({ path: "screenshots/objects-add-inventory-error.png" });
});

test("a Batch Operations job over the inventory report is reviewed with its checks before submit", async ({ page }) => {
  await page.goto("/buckets/bkc-demo-legacy-exports");
  // The job's review uses the latest audit for the objects UpdateObjectEncryption cannot change.
  const audit = page.getByRole("region", { name: "Objects", exact: true });
  await audit.getByRole("button", { name: "Audit from inventory report" }).click();
  await expect(audit.getByTestId("object-scan")).toContainText("Counted 42 objects");
  const panel = page.getByRole("region", { name: "Re-encrypt existing objects" });
  await panel.getByText("Very large bucket? Prepare an S3 Batch Operations job instead").click();
  await panel.getByLabel("IAM role for the job").fill("arn:aws:iam::123456789012:role/bkc-demo-batch");
  await expect(panel.getByLabel("Manifest")).toHaveValue("inventory");
  await panel.getByRole("button", { name: "Prepare job" }).click();
  const job = panel.getByTestId("batch-job");
  await expect(job).toContainText("over the inventory report of");
  await expect(job).toContainText('"Format": "S3InventoryReport_CSV_20161130"');
  await expect(job).toContainText('"S3UpdateObjectEncryption"');
  await expect(job).toContainText("batchoperations.s3.amazonaws.com");
  await expect(job.getByTestId("check-replication")).toContainText("pass");
  await expect(job.getByTestId("check-role-trust")).toContainText(
    "no role arn:aws:iam::123456789012:role/bkc-demo-batch",
  );
  await expect(job.getByTestId("check-objects")).toContainText(/From the inventory report of \d{4}-\d{2}-\d{2}T01:00/);
  await expect(job.getByTestId("check-objects")).toContainText("every object is a source UpdateObjectEncryption takes");
  await job.screenshot({ path: "screenshots/objects-batch-job-review.png" });

  // moto's S3 Control has no CreateJob: the submission fails there, and says so.
  await job.getByRole("button", { name: "Submit this job" }).click();
  await expect(job.getByRole("alert")).toContainText("The job could not be submitted.");
  await job.screenshot({ path: "screenshots/objects-batch-job-submit-error.png" });
});

test("a submitted job's status: S3's answer (stubbed here in the contract's shape) with tasks and report", async ({
  page,
}) => {
  // moto cannot run jobs, so GET /api/batch-jobs/:id is answered in the API's real shape for this view.
  const jobId = "8f3b8c1e-0000-4000-8000-000000000001";
  await page.route(/\/api\/batch-jobs\?bucket=bkc-demo-media/, (r) => r.fulfill({ json: { jobs: [job(jobId)] } }));
  await page.route(/\/api\/batch-jobs\/77/, (r) => r.fulfill({ json: job(jobId) }));
  await page.goto("/buckets/bkc-demo-media");
  const status = page.getByTestId("batch-job-status");
  await expect(status).toContainText(`S3 job ${jobId}`);
  await expect(status).toContainText("Active");
  await expect(status).toContainText("1,200 succeeded · 3 failed of 5,000 tasks");
  await expect(status).toContainText(`s3://bkc-demo-media/.bucket-key-console/batch-reports/job-${jobId}/`);
  await page.getByTestId("batch-job").screenshot({ path: "screenshots/objects-batch-job-status.png" });
});

function job(jobId: string) {
  return {
    id: 77,
    account: "123456789012",
    bucket: "bkc-demo-media",
    region: "us-east-1",
    manifest: "generator",
    operation: "update-object-encryption",
    reportDate: null,
    createdAt: new Date().toISOString(),
    request: {
      AccountId: "123456789012",
      ConfirmationRequired: true,
      ClientRequestToken: "t-1",
      Description:
        "Bucket Key Console: SSE-KMS objects without a Bucket Key in bkc-demo-media to SSE-KMS with a Bucket Key",
      Priority: 10,
      RoleArn: "arn:aws:iam::123456789012:role/bkc-demo-batch",
      Operation: {
        S3UpdateObjectEncryption: {
          ObjectEncryption: {
            SSEKMS: { KMSKeyArn: "arn:aws:kms:us-east-1:123456789012:key/demo", BucketKeyEnabled: true },
          },
        },
      },
      ManifestGenerator: {
        S3JobManifestGenerator: {
          ExpectedBucketOwner: "123456789012",
          SourceBucket: "arn:aws:s3:::bkc-demo-media",
          EnableManifestOutput: true,
          ManifestOutputLocation: {
            ExpectedManifestBucketOwner: "123456789012",
            Bucket: "arn:aws:s3:::bkc-demo-media",
            ManifestPrefix: ".bucket-key-console/batch-manifests",
            ManifestFormat: "S3InventoryReport_CSV_20211130",
          },
          Filter: { MatchAnyObjectEncryption: [{ SSEKMS: { BucketKeyEnabled: false } }] },
        },
      },
      Report: {
        Enabled: true,
        Bucket: "arn:aws:s3:::bkc-demo-media",
        Prefix: ".bucket-key-console/batch-reports",
        Format: "Report_CSV_20180820",
        ReportScope: "AllTasks",
      },
    },
    trustPolicy: {},
    rolePolicy: {},
    checks: [],
    submittedJobId: jobId,
    status: {
      status: "Active",
      total: 5000,
      succeeded: 1200,
      failed: 3,
      reportLocation: `s3://bkc-demo-media/.bucket-key-console/batch-reports/job-${jobId}/`,
      failureReasons: [],
      checkedAt: new Date().toISOString(),
    },
    statusError: null,
  };
}
