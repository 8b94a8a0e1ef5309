// The subset of AWS Config's advanced query language the double answers: SELECT of dotted property
// paths (or COUNT(*)), WHERE with comparisons joined by AND, optional GROUP BY. Anything else is an
// InvalidExpressionException, as Config answers a query it cannot parse. Config's own limits (no
// FROM, no ORDER BY…) are in its developer guide, "Query components".

export type Condition = { path: string; op: "=" | "!=" | "<>" | ">" | ">=" | "<" | "<="; value: string };
export type Query = { fields: string[]; where: Condition[]; groupBy: string[] | null };

export class InvalidExpression extends Error {}

const conditionPattern = /^([A-Za-z][\w.]*)\s*(=|!=|<>|>=|<=|>|<)\s*'([^']*)'$/;

export function parseQuery(expression: string): Query {
  const m = /^\s*SELECT\s+(.+?)\s+WHERE\s+(.+?)(?:\s+GROUP\s+BY\s+(.+?))?\s*$/is.exec(expression);
  if (!m) throw new InvalidExpression("Expected SELECT <fields> WHERE <conditions> [GROUP BY <fields>]");
  const fields = m[1]!.split(",").map((f) => f.trim());
  if (fields.some((f) => f !== "COUNT(*)" && !/^[A-Za-z][\w.]*$/.test(f)))
    throw new InvalidExpression(`Unsupported select list: ${m[1]}`);
  if (/\bOR\b/i.test(m[2]!)) throw new InvalidExpression("The double answers AND-joined conditions only");
  const where = m[2]!.split(/\s+AND\s+/i).map((c) => {
    const cm = conditionPattern.exec(c.trim());
    if (!cm) throw new InvalidExpression(`Unsupported condition: ${c}`);
    return { path: cm[1]!, op: cm[2] as Condition["op"], value: cm[3]! };
  });
  const groupBy = m[3] ? m[3].split(",").map((f) => f.trim()) : null;
  if (fields.includes("COUNT(*)") && !groupBy) throw new InvalidExpression("COUNT(*) needs GROUP BY here");
  return { fields, where, groupBy };
}

type Json = Record<string, unknown>;

/** The value at a dotted path (first array element when a path crosses an array, as a filter sees it). */
export function valueAt(item: unknown, path: string): unknown {
  let v = item;
  for (const key of path.split(".")) {
    if (Array.isArray(v)) v = v[0];
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Json)[key];
  }
  return v;
}

const isTime = (s: string) => /^\d{4}-\d\d-\d\dT/.test(s);

export function matches(item: unknown, where: readonly Condition[]): boolean {
  return where.every(({ path, op, value }) => {
    const v = valueAt(item, path);
    if (v === undefined || v === null) return op === "!=" || op === "<>";
    // Config compares dates as dates; ISO strings of one format order the same way.
    const [a, b] = isTime(String(v)) && isTime(value) ? [Date.parse(String(v)), Date.parse(value)] : [String(v), value];
    switch (op) {
      case "=":
        return a === b;
      case "!=":
      case "<>":
        return a !== b;
      case ">":
        return a > b;
      case ">=":
        return a >= b;
      case "<":
        return a < b;
      case "<=":
        return a <= b;
    }
  });
}

/** The item cut down to the selected paths, nesting kept and arrays mapped, as Config's Results are. */
export function project(item: unknown, paths: readonly string[]): Json {
  const out: Json = {};
  for (const path of paths) merge(out, pick(item, path.split(".")));
  return out;
}

function pick(v: unknown, keys: string[]): unknown {
  if (keys.length === 0) return v;
  if (Array.isArray(v)) return v.map((e) => pick(e, keys));
  if (typeof v !== "object" || v === null) return undefined;
  const inner = pick((v as Json)[keys[0]!], keys.slice(1));
  return inner === undefined ? {} : { [keys[0]!]: inner };
}

function merge(into: unknown, from: unknown): unknown {
  if (Array.isArray(into) && Array.isArray(from)) return from.map((f, i) => merge(into[i], f));
  if (typeof into === "object" && into !== null && typeof from === "object" && from !== null) {
    for (const [k, v] of Object.entries(from))
      (into as Json)[k] = k in (into as Json) ? merge((into as Json)[k], v) : v;
    return into;
  }
  return from;
}
