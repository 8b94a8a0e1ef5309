// A console process for the crash test: reads a bucket's encryption and PUTs Bucket Key on. The
// parent kills it with SIGKILL once S3 has made the change and before the answer arrives, so the
// change is left pending in the store under CONSOLE_DATA_DIR.
// Usage: node --conditions=react-server --import tsx tests/integration/support/change-crash-child.ts <bucket> <keyArn>
import { currentEncryptionSchema } from "@/lib/contracts/encryption";
import { apiRequest, jsonOf, routeContext } from "../helpers";

const [bucket = "", keyArn = ""] = process.argv.slice(2);
const encryptionRoute = await import("@/app/api/buckets/[name]/encryption/route");
const got = await encryptionRoute.GET(apiRequest(`/api/buckets/${bucket}/encryption`), routeContext({ name: bucket }));
const { version } = await jsonOf(got, currentEncryptionSchema);
console.log("putting");
const res = await encryptionRoute.PUT(
  apiRequest(`/api/buckets/${bucket}/encryption`, {
    method: "PUT",
    body: {
      config: { type: "SSE-KMS", kmsKeyId: keyArn, bucketKeyEnabled: true },
      expectedVersion: version,
      acknowledgedWarnings: ["existing-objects", "replication", "encryption-context", "request-rate", "key-policy"],
    },
  }),
  routeContext({ name: bucket }),
);
// Reaching this line means the kill came too late: the parent fails the test on it.
console.log(`answered ${res.status}`);
