import { z } from "zod";
import { awsRegionsByPartition } from "./aws-regions";

// The one region rule: a region the AWS SDK's endpoint data knows (lib/contracts/aws-regions.ts, generated from it).
// A shape check alone let made-up names such as zz-abc-1 through, and each one cost a new AWS client.

const partitionOf = new Map(
  Object.entries(awsRegionsByPartition).flatMap(([partition, regions]) => regions.map((r) => [r, partition] as const)),
);

export function isAwsRegion(value: string): boolean {
  return partitionOf.has(value);
}

/** The partition (aws, aws-cn, aws-us-gov, …) of a known region; undefined for any other string. */
export function regionPartition(region: string): string | undefined {
  return partitionOf.get(region);
}

export const awsRegionSchema = z
  .string()
  .max(32)
  .refine(isAwsRegion, "must be an AWS region the SDK knows, such as us-east-1");
