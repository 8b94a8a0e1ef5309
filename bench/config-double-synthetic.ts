// The Config double with a generated organization, as a process of its own for bench/config-load.ts:
// `node --import tsx bench/config-double-synthetic.ts <moto> <per-partition> <latency-ms> <accounts> <regions>`
// prints "config-double <url>"; POST /__double/touch?n= changes n buckets (a new capture time each).
import { syntheticSource } from "../scripts/config-double/items";
import { startConfigDouble } from "../scripts/config-double/server";

const [moto, perPartition, latency, accounts, regions] = process.argv.slice(2);
const accountIds = accounts!.split(",");
const regionList = regions!.split(",");
const source = syntheticSource(Number(perPartition));
const double = await startConfigDouble({
  moto: moto!,
  source,
  pageLatencyMs: Number(latency),
  control: (name, params) => {
    if (name !== "touch") return { error: `unknown control ${name}` };
    source.touch(accountIds, regionList, Number(params.get("n")));
    return { touched: Number(params.get("n")) };
  },
});
console.log(`config-double ${double.url}`);
