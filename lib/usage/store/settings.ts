import "server-only";
import { database } from "@/lib/runtime/db";
import { usageDb } from "./schema";

// Named settings kept in the usage store (pricing, the usage source per account): JSON text the owning module
// parses. A write counts as a change of the store, so reports computed from the old value are not served again.

export function readSetting(name: string): string | undefined {
  return (
    usageDb().prepare("SELECT value FROM usage_settings WHERE name = ?").get(name) as { value: string } | undefined
  )?.value;
}

export function writeSetting(name: string, value: string): void {
  usageDb()
    .prepare(
      "INSERT INTO usage_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )
    .run(name, value);
  database.usageWrites++;
}
