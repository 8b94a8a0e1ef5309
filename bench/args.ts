// The benchmarks' one argument parser: `--name value` or `--name=value` for each option a benchmark declares with
// its default (a number, a string, or false for a flag). An unknown option or a number that is not one stops the
// run with the usage line, rather than measuring something else than was asked for.
import { parseArgs } from "node:util";

type Defaults = Record<string, number | string | boolean>;
type Parsed<D extends Defaults> = {
  [K in keyof D]: D[K] extends boolean ? boolean : D[K] extends number ? number : string;
};

export function benchArgs<D extends Defaults>(usage: string, defaults: D, argv = process.argv.slice(2)): Parsed<D> {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([name, value]) => [
      name,
      { type: typeof value === "boolean" ? "boolean" : "string" },
    ]),
  ) as Record<string, { type: "boolean" | "string" }>;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\nUsage: ${usage}`);
  }
  const parsed: Record<string, number | string | boolean> = {};
  for (const [name, fallback] of Object.entries(defaults)) {
    const given = values[name];
    if (given === undefined) parsed[name] = fallback;
    else if (typeof fallback !== "number") parsed[name] = given;
    else if (given === "" || !Number.isFinite(Number(given)))
      throw new Error(`--${name} must be a number, not "${String(given)}".\nUsage: ${usage}`);
    else parsed[name] = Number(given);
  }
  return parsed as Parsed<D>;
}
