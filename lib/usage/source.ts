import "server-only";
import { isAwsRegion } from "@/lib/contracts/region";
import { currentAccountId } from "@/lib/accounts/accounts";
import { AppError } from "@/lib/contracts/errors";
import {
  usageSourceSettingsSchema,
  type UsageSourceSettings,
  type UsageSourceStatus,
} from "@/lib/contracts/usage-source";
import { athenaClient } from "@/lib/aws/clients";
import { createUsageTable } from "@/lib/usage/athena/source";
import { createDatabaseSql, createTableSql, trailRegions, type TrailTableSpec } from "@/lib/usage/athena/sql";
import { athenaQueries } from "@/lib/usage/store/athena-store";
import { describeTrails, findTrailLocations } from "@/lib/usage/cloudtrail/log-files";
import { systemClock } from "@/lib/usage/cloudtrail/lookup-events";
import { recommendSource } from "./source-recommendation";
import { readSetting, writeSetting } from "@/lib/usage/store/settings";
import { trailLayout, trailSize, type TrailLayout } from "@/lib/usage/cloudtrail/trail-layout";

// Each account's usage source, kept in the usage store's settings, and the Athena table that
// the Athena source reads: shown as SQL first, created only when the user confirms that SQL.

const defaults = (account: string): UsageSourceSettings => ({
  source: "automatic",
  athena: {
    workgroup: "primary",
    outputLocation: "",
    database: "bucket_key_console",
    table: `cloudtrail_kms_${account}`,
    scanPricePerTb: 5,
    windowDays: 30,
  },
});

/** The table as it was created: refreshes read this one, whatever the settings say since. */
type CreatedTable = { database: string; table: string; region: string; createdAt: string };

const sourceKey = (account: string) => `usage-source:${account}`;
const tableKey = (account: string) => `athena-table:${account}`;

export function readUsageSource(account: string): UsageSourceSettings {
  const raw = readSetting(sourceKey(account));
  if (!raw) return defaults(account);
  const parsed = usageSourceSettingsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : defaults(account);
}

export function createdTable(account: string): CreatedTable | null {
  const raw = readSetting(tableKey(account));
  return raw ? (JSON.parse(raw) as CreatedTable) : null;
}

/** The first trail that holds this account's logs, and where in its bucket. */
async function findLayout(account: string): Promise<TrailLayout | null> {
  for (const location of findTrailLocations(await describeTrails())) {
    const layout = await trailLayout(location, account);
    if (layout) return layout;
  }
  return null;
}

function tableSpec(layout: TrailLayout, account: string, settings: UsageSourceSettings): TrailTableSpec {
  // Every region CloudTrail delivers from, plus any folder the trail already has (a region newer than this list).
  const regions = [...new Set([...trailRegions, ...layout.regions.filter(isAwsRegion)])];
  const { database, table } = settings.athena;
  return {
    database,
    table,
    bucket: layout.location.bucket,
    prefix: layout.location.prefix,
    account,
    orgId: layout.orgId,
    regions,
  };
}

const tableSql = (spec: TrailTableSpec) => [createDatabaseSql(spec.database), createTableSql(spec)];

export async function usageSourceStatus(): Promise<UsageSourceStatus> {
  const account = await currentAccountId();
  const settings = readUsageSource(account);
  const layout = await findLayout(account);
  const size = layout ? await trailSize(layout, account, Date.now()) : null;
  const created = createdTable(account);
  const current =
    created && created.database === settings.athena.database && created.table === settings.athena.table
      ? created
      : null;
  return {
    account,
    settings,
    recommendation: {
      ...recommendSource(size, settings.athena),
      trail: size?.trail ?? null,
      bytesPerDay: size?.bytesPerDay ?? null,
    },
    table: {
      sql: layout ? tableSql(tableSpec(layout, account, settings)) : null,
      createdAt: current?.createdAt ?? null,
    },
    queries: athenaQueries(account),
  };
}

export async function saveUsageSource(settings: UsageSourceSettings): Promise<UsageSourceStatus> {
  writeSetting(sourceKey(await currentAccountId()), JSON.stringify(settings));
  return usageSourceStatus();
}

/** Runs the statements the user confirmed, provided they are still what the console would run. */
export async function createAthenaTable(confirmed: readonly string[]): Promise<UsageSourceStatus> {
  const account = await currentAccountId();
  const settings = readUsageSource(account);
  const layout = await findLayout(account);
  if (!layout)
    throw new AppError(
      "check_failed",
      "No trail delivers this account's logs to S3: an Athena table needs a trail's log location.",
    );
  const spec = tableSpec(layout, account, settings);
  if (JSON.stringify(tableSql(spec)) !== JSON.stringify(confirmed)) {
    throw new AppError(
      "conflict",
      "The table's SQL has changed since it was shown (the trail or the settings changed). Review the new SQL and confirm again.",
    );
  }
  const { workgroup, outputLocation } = settings.athena;
  await createUsageTable({
    client: athenaClient(layout.bucketRegion),
    target: { workgroup, outputLocation },
    spec,
    account,
    clock: systemClock,
  });
  const created: CreatedTable = {
    database: spec.database,
    table: spec.table,
    region: layout.bucketRegion,
    createdAt: new Date().toISOString(),
  };
  writeSetting(tableKey(account), JSON.stringify(created));
  return usageSourceStatus();
}
