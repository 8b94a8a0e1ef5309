import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import {
  accessProblems,
  authJsRoute,
  handlersOf,
  readmePath,
  routeTable,
  routeTableMarkdown,
  withRouteTable,
} from "./route-table";

const rows = await routeTable();

test("every non-GET handler under app/api is a mutation, a stop or same-origin-only; every GET only reads", () => {
  assert.ok(rows.length >= 40, `found only ${rows.length} handlers`);
  assert.ok(rows.filter((r) => r.method !== "GET").length >= 15);
  assert.deepEqual(accessProblems(rows), []);
  assert.deepEqual(
    rows.filter((r) => r.access === null).map((r) => `${r.method} ${r.file}`),
    [`GET ${authJsRoute}`, `POST ${authJsRoute}`],
    "only Auth.js's own endpoints are not route() handlers",
  );
});

// The check reads the module's exports, so the syntax of the export does not matter: a function declaration
// (`export async function POST`), a const, or a route() handler with too weak a rule are all seen.
const fixtures: [string, Record<string, unknown>, RegExp | null][] = [
  ["export async function POST", { POST: async function POST() {} }, /not made by route\(\)/],
  ["export const PUT = async () => …", { PUT: async () => new Response() }, /not made by route\(\)/],
  ["a DELETE made by route() with no rule", { DELETE: Object.assign(async () => {}, { access: "read" }) }, /read/],
  ["a GET that claims to change state", { GET: Object.assign(async () => {}, { access: "change" }) }, /a GET/],
  ["a POST mutation", { POST: Object.assign(async () => {}, { access: "change" }) }, null],
  ["a POST stop", { POST: Object.assign(async () => {}, { access: "stop" }) }, null],
  ["a same-origin POST", { POST: Object.assign(async () => {}, { access: "spend" }) }, null],
];
for (const [name, mod, problem] of fixtures) {
  test(`the access check on ${name}: ${problem ? "refused" : "accepted"}`, () => {
    const found = accessProblems(handlersOf("app/api/x/route.ts", mod));
    if (problem) assert.match(found.join("\n"), problem);
    else assert.deepEqual(found, []);
  });
}

test("the README's per-role route list is the one the handlers give", async () => {
  const readme = readFileSync(readmePath, "utf8");
  const expected = await withRouteTable(readme, routeTableMarkdown(rows));
  assert.ok(readme === expected, "README.md's route table is stale: run scripts/route-table.ts (see its header)");
  for (const r of rows.filter((r) => r.file !== authJsRoute)) assert.ok(readme.includes(`\`${r.method} ${r.path}\``));
});
