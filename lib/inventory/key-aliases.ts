import "server-only";
import type { BucketPosture } from "@/lib/contracts/inventory";
import { inventoryDb } from "./store";

// The alias of KMS keys known from the inventory: a bucket whose default encryption uses the key
// was read with its alias (lib/kms). Reports name keys by alias like every other page, without
// asking KMS: they answer from the stores.

/** key ARN → alias, for the keys some scanned bucket names with an alias; the others are left out. */
export function keyAliases(keyArns: readonly string[]): Map<string, string> {
  const d = inventoryDb();
  // inventory_keys holds one lower-cased search text per distinct key reference (alias, ARN, as written).
  const keys = d.prepare("SELECT id FROM inventory_keys WHERE instr(search, ?) > 0");
  const oneBucket = d.prepare("SELECT posture_json FROM inventory_buckets WHERE key_id = ? LIMIT 1");
  const aliases = new Map<string, string>();
  for (const arn of keyArns) {
    for (const { id } of keys.all(arn.toLowerCase()) as { id: number }[]) {
      const row = oneBucket.get(id) as { posture_json: string } | undefined;
      const e = row ? (JSON.parse(row.posture_json) as BucketPosture).encryption : null;
      if (e?.kmsKeyArn === arn && e.kmsKeyAlias) {
        aliases.set(arn, e.kmsKeyAlias);
        break;
      }
    }
  }
  return aliases;
}
