// The demo's KMS bill: a Data Export (CUR 2.0, Parquet, daily lines) per month of the demo's
// CloudTrail period, written where the console is told to read it (CONSOLE_BILL_SOURCE). Its KMS
// request lines are S3's calls from the demo's log files (the tally demoLogFiles keeps) plus what
// other callers of the same keys add, as a real bill would carry them: RDS and Lambda on
// orders-data (+12%), Glue on analytics-eu (+30%), Secrets Manager on each region's app-secrets
// key (no S3 at all), asymmetric Sign calls on a signing key, each key's monthly charge, and one
// KMS line of a kind the classifier does not know (shown on Reports, never dropped). Lines of
// other products (S3, EC2) make the file look like a bill. Bytes depend only on the tally and the
// dates, so a rerun on the same day writes the same files.
//
// Sizes are a real team's (hundreds of dollars a month of KMS requests): S3's lines come from the
// tally, which counts each object-level log record as the demo's demoCallsPerRecord calls, and
// the other callers' fixed volumes below are scaled by the same factor. Each line is one record
// of the export with a large usage amount, as a real daily line is: the file stays small.
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { exportLocation, exportManifest, parquetExportFile, type ExportLine } from "./data-export-format";
import { stableKeyArn } from "./cloudtrail-format";
import { demoCallsPerRecord, type KmsCallTally } from "./demo-cloudtrail";

export const demoBillExport = { prefix: "billing", exportName: "bkc-demo-cur2" };
const pricePerRequest = 0.03 / 10_000;
/** A customer managed key's monthly charge (USD), billed on the month's first day. */
const keyMonth = 1;
/** Other callers' daily requests, in the demo's record units (scaled like S3's, see above). */
const daily = { appSecrets: 3_000, signing: 240 };
/** Other callers of a key, as a share of S3's calls with it, by the key name's stable ARN. */
const otherCallers: Record<string, number> = { "orders-data": 0.12, "analytics-eu": 0.3 };

function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** One account's part of the bill: S3's calls, and its demo keys' real ARNs by alias (the log files name those). */
type BillAccount = { id: string; calls: KmsCallTally; keyArns?: ReadonlyMap<string, string> };

export function demoBillLines(accounts: BillAccount[]): Map<string, ExportLine[]> {
  const byMonth = new Map<string, ExportLine[]>();
  const add = (l: ExportLine) => {
    const m = monthOf(l.usageStart.toISOString());
    const list = byMonth.get(m) ?? [];
    list.push(l);
    byMonth.set(m, list);
  };
  const kms = (
    account: string,
    day: string,
    resourceId: string,
    operation: string,
    requests: number,
    usageType?: string,
    unitPrice = pricePerRequest,
  ) => {
    const region = resourceId.split(":")[3]!;
    add({
      lineItemType: "Usage",
      usageStart: new Date(`${day}T00:00:00Z`),
      account,
      productCode: "awskms",
      usageType: usageType ?? `${region}-KMS-Requests`,
      operation,
      resourceId,
      usageAmount: requests,
      unblendedCost: requests * unitPrice,
    });
  };
  for (const { id, calls, keyArns = new Map<string, string>() } of accounts) {
    // A demo key by the ARN the log files give it: the emulator's own where the demo made the key.
    const keyOf = (name: string) => keyArns.get(`alias/${name}`) ?? stableKeyArn(region(name), id, name);
    const extra = new Map(Object.entries(otherCallers).map(([name, share]) => [keyOf(name), share]));
    const days = new Set<string>();
    const keys = new Set<string>();
    for (const [k, n] of calls) {
      const [day, keyArn, operation] = k.split("\t") as [string, string, string];
      days.add(day);
      keys.add(keyArn);
      const share = operation === "Decrypt" ? (extra.get(keyArn) ?? 0) : 0;
      kms(id, day, keyArn, operation, n + Math.round(n * share));
    }
    for (const day of [...days].sort()) {
      for (const r of ["us-east-1", "eu-west-1"])
        kms(id, day, stableKeyArn(r, id, `${r}-app-secrets`), "Decrypt", daily.appSecrets * demoCallsPerRecord);
      const signing = stableKeyArn("us-east-1", id, "release-signing");
      kms(id, day, signing, "Sign", daily.signing * demoCallsPerRecord, "us-east-1-KMS-Requests-Asymmetric");
      other(add, id, day);
      if (day.endsWith("-01"))
        for (const keyArn of keys) kms(id, day, keyArn, "", 1, `${keyArn.split(":")[3]}-KMS-Keys`, keyMonth);
    }
    const first = [...days].sort()[0];
    const xks = 500 * demoCallsPerRecord;
    if (first) kms(id, first, keyOf("orders-data"), "Decrypt", xks, "us-east-1-KMS-XksProxy");
  }
  return byMonth;
}

const region = (keyName: string) => (keyName.endsWith("-eu") ? "eu-west-1" : "us-east-1");

function other(add: (l: ExportLine) => void, account: string, day: string): void {
  const at = new Date(`${day}T00:00:00Z`);
  add({
    ...line(at, account),
    productCode: "AmazonS3",
    usageType: "Requests-Tier1",
    operation: "PutObject",
    usageAmount: 90_000,
    unblendedCost: 0.45,
  });
  add({
    ...line(at, account),
    productCode: "AmazonEC2",
    usageType: "BoxUsage:m7g.large",
    operation: "RunInstances",
    usageAmount: 48,
    unblendedCost: 3.92,
  });
}

const line = (usageStart: Date, account: string) => ({ lineItemType: "Usage", usageStart, account, resourceId: "" });

/** Writes each month's Parquet file and manifest into `bucket` under the demo export's prefix. */
export async function seedDemoBill(
  s3: S3Client,
  bucket: string,
  accounts: BillAccount[],
): Promise<{ months: string[]; lines: number }> {
  const byMonth = demoBillLines(accounts);
  let lines = 0;
  for (const [month, monthLines] of byMonth) {
    const loc = exportLocation(demoBillExport.prefix, demoBillExport.exportName, month);
    const dataKey = loc.dataKey(1, "parquet");
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: dataKey, Body: parquetExportFile(monthLines) }));
    const manifest = exportManifest({ bucket, exportName: demoBillExport.exportName, dataKeys: [dataKey] });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: loc.manifestKey, Body: manifest }));
    lines += monthLines.length;
  }
  return { months: [...byMonth.keys()].sort(), lines };
}
