import { z } from "zod";
import { awsRegionsByPartition } from "./aws-regions";

// The one region rule: a region the AWS SDK's endpoint data knows (lib/contracts/aws-regions.ts, generated from it).
// A shape check alone let made-up names such as zz-abc-1 through, and each one cost a new AWS client.

const known = new Set(Object.values(awsRegionsByPartition).flat());

export function isAwsRegion(value: string): boolean {
  return known.has(value);
}

export const awsRegionSchema = z
  .string()
  .max(32)
  .refine(isAwsRegion, "must be an AWS region the SDK knows, such as us-east-1");
