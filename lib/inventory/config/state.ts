import "server-only";
import type { ConfigLoad, InventorySourceSettings } from "@/lib/contracts/config-source";
import { migrate } from "@/lib/runtime/db";
import { serverEnv } from "@/lib/runtime/env";
import { inventoryDb } from "../store";

// What the Config source keeps between passes: the setting chosen in Settings, the latest full load
// and incremental pass, and the newest capture time stored (where the next incremental pass starts).
// One small key → JSON table of its own.

const migrations = [`CREATE TABLE inventory_config_state (key TEXT PRIMARY KEY, value_json TEXT NOT NULL)`];

type State = {
  settings: InventorySourceSettings;
  full: ConfigLoad;
  incremental: ConfigLoad;
  capturedUntil: string;
};

function db() {
  const d = inventoryDb();
  migrate(d, "inventory-config", migrations);
  return d;
}

function read<K extends keyof State>(key: K): State[K] | null {
  const row = db().prepare("SELECT value_json FROM inventory_config_state WHERE key = ?").get(key) as
    { value_json: string } | undefined;
  return row ? (JSON.parse(row.value_json) as State[K]) : null;
}

function write<K extends keyof State>(key: K, value: State[K]): void {
  db()
    .prepare(
      `INSERT INTO inventory_config_state (key, value_json) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`,
    )
    .run(key, JSON.stringify(value));
}

/** The source in force: saved in Settings, else CONSOLE_CONFIG_AGGREGATOR, else direct. */
export function inventorySource(): { settings: InventorySourceSettings; origin: "saved" | "env" | "default" } {
  const saved = read("settings");
  if (saved) return { settings: saved, origin: "saved" };
  const env = serverEnv().configAggregator;
  if (env) return { settings: { kind: "config", aggregator: env.name, region: env.region }, origin: "env" };
  return { settings: { kind: "direct" }, origin: "default" };
}

export const saveInventorySource = (settings: InventorySourceSettings) => write("settings", settings);

export const lastPass = (kind: ConfigLoad["kind"]) => read(kind);
export const savePass = (load: ConfigLoad) => write(load.kind, load);

export const capturedUntil = () => read("capturedUntil");
/** Moves the watermark forward only: a pass that saw older items never moves it back. */
export function advanceCapturedUntil(time: string | null): void {
  const current = capturedUntil();
  if (time && (!current || Date.parse(time) > Date.parse(current))) write("capturedUntil", time);
}
