import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { bucketPageSchema } from "@/lib/contracts/bucket-list";
import { apiRequest, jsonOf, routeContext, scanInventoryNow } from "./helpers";
import { iamEnforcedMoto, policyDocument, without } from "./iam-enforced-moto";
import { seedIamScenario } from "./iam-setup";

// The read-only policy without s3:ListAllMyBuckets: the first scan cannot list a bucket. The scan
// state (what the empty Overview and Buckets show) names the missing action, and the account is
// an error with it, not "ok" with no buckets.
const missing = "s3:ListAllMyBuckets";
const moto = await iamEnforcedMoto(without(policyDocument("read-only"), missing), seedIamScenario);
after(() => moto.stop());
Object.assign(process.env, moto.credentials, {
  AWS_ENDPOINT_URL: moto.url,
  CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "bkc-iam-list-")),
});

const bucketsRoute = await import("@/app/api/buckets/route");

test("ListBuckets denied: the scan and the account name the missing action", async () => {
  const scan = await scanInventoryNow();
  assert.equal(scan.state, "failed");
  assert.equal(scan.errorCode, "access_denied");
  assert.match(scan.message ?? "", new RegExp(`not allowed ${missing}.*Grant ${missing}`));
  const page = await jsonOf(await bucketsRoute.GET(apiRequest("/api/buckets"), routeContext()), bucketPageSchema);
  assert.equal(page.summary.total, 0);
  assert.equal(page.scan.errorCode, "access_denied");
  assert.deepEqual(
    page.accounts.map((a) => [a.status, a.error?.code]),
    [["error", "access_denied"]],
  );
  assert.match(page.accounts[0]!.error!.message, new RegExp(missing));
});
