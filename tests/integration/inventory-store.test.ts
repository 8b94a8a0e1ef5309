// The inventory store's counters, indexes and search paths against a plain reading of the same
// rows: 6,000 postures written through the store's write path (no AWS needed), then every count
// and every page compared with the answer computed here from the postures themselves. Enough rows
// that a common name fragment takes the dense path (checked row by row, counted in the trigram
// index) and a rare one the sparse path (its matches sorted).
import assert from "node:assert/strict";
import { test } from "node:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BucketFilterQuery, BucketSortKey } from "@/lib/contracts/bucket-list";
import type { BucketPosture } from "@/lib/contracts/inventory";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-inventory-store-it-"));
const { writePostures, removeBucket } = await import("@/lib/inventory/store");
const { queryPage, summarize } = await import("@/lib/inventory/query");

const accounts = ["111111111111", "222222222222"];
const regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const types = ["SSE-S3", "SSE-KMS", "SSE-KMS", "DSSE-KMS", "NONE"] as const;

function posture(i: number, variant = 0): BucketPosture {
  const account = accounts[i % 2]!;
  const region = regions[i % 3]!;
  const type = types[(i + variant) % 5]!;
  const kms = type.includes("KMS");
  const bucketKeyEnabled = type === "SSE-KMS" && i % 4 === 0;
  const unread = i % 211 === 0;
  return {
    name: `store-${String(i).padStart(5, "0")}-${["logs", "media", "orders"][i % 3]}`,
    account,
    region: unread && i % 2 ? null : region,
    createdAt: null,
    encryption: unread
      ? null
      : {
          type,
          kmsKeyArn: kms ? `arn:aws:kms:${region}:${account}:key/k-${i % 7}` : null,
          kmsKeyAlias: kms ? `alias/team-${i % 7}` : null,
          kmsKeyReference: kms ? `alias/team-${i % 7}` : null,
          kmsKeyProblem: null,
          bucketKeyEnabled,
        },
    versioning: unread ? null : i % 6 === 0 ? "Enabled" : "Off",
    replication: null,
    candidate: !unread && type === "SSE-KMS" && !bucketKeyEnabled,
    error: i % 97 === 0 ? { code: "access_denied", message: "denied" } : null,
    readAt: unread ? null : "2026-03-01T00:00:00.000Z",
  };
}

const rows = new Map<string, BucketPosture>();
const write = (ps: BucketPosture[]) => {
  writePostures(ps);
  for (const p of ps) rows.set(`${p.account}/${p.name}`, p);
};
for (let i = 0; i < 6000; i += 500) write(Array.from({ length: 500 }, (_, k) => posture(i + k)));

const sortValue: Record<BucketSortKey, (p: BucketPosture) => string> = {
  name: () => "",
  region: (p) => p.region ?? "~",
  type: (p) => p.encryption?.type ?? "~",
  bucketKey: (p) => (p.encryption?.type === "SSE-KMS" ? (p.encryption.bucketKeyEnabled ? "1" : "0") : "2"),
  versioning: (p) => p.versioning ?? "~",
};

function expected(scope: string[], f: Omit<BucketFilterQuery, "sort" | "order">, sort: BucketSortKey, desc: boolean) {
  const q = f.q?.toLowerCase();
  const keyText = (p: BucketPosture) => `${p.encryption?.kmsKeyAlias ?? ""} ${p.encryption?.kmsKeyArn ?? ""}`;
  const key = (p: BucketPosture) => [sortValue[sort](p), p.name, p.account];
  return [...rows.values()]
    .filter((p) => scope.includes(p.account))
    .filter((p) => !q || p.name.includes(q) || keyText(p).toLowerCase().includes(q))
    .filter((p) => !f.type || p.encryption?.type === f.type)
    .filter((p) => !f.bucketKey || sortValue.bucketKey(p) === (f.bucketKey === "on" ? "1" : "0"))
    .filter((p) => !f.region || p.region === f.region)
    .filter((p) => !f.candidate || p.candidate === (f.candidate === "1"))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      const i = ka.findIndex((v, n) => v !== kb[n]);
      const order = i < 0 ? 0 : ka[i]! < kb[i]! ? -1 : 1;
      return desc ? -order : order;
    })
    .map((p) => `${p.account}/${p.name}`);
}

function allPages(scope: string[], f: Omit<BucketFilterQuery, "sort" | "order">, sort: BucketSortKey, desc: boolean) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  do {
    const page = queryPage(scope, { ...f, sort, order: desc ? "desc" : "asc", limit: 500, cursor });
    total = page.total;
    seen.push(...page.buckets.map((b) => `${b.account}/${b.name}`));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { seen, total };
}

const cases: [string, Omit<BucketFilterQuery, "sort" | "order">, BucketSortKey, boolean, number][] = [
  // label, filters, sort, descending, the number of matches over both accounts (so no case passes on zero rows)
  ["no filter", {}, "name", false, 6000],
  ["dense name fragment (trigram count)", { q: "store-" }, "region", true, 6000],
  ["common suffix", { q: "orders" }, "type", false, 2000],
  ["rare name fragment (sorted matches)", { q: "0012" }, "bucketKey", true, 11],
  ["key alias", { q: "team-3" }, "versioning", false, 512],
  ["key ARN, not a possible name", { q: "arn:aws:kms:eu-west-1" }, "name", true, 1194],
  ["two characters, checked row by row", { q: "lo" }, "name", false, 2000],
  ["no match", { q: "zzz" }, "name", false, 0],
  ["filters only (counters)", { type: "SSE-KMS", bucketKey: "off" }, "region", true, 1790],
  ["search and filters", { q: "store-0", region: "eu-west-1", candidate: "1" }, "type", false, 597],
];

for (const [label, filters, sort, desc, count] of cases) {
  test(`${label}: total and every page match the rows, in order, without repeats`, () => {
    for (const scope of [accounts, [accounts[1]!]]) {
      const want = expected(scope, filters, sort, desc);
      if (scope.length === 2) assert.equal(want.length, count, "the case selects what it says");
      const { seen, total } = allPages(scope, filters, sort, desc);
      assert.equal(total, want.length, `total over ${scope.join(",")}`);
      assert.deepEqual(seen, want, `pages over ${scope.join(",")}`);
    }
  });
}

test("the summary follows inserts, changed postures and removals (counters kept in the write)", () => {
  // Change the type of 1,000 rows, remove 300, add 50 unread ones.
  write(Array.from({ length: 1000 }, (_, k) => posture(k * 6, 2)));
  for (let k = 0; k < 300; k++) {
    const p = posture(k * 17 + 1);
    removeBucket(p.account, p.name);
    rows.delete(`${p.account}/${p.name}`);
  }
  write(Array.from({ length: 50 }, (_, k) => ({ ...posture(7000 + k), encryption: null, readAt: null, region: null })));
  const all = [...rows.values()];
  const byType = { "SSE-S3": 0, "SSE-KMS": 0, "DSSE-KMS": 0, NONE: 0 };
  for (const p of all) if (p.encryption) byType[p.encryption.type]++;
  const withBucketKey = all.filter((p) => sortValue.bucketKey(p) === "1").length;
  assert.deepEqual(summarize(accounts), {
    total: all.length,
    byType,
    kmsBuckets: byType["SSE-KMS"],
    withBucketKey,
    bucketKeyShare: withBucketKey / byType["SSE-KMS"],
    candidates: all.filter((p) => p.candidate).length,
    errors: all.filter((p) => p.error).length,
    notScanned: all.filter((p) => !p.readAt).length,
    regions: [...regions].sort(),
  });
  assert.equal(all.length, 6000 - 300 + 50);
  assert.equal(summarize([accounts[0]!]).total, all.filter((p) => p.account === accounts[0]).length);
});
