import { itemFields } from "./item";

// The SQL the console sends to SelectAggregateResourceConfig (Config's advanced query: a subset of
// SELECT with no FROM, no ORDER BY). A full load runs one query per account × region partition,
// found first by a GROUP BY that also counts the buckets (the progress bar's total); an incremental
// pass asks for items captured after the newest capture time stored.

const bucketType = "resourceType = 'AWS::S3::Bucket'";

/** Config's page size for non-aggregation queries is at most 100 (Limit / MaxResults). */
export const pageSize = 100;

/** Accounts and regions with buckets, and how many. */
export const partitionsQuery = `SELECT accountId, awsRegion, COUNT(*) WHERE ${bucketType} GROUP BY accountId, awsRegion`;

const literal = (value: string) => {
  // Values are account ids, regions and ISO times, checked before they reach here; a quote would end the literal.
  if (!/^[\w:.+-]+$/.test(value)) throw new Error(`refusing to put ${JSON.stringify(value)} into a Config query`);
  return `'${value}'`;
};

export function partitionQuery(account: string, region: string): string {
  return `SELECT ${itemFields.join(", ")} WHERE ${bucketType} AND accountId = ${literal(account)} AND awsRegion = ${literal(region)}`;
}

export function changedSinceQuery(capturedAfter: string): string {
  return `SELECT ${itemFields.join(", ")} WHERE ${bucketType} AND configurationItemCaptureTime > ${literal(capturedAfter)}`;
}

export type Partition = { account: string; region: string; count: number };

/** A row of partitionsQuery's Results: {"accountId":…,"awsRegion":…,"COUNT(*)":n}. */
export function parsePartition(result: string): Partition {
  const row = JSON.parse(result) as Record<string, unknown>;
  const count = row["COUNT(*)"];
  if (typeof row.accountId !== "string" || typeof row.awsRegion !== "string" || typeof count !== "number")
    throw new Error(`a partition row has an unexpected shape: ${result.slice(0, 200)}`);
  return { account: row.accountId, region: row.awsRegion, count };
}
