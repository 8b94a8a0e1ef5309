import "server-only";
import { GetExportCommand, ListExportsCommand, type Export } from "@aws-sdk/client-bcm-data-exports";
import { DescribeReportDefinitionsCommand, type ReportDefinition } from "@aws-sdk/client-cost-and-usage-report-service";
import type { BillDetection, DetectedExport } from "@/lib/contracts/bill";
import { AppError } from "@/lib/contracts/errors";
import { curClient, dataExportsClient } from "@/lib/aws/clients";
import { awsCallError } from "@/lib/aws/send";
import type { AwsOperation } from "@/lib/aws/iam-actions";
import { serverEnv } from "@/lib/runtime/env";

// The exports Settings can offer for the bill source: the account's Data Exports (ListExports, then
// GetExport for each one's query and S3 destination) and its legacy Cost and Usage Reports
// (DescribeReportDefinitions). Both APIs answer in us-east-1 only. Each API stands alone: one the
// console may not call (access denied names the IAM action) is a problem beside the other's exports,
// and the location can always be entered by hand.

/** What the detection sends: the two SDK clients, or doubles in their shape (the emulator has neither API). */
export type BillApiClients = {
  dataExports: { send(command: ListExportsCommand | GetExportCommand): Promise<unknown> };
  cur: { send(command: DescribeReportDefinitionsCommand): Promise<unknown> };
};

const apis = (): BillApiClients => ({ dataExports: dataExportsClient(), cur: curClient() });

/** The one table the bill reader understands: CUR 2.0's columns (lib/usage/bill/fold.ts). */
const curTable = "COST_AND_USAGE_REPORT";

/** Calls through the IAM table by operation name: the old CUR client's commands carry no schema to read it from. */
async function call<T>(operation: AwsOperation, resource: string, run: () => Promise<unknown>): Promise<T> {
  try {
    return (await run()) as T;
  } catch (err) {
    throw awsCallError(err, operation, resource);
  }
}

/** Why the console cannot read a Data Export as it is, or null. */
function dataExportProblem(e: Export): string | null {
  const query = e.DataQuery?.QueryStatement ?? "";
  const table = /\bFROM\s+([A-Z0-9_]+)/i.exec(query)?.[1]?.toUpperCase();
  if (table !== curTable)
    return `It exports ${table ?? "another table"}, not ${curTable} (CUR 2.0): create a CUR 2.0 export for the bill.`;
  const out = e.DestinationConfigurations?.S3Destination?.S3OutputConfigurations;
  if (out?.Format === "TEXT_OR_CSV" && out.Compression !== "GZIP")
    return `Its CSV is compressed as ${out.Compression ?? "nothing"}: the console reads CSV with GZIP, or Parquet.`;
  return null;
}

function fromDataExport(e: Export): DetectedExport | null {
  const s3 = e.DestinationConfigurations?.S3Destination;
  if (!e.Name || !s3?.S3Bucket) return null;
  const options = e.DataQuery?.TableConfigurations?.[curTable];
  return {
    kind: "data-export",
    name: e.Name,
    bucket: s3.S3Bucket,
    prefix: (s3.S3Prefix ?? "").replace(/^\/+|\/+$/g, ""),
    region: s3.S3Region ?? "",
    format: s3.S3OutputConfigurations?.Format ?? "",
    resourceIds: options?.INCLUDE_RESOURCES === undefined ? null : options.INCLUDE_RESOURCES.toUpperCase() === "TRUE",
    unreadable: dataExportProblem(e),
  };
}

function fromReport(r: ReportDefinition): DetectedExport | null {
  if (!r.ReportName || !r.S3Bucket) return null;
  return {
    kind: "legacy-cur",
    name: r.ReportName,
    bucket: r.S3Bucket,
    prefix: (r.S3Prefix ?? "").replace(/^\/+|\/+$/g, ""),
    region: r.S3Region ?? "",
    format: r.Format ?? "",
    resourceIds: (r.AdditionalSchemaElements ?? []).includes("RESOURCES"),
    // Its files and manifest follow another layout and schema (export-manifest.ts names it when met).
    unreadable:
      "A legacy Cost and Usage Report: the console reads Data Exports of CUR 2.0. Create one in the Billing " +
      "console (Data Exports can deliver the same data to the same bucket), then choose it here.",
  };
}

async function dataExports(client: BillApiClients["dataExports"]): Promise<DetectedExport[]> {
  const found: DetectedExport[] = [];
  let token: string | undefined;
  do {
    const page = await call<{ Exports?: { ExportArn?: string }[]; NextToken?: string }>(
      "ListExports",
      "the account's Data Exports",
      () => client.send(new ListExportsCommand({ NextToken: token })),
    );
    for (const ref of page.Exports ?? []) {
      if (!ref.ExportArn) continue;
      const arn = ref.ExportArn;
      const got = await call<{ Export?: Export }>("GetExport", arn, () =>
        client.send(new GetExportCommand({ ExportArn: arn })),
      );
      const detected = got.Export && fromDataExport(got.Export);
      if (detected) found.push(detected);
    }
    token = page.NextToken;
  } while (token);
  return found;
}

async function legacyReports(client: BillApiClients["cur"]): Promise<DetectedExport[]> {
  const found: DetectedExport[] = [];
  let token: string | undefined;
  do {
    const page = await call<{ ReportDefinitions?: ReportDefinition[]; NextToken?: string }>(
      "DescribeReportDefinitions",
      "the account's Cost and Usage Reports",
      () => client.send(new DescribeReportDefinitionsCommand({ NextToken: token })),
    );
    for (const r of page.ReportDefinitions ?? []) {
      const detected = fromReport(r);
      if (detected) found.push(detected);
    }
    token = page.NextToken;
  } while (token);
  return found;
}

/**
 * Why an API listed nothing. The local emulator has neither billing API and answers them with a server error or a
 * page it cannot parse: said as such, rather than as an AWS outage. A refusal keeps its own words (the IAM action).
 */
function problemOf(api: BillDetection["problems"][number]["api"], reason: unknown): string {
  const { emulator, endpoint } = serverEnv();
  const service = api === "data-exports" ? "bcm-data-exports" : "cur";
  if (emulator && !(reason instanceof AppError && reason.code === "access_denied"))
    // The form adds what to do (enter the location by hand), as for every problem.
    return `The local emulator at ${endpoint} does not serve this API (${service}), so nothing could be listed.`;
  return reason instanceof Error ? reason.message : String(reason);
}

/** The exports the account's billing APIs list, readable ones first; each API that failed as a problem. */
export async function detectBillExports(clients: BillApiClients = apis()): Promise<BillDetection> {
  const [exports, legacy] = await Promise.allSettled([dataExports(clients.dataExports), legacyReports(clients.cur)]);
  const problems: BillDetection["problems"] = [];
  const listed = (api: BillDetection["problems"][number]["api"], r: PromiseSettledResult<DetectedExport[]>) => {
    if (r.status === "fulfilled") return r.value;
    problems.push({ api, message: problemOf(api, r.reason) });
    return [];
  };
  const all = [...listed("data-exports", exports), ...listed("legacy-cur", legacy)];
  return { exports: all.sort((a, b) => Number(a.unreadable !== null) - Number(b.unreadable !== null)), problems };
}
