// Finding the account's exports for the bill source. moto (5.2.5) implements neither BCM Data Exports nor the legacy
// Cost and Usage Report API, so the listing itself is tested with doubles of the two SDK clients that answer in the
// APIs' own shapes (ListExports → Exports[].ExportArn and NextToken, GetExport → Export.DataQuery and
// DestinationConfigurations.S3Destination, DescribeReportDefinitions → ReportDefinitions[]), and refuse as AWS does
// (AccessDeniedException, 403). Against moto itself, the route says each API could not be listed and nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetExportCommand, ListExportsCommand } from "@aws-sdk/client-bcm-data-exports";
import { DescribeReportDefinitionsCommand } from "@aws-sdk/client-cost-and-usage-report-service";
import { billDetectionSchema } from "@/lib/contracts/bill";
import { apiRequest, jsonOf, routeContext } from "./helpers";

process.env.CONSOLE_DATA_DIR = mkdtempSync(path.join(tmpdir(), "bkc-bill-detect-"));

const { detectBillExports } = await import("@/lib/usage/bill/detect");
type Clients = import("@/lib/usage/bill/detect").BillApiClients;
const detectedRoute = await import("@/app/api/settings/bill-source/detected/route");

const arn = (name: string) => `arn:aws:bcm-data-exports:us-east-1:111111111111:export/${name}-4f2a`;

/** GetExport's Export for a CUR 2.0 (or other table's) export delivered to S3. */
function dataExport(name: string, o: { table?: string; format?: string; compression?: string; resources?: string }) {
  return {
    ExportArn: arn(name),
    Name: name,
    DataQuery: {
      QueryStatement: `SELECT line_item_usage_type, line_item_resource_id FROM ${o.table ?? "COST_AND_USAGE_REPORT"}`,
      TableConfigurations: o.resources ? { COST_AND_USAGE_REPORT: { INCLUDE_RESOURCES: o.resources } } : {},
    },
    DestinationConfigurations: {
      S3Destination: {
        S3Bucket: "payer-billing",
        S3Prefix: "/exports/",
        S3Region: "us-east-1",
        S3OutputConfigurations: {
          OutputType: "CUSTOM",
          Format: o.format ?? "PARQUET",
          Compression: o.compression ?? "PARQUET",
          Overwrite: "OVERWRITE_REPORT",
        },
      },
    },
    RefreshCadence: { Frequency: "SYNCHRONOUS" },
  };
}

const exports = [
  dataExport("kms-cur2", { resources: "TRUE" }),
  dataExport("focus", { table: "FOCUS_1_0_AWS" }),
  dataExport("csv-zip", { format: "TEXT_OR_CSV", compression: "ZIP", resources: "TRUE" }),
  dataExport("no-ids", { format: "TEXT_OR_CSV", compression: "GZIP", resources: "FALSE" }),
];

const denied = (operation: string) =>
  Object.assign(new Error(`User is not authorized to perform: ${operation}`), {
    name: "AccessDeniedException",
    $metadata: { httpStatusCode: 403 },
  });

/** Both APIs, two exports a page; `deny` makes one refuse as AWS does. */
function stubs(deny: "data-exports" | "legacy-cur" | null = null): { clients: Clients; sent: string[] } {
  const sent: string[] = [];
  const clients: Clients = {
    dataExports: {
      async send(command) {
        sent.push(command.constructor.name);
        if (deny === "data-exports") throw denied("bcm-data-exports:ListExports");
        if (command instanceof ListExportsCommand) {
          const start = Number(command.input.NextToken ?? 0);
          const page = exports.slice(start, start + 2);
          const next = start + 2 < exports.length ? String(start + 2) : undefined;
          return { Exports: page.map((e) => ({ ExportArn: e.ExportArn, ExportName: e.Name })), NextToken: next };
        }
        if (command instanceof GetExportCommand)
          return { Export: exports.find((e) => e.ExportArn === command.input.ExportArn) };
        throw new Error("unexpected command");
      },
    },
    cur: {
      async send(command) {
        sent.push(command.constructor.name);
        if (deny === "legacy-cur") throw denied("cur:DescribeReportDefinitions");
        if (!(command instanceof DescribeReportDefinitionsCommand)) throw new Error("unexpected command");
        return {
          ReportDefinitions: [
            {
              ReportName: "hourly-cur",
              TimeUnit: "HOURLY",
              Format: "textORcsv",
              Compression: "GZIP",
              AdditionalSchemaElements: ["RESOURCES"],
              S3Bucket: "payer-billing",
              S3Prefix: "cur",
              S3Region: "us-east-1",
            },
          ],
        };
      },
    },
  };
  return { clients, sent };
}

test("every export of both APIs is listed, pages followed; what the console can read first, the rest with why", async () => {
  const { clients, sent } = stubs();
  const found = await detectBillExports(clients);
  assert.deepEqual(found.problems, []);
  assert.equal(sent.filter((c) => c === "ListExportsCommand").length, 2, "two pages of ListExports");
  assert.deepEqual(
    found.exports.map((e) => [e.kind, e.name, e.prefix, e.resourceIds, e.unreadable === null]),
    [
      ["data-export", "kms-cur2", "exports", true, true],
      ["data-export", "no-ids", "exports", false, true],
      ["data-export", "focus", "exports", null, false],
      ["data-export", "csv-zip", "exports", true, false],
      ["legacy-cur", "hourly-cur", "cur", true, false],
    ],
  );
  const why = Object.fromEntries(found.exports.map((e) => [e.name, e.unreadable]));
  assert.match(why.focus!, /exports FOCUS_1_0_AWS, not COST_AND_USAGE_REPORT/);
  assert.match(why["csv-zip"]!, /compressed as ZIP: the console reads CSV with GZIP, or Parquet/);
  assert.match(why["hourly-cur"]!, /legacy Cost and Usage Report.*Create one in the Billing console/);
});

test("an API the console may not call names its IAM action; the other API's exports are still offered", async () => {
  const noExports = await detectBillExports(stubs("data-exports").clients);
  assert.deepEqual(
    noExports.problems.map((p) => p.api),
    ["data-exports"],
  );
  assert.match(
    noExports.problems[0]!.message,
    /not allowed bcm-data-exports:ListExports.*Grant bcm-data-exports:ListExports/,
  );
  assert.deepEqual(
    noExports.exports.map((e) => e.name),
    ["hourly-cur"],
  );
  const noCur = await detectBillExports(stubs("legacy-cur").clients);
  assert.match(noCur.problems[0]!.message, /not allowed cur:DescribeReportDefinitions/);
  assert.equal(noCur.exports.length, 4);
});

test("against the emulator, which has neither API, the route answers with two problems and no export", async () => {
  const res = await detectedRoute.GET(apiRequest("/api/settings/bill-source/detected"), routeContext());
  const body = await jsonOf(res, billDetectionSchema);
  assert.deepEqual(body.exports, []);
  assert.deepEqual(
    body.problems.map((p) => p.api),
    ["data-exports", "legacy-cur"],
  );
  assert.deepEqual(
    body.problems.map((p) => p.message.replace(/:\d+ /, ":PORT ")),
    ["bcm-data-exports", "cur"].map(
      (service) =>
        `The local emulator at http://127.0.0.1:PORT does not serve this API (${service}), so nothing could be listed.`,
    ),
  );
});
