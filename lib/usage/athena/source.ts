import "server-only";
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  type GetQueryResultsCommandOutput,
  type StartQueryExecutionCommandOutput,
} from "@aws-sdk/client-athena";
import { AppError } from "@/lib/contracts/errors";
import { awsErrorName } from "@/lib/aws/errors";
import type { AwsOperation } from "@/lib/aws/iam-actions";
import { actionNamed, awsCallError } from "@/lib/aws/send";
import { checkHeader, rowsToAggregate, scanCostUsd, type ResultRow } from "./results";
import {
  createDatabaseSql,
  createTableSql,
  usageColumns,
  usageQuerySql,
  type AthenaTable,
  type TrailTableSpec,
} from "./sql";
import { commitAthenaRefresh, recordAthenaQuery, type AthenaQueryRecord } from "@/lib/usage/store/athena-store";
import type { Clock } from "@/lib/usage/cloudtrail/lookup-events";

// Source 3: Athena reads the trail's logs where they are; only the hourly aggregates come
// back. A query is started, polled with growing pauses until Athena says it is done, and its
// results are paged in (the first row of the first page is the header). A refresh replaces
// its window's rows, so running it again never counts twice. The bill's Athena read
// (lib/usage/bill/athena-bill.ts) runs its query and pages its results through the same two functions.

export type AthenaSender = {
  send(command: StartQueryExecutionCommand): Promise<StartQueryExecutionCommandOutput>;
  send(command: GetQueryExecutionCommand): Promise<GetQueryExecutionCommandOutput>;
  send(command: GetQueryResultsCommand): Promise<GetQueryResultsCommandOutput>;
};

/** Where queries run: the workgroup, and the results location unless the workgroup enforces its own. */
export type AthenaTarget = { workgroup: string; outputLocation?: string };

type QueryOutcome = { queryId: string; state: string; dataScannedBytes: number; reason: string | null };

const pollDelaysMs = [250, 500, 1_000, 2_000, 4_000];
const maxPollDelayMs = 5_000;
const terminal = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/** Athena's own explanation (bad SQL, missing database, no output location) is the message a user can act on. */
function athenaError(err: unknown, operation: AwsOperation, resource: string): AppError {
  if (awsErrorName(err) === "InvalidRequestException") {
    return new AppError("check_failed", `Athena refused ${operation}: ${(err as Error).message}`, {
      action: actionNamed(operation),
    });
  }
  return awsCallError(err, operation, resource);
}

/** Starts `sql` and waits for Athena to finish it. Throws only when Athena cannot be asked; a failed query is an outcome. */
export async function runQuery(
  client: AthenaSender,
  target: AthenaTarget,
  sql: string,
  clock: Clock,
  maxWaitMs = 30 * 60_000,
): Promise<QueryOutcome> {
  let queryId: string | undefined;
  try {
    queryId = (
      await client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: target.workgroup,
          ...(target.outputLocation ? { ResultConfiguration: { OutputLocation: target.outputLocation } } : {}),
        }),
      )
    ).QueryExecutionId;
  } catch (err) {
    throw athenaError(err, "StartQueryExecution", `workgroup ${target.workgroup}`);
  }
  if (!queryId) throw new AppError("internal", "Athena started a query without naming it.");
  const startedAt = clock.now();
  for (let poll = 0; ; poll++) {
    let execution;
    try {
      execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }))).QueryExecution;
    } catch (err) {
      throw athenaError(err, "GetQueryExecution", `query ${queryId}`);
    }
    const state = execution?.Status?.State ?? "UNKNOWN";
    if (terminal.has(state)) {
      const reason = execution?.Status?.AthenaError?.ErrorMessage ?? execution?.Status?.StateChangeReason ?? null;
      return { queryId, state, dataScannedBytes: execution?.Statistics?.DataScannedInBytes ?? 0, reason };
    }
    if (clock.now() - startedAt > maxWaitMs) {
      throw new AppError(
        "check_failed",
        `Athena query ${queryId} is still ${state.toLowerCase()} ` +
          `after ${Math.round(maxWaitMs / 60_000)} minutes; the usage store was not changed. Look ` +
          `at the query in the Athena console.`,
      );
    }
    await clock.sleep(pollDelaysMs[poll] ?? maxPollDelayMs);
  }
}

/** Every result row of a finished query, its header checked against `columns` and dropped. */
export async function queryRows(
  client: AthenaSender,
  queryId: string,
  columns: readonly string[] = usageColumns,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  let token: string | undefined;
  let first = true;
  do {
    let page;
    try {
      page = await client.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryId, NextToken: token, MaxResults: 1000 }),
      );
    } catch (err) {
      throw athenaError(err, "GetQueryResults", `query ${queryId}`);
    }
    for (const row of page.ResultSet?.Rows ?? []) {
      const values = (row.Data ?? []).map((d) => d.VarCharValue);
      if (first) checkHeader(values, columns);
      else rows.push(values);
      first = false;
    }
    token = page.NextToken;
  } while (token);
  if (first)
    throw new AppError(
      "check_failed",
      `Athena query ${queryId} returned no header row; the usage store was not changed.`,
    );
  return rows;
}

/** A query that did not succeed, as the error a user reads (`store`: what was left as it was). */
export function failed(outcome: QueryOutcome, what: string, store = "usage store"): AppError {
  const reason = outcome.reason ? `: ${outcome.reason}` : "";
  return new AppError(
    "check_failed",
    `Athena query ${outcome.queryId} (${what}) ${outcome.state === "CANCELLED" ? "was cancelled" : "failed"}${reason}. The ${store} was not changed.`,
    {
      queryId: outcome.queryId,
    },
  );
}

type RefreshOptions = {
  client: AthenaSender;
  target: AthenaTarget;
  table: AthenaTable;
  account: string;
  /** Whose rows the window's result replaces: the account, and '' for the console's own account's older rows. */
  replaces: readonly string[];
  fromHour: number;
  toHour: number;
  pricePerTb: number;
  clock: Clock;
};

/** One refresh: the window's aggregates from Athena replace the store's, recorded with the query's id, bytes and cost. */
export async function refreshFromAthena(o: RefreshOptions): Promise<AthenaQueryRecord> {
  const outcome = await runQuery(o.client, o.target, usageQuerySql(o.table, o.fromHour, o.toHour), o.clock);
  const base = {
    queryId: outcome.queryId,
    account: o.account,
    purpose: "refresh" as const,
    state: outcome.state,
    fromHour: o.fromHour,
    toHour: o.toHour,
    dataScannedBytes: outcome.dataScannedBytes,
    // Athena bills the data a cancelled query scanned, not a failed one.
    costUsd: outcome.state === "FAILED" ? 0 : scanCostUsd(outcome.dataScannedBytes, o.pricePerTb),
    finishedAt: new Date(o.clock.now()).toISOString(),
  };
  if (outcome.state !== "SUCCEEDED") {
    recordAthenaQuery({ ...base, requests: 0, reason: outcome.reason });
    throw failed(outcome, "usage refresh");
  }
  const aggregate = rowsToAggregate(await queryRows(o.client, outcome.queryId));
  const record = { ...base, requests: aggregate.events, reason: null };
  commitAthenaRefresh(record, o.replaces, aggregate);
  return record;
}

/** Creates the database (if missing) and the trail's table: run only after the user confirmed the SQL shown. */
export async function createUsageTable(o: {
  client: AthenaSender;
  target: AthenaTarget;
  spec: TrailTableSpec;
  account: string;
  clock: Clock;
}): Promise<string[]> {
  const ids: string[] = [];
  for (const [sql, what] of [
    [createDatabaseSql(o.spec.database), "create database"],
    [createTableSql(o.spec), "create table"],
  ] as const) {
    const outcome = await runQuery(o.client, o.target, sql, o.clock);
    recordAthenaQuery({
      queryId: outcome.queryId,
      account: o.account,
      purpose: "create-table",
      state: outcome.state,
      fromHour: null,
      toHour: null,
      dataScannedBytes: outcome.dataScannedBytes,
      costUsd: 0,
      requests: 0,
      reason: outcome.reason,
      finishedAt: new Date(o.clock.now()).toISOString(),
    });
    if (outcome.state !== "SUCCEEDED") throw failed(outcome, what);
    ids.push(outcome.queryId);
  }
  return ids;
}
