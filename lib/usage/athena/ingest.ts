import "server-only";
import { currentAccount } from "@/lib/aws/account-context";
import { AppError } from "@/lib/contracts/errors";
import { athenaClient } from "@/lib/aws/clients";
import { refreshFromAthena } from "./source";
import { lastAthenaRefresh } from "@/lib/usage/store/athena-store";
import type { IngestProgress } from "@/lib/usage/cloudtrail/ingest-files";
import { systemClock } from "@/lib/usage/cloudtrail/lookup-events";
import { refreshWindow } from "@/lib/usage/source-recommendation";
import { createdTable, readUsageSource } from "@/lib/usage/source";

/** The ingestion run's step for an account whose source is Athena: one query over the refresh window. */
export async function ingestFromAthena(account: string): Promise<IngestProgress> {
  const table = createdTable(account);
  if (!table)
    throw new AppError(
      "check_failed",
      "Athena is this account's usage source, but its table has not been created yet: review and create it in Settings → Usage source.",
    );
  const { workgroup, outputLocation, scanPricePerTb, windowDays } = readUsageSource(account).athena;
  const window = refreshWindow(systemClock.now(), lastAthenaRefresh(account)?.toHour ?? null, windowDays);
  const record = await refreshFromAthena({
    client: athenaClient(table.region),
    target: { workgroup, outputLocation },
    table,
    account,
    // Rows stored before accounts were recorded ('') are the console's own account's.
    replaces: currentAccount()?.roleArn ? [account] : [account, ""],
    ...window,
    pricePerTb: scanPricePerTb,
    clock: systemClock,
  });
  return { filesDone: 1, filesTotal: 1, events: record.requests, ignored: 0, errors: 0 };
}
