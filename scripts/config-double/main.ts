// Starts the Config double as a process of its own (the demo and e2e run it in front of moto):
// `node --import tsx scripts/config-double/main.ts <forward-to> <moto>` prints "config-double <url>".
import { motoSource } from "./items";
import { startConfigDouble } from "./server";

const [forwardTo, moto] = process.argv.slice(2);
if (!forwardTo || !moto) {
  console.error("usage: main.ts <url requests are forwarded to> <moto url the items are read from>");
  process.exit(2);
}
const double = await startConfigDouble({ moto: forwardTo, source: motoSource(moto) });
console.log(`config-double ${double.url}`);
