import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { accessOf, policyActionsOf } from "./iam-actions";

// Derives the AWS operations the console calls from its source (`new XxxCommand(` and
// `paginateXxx(` in lib/ and app/, tests excluded) and checks the two policy documents the
// README ships against them: each grants exactly what the code needs, the read-only one no writes.

const root = path.resolve(import.meta.dirname, "..", "..");
const tableFile = "lib/aws/iam-actions.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map((f) => path.join(dir, String(f)))
    .filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !/\.test\.tsx?$/.test(f));
}

/** Operation name → files calling it. */
function calledOperations(): Map<string, string[]> {
  const ops = new Map<string, string[]>();
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/\bnew ([A-Z]\w*)Command\(|\bpaginate([A-Z]\w*)\(/g)) {
      const op = (m[1] ?? m[2])!;
      ops.set(op, [...new Set([...(ops.get(op) ?? []), file])]);
    }
  }
  return ops;
}

function policyActions(file: string): Set<string> {
  const doc = JSON.parse(readFileSync(path.join(root, file), "utf8")) as {
    Statement: { Effect: string; Action: string | string[] }[];
  };
  return new Set(
    doc.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
  );
}

const ops = calledOperations();
const needed = (kind: "read" | "write") =>
  new Set(
    [...ops.keys()].flatMap((op) => {
      const access = accessOf(op);
      return access?.kind === kind ? policyActionsOf(access) : [];
    }),
  );
const read = needed("read");
const write = needed("write");

test("the scan finds the console's AWS calls (sanity: it is not matching nothing)", () => {
  for (const op of [
    "ListBuckets",
    "GetBucketEncryption",
    "PutBucketEncryption",
    "DescribeKey",
    "SelectAggregateResourceConfig",
  ])
    assert.ok(ops.has(op), `${op} not found in lib/`);
});

test("every AWS operation the code calls is classified with its IAM actions", () => {
  const missing = [...ops].filter(([op]) => !accessOf(op));
  assert.deepEqual(
    missing.map(
      ([op, files]) =>
        `${op} (called in ${files.join(", ")}): add \`${op}: { kind: "read" | "write", actions: ["service:Action"] }\` to ${tableFile}`,
    ),
    [],
    "Unclassified AWS operations: classify them, then add their actions to docs/iam/*.json",
  );
});

for (const [file, must, mustNot] of [
  ["docs/iam/read-only-policy.json", read, new Set([...write].filter((a) => !read.has(a)))],
  ["docs/iam/operator-policy.json", new Set([...read, ...write]), new Set<string>()],
] as const) {
  test(`${file} grants every action the code needs and nothing more`, () => {
    const granted = policyActions(file);
    const lacking = [...must].filter((a) => !granted.has(a)).sort();
    assert.deepEqual(
      lacking,
      [],
      `${file} lacks actions the code calls: add ${JSON.stringify(lacking)} to its Action list`,
    );
    const extra = [...granted].filter((a) => !must.has(a)).sort();
    assert.deepEqual(
      extra,
      [],
      `${file} grants actions no code calls (least privilege): remove ${JSON.stringify(extra)}`,
    );
    const writes = [...granted].filter((a) => mustNot.has(a));
    assert.deepEqual(writes, [], `${file} must stay read-only: remove ${JSON.stringify(writes)}`);
  });
}
