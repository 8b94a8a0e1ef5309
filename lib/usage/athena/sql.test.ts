import { test } from "node:test";
import assert from "node:assert/strict";
import { checkHeader, rowsToAggregate } from "./results";
import { createDatabaseSql, createTableSql, trailLogRoot, usageColumns, usageQuerySql } from "./sql";

const spec = {
  database: "kms_usage",
  table: "cloudtrail_123456789012",
  bucket: "org-trail-logs",
  prefix: "audit/main",
  account: "123456789012",
  regions: ["us-east-1", "eu-west-1"],
};

test("the table reads the trail's folders through partition projection on region and delivery date", () => {
  const ddl = createTableSql(spec);
  assert.match(ddl, /^CREATE EXTERNAL TABLE IF NOT EXISTS `kms_usage`\.`cloudtrail_123456789012` \(/);
  assert.match(ddl, /ROW FORMAT SERDE 'com\.amazon\.emr\.hive\.serde\.CloudTrailSerde'/);
  assert.match(ddl, /PARTITIONED BY \(region STRING, `date` STRING\)/);
  assert.match(ddl, /LOCATION 's3:\/\/org-trail-logs\/audit\/main\/AWSLogs\/123456789012\/CloudTrail\/'/);
  assert.match(ddl, /'projection\.region\.values' = 'us-east-1,eu-west-1'/);
  assert.match(ddl, /'projection\.date\.type' = 'date'/);
  assert.match(ddl, /'projection\.date\.format' = 'yyyy\/MM\/dd'/);
  assert.match(
    ddl,
    /'storage\.location\.template' = 's3:\/\/org-trail-logs\/audit\/main\/AWSLogs\/123456789012\/CloudTrail\/\$\{region\}\/\$\{date\}'/,
  );
  assert.equal(
    trailLogRoot({ ...spec, prefix: "", orgId: "o-abcdef1234" }),
    "s3://org-trail-logs/AWSLogs/o-abcdef1234/123456789012/CloudTrail/",
  );
  assert.equal(createDatabaseSql("kms_usage"), "CREATE DATABASE IF NOT EXISTS `kms_usage`");
});

test("names and values that could break out of the SQL are refused with a message", () => {
  const refused: [string, () => unknown, RegExp][] = [
    [
      "database with a quote",
      () => createDatabaseSql("x`; DROP TABLE y"),
      /Database "x`; DROP TABLE y" is not allowed/,
    ],
    ["upper-case table", () => createTableSql({ ...spec, table: "Trail" }), /Table "Trail" is not allowed/],
    ["prefix with a quote", () => createTableSql({ ...spec, prefix: "a'b" }), /Trail prefix "a'b" is not allowed/],
    ["prefix with a template", () => createTableSql({ ...spec, prefix: "${date}" }), /Trail prefix/],
    ["bucket", () => createTableSql({ ...spec, bucket: "Bad_Bucket" }), /Bucket "Bad_Bucket"/],
    ["account", () => createTableSql({ ...spec, account: "12345" }), /Account "12345"/],
    ["region", () => createTableSql({ ...spec, regions: ["us-east-1','x"] }), /Region/],
    ["no region", () => createTableSql({ ...spec, regions: [] }), /at least one region/],
    ["query table", () => usageQuerySql({ database: "kms_usage", table: 'a"b' }, 1, 2), /Table "a"b"/],
    [
      "empty window",
      () => usageQuerySql({ database: "kms_usage", table: "t" }, 5, 5),
      /non-empty range of whole hours/,
    ],
    ["fractional hour", () => usageQuerySql({ database: "kms_usage", table: "t" }, 1.5, 5), /whole hours/],
  ];
  for (const [what, run, message] of refused)
    assert.throws(
      run,
      (err: Error & { code?: string }) => err.code === "invalid_input" && message.test(err.message),
      what,
    );
});

test("the query reads only the date partitions of the window, up to the day after its last hour", () => {
  const from = Date.parse("2026-03-01T05:00:00Z") / 3_600_000;
  const to = Date.parse("2026-03-03T00:00:00Z") / 3_600_000;
  const sql = usageQuerySql({ database: "kms_usage", table: "t" }, from, to);
  assert.match(sql, /FROM "kms_usage"\."t"/);
  assert.match(sql, /"date" BETWEEN '2026\/03\/01' AND '2026\/03\/03'/);
  assert.match(sql, new RegExp(`hour >= ${from} AND hour < ${to}`));
});

test("result rows map to request rows and principals; anything else is refused before the store changes", () => {
  checkHeader([...usageColumns]);
  assert.throws(() => checkHeader(["kind", "bucket"]), /unexpected result \(columns kind, bucket\)/);
  const got = rowsToAggregate([
    ["requests", "b1", "493000", "Decrypt", "object", "arn:k", "us-east-1", undefined, "12"],
    ["requests", "b1", "493000", "Decrypt", "bucket", undefined, "us-east-1", undefined, "3"],
    ["principal", "b1", "493000", undefined, undefined, undefined, undefined, "arn:p", "15"],
  ]);
  assert.deepEqual(got, {
    rows: [
      {
        bucket: "b1",
        hour: 493000,
        operation: "Decrypt",
        level: "object",
        keyArn: "arn:k",
        region: "us-east-1",
        requests: 12,
      },
      {
        bucket: "b1",
        hour: 493000,
        operation: "Decrypt",
        level: "bucket",
        keyArn: "",
        region: "us-east-1",
        requests: 3,
      },
    ],
    principals: [{ bucket: "b1", hour: 493000, principal: "arn:p" }],
    events: 15,
  });
  assert.throws(
    () => rowsToAggregate([["requests", "b1", "x", "Decrypt", "object", "k", "r", undefined, "1"]]),
    /hour "x" is not a whole number/,
  );
  assert.throws(
    () => rowsToAggregate([["requests", "b1", "1", "Decrypt", "object", "k", "r", undefined, "1.5"]]),
    /requests "1.5"/,
  );
  assert.throws(() => rowsToAggregate([["other", "b1", "1"]]), /row kind "other"/);
});
