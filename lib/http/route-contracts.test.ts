import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";

// Every API handler goes through route() and names its response schema, so its answer is typed by
// the contract the client parses. tsc already refuses a route() call without `response`; this
// test also catches a handler exported without route() at all.

const apiDir = path.join(process.cwd(), "app", "api");
const methods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
/** Auth.js owns these handlers and their answers (HTML pages, redirects, its own JSON). */
const notRouteCalls = new Set(["auth/[...nextauth]/route.ts"]);

const routeFiles = readdirSync(apiDir, { recursive: true })
  .map(String)
  .filter((f) => path.basename(f) === "route.ts")
  .sort();

/** For each exported HTTP method: "ok", or what is wrong with it. */
function handlerProblems(file: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(path.join(apiDir, file), "utf8"), ts.ScriptTarget.Latest);
  const found = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !methods.has(d.name.text)) continue;
      found.set(d.name.text, problemOf(d.initializer));
    }
  }
  return found;
}

function problemOf(init: ts.Expression | undefined): string {
  if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== "route")
    return "is not a route() call";
  const spec = init.arguments[0];
  if (!spec || !ts.isObjectLiteralExpression(spec)) return "passes no spec object literal to route()";
  const names = spec.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ""));
  return names.includes("response") ? "ok" : "has no response schema";
}

test("every app/api route handler is a route() call that names its response schema", () => {
  assert.ok(routeFiles.length >= 20, `found only ${routeFiles.length} route files under app/api`);
  const problems: string[] = [];
  for (const file of routeFiles.filter((f) => !notRouteCalls.has(f))) {
    const handlers = handlerProblems(file);
    if (handlers.size === 0) problems.push(`${file}: exports no HTTP method`);
    for (const [method, problem] of handlers) if (problem !== "ok") problems.push(`${file} ${method} ${problem}`);
  }
  assert.deepEqual(problems, []);
});

test("the check sees a handler without a response schema, and one not made by route()", () => {
  const check = (code: string) =>
    problemOf(
      (ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest).statements[0] as ts.VariableStatement).declarationList
        .declarations[0]!.initializer,
    );
  assert.equal(check("const GET = route({ params: p }, h);"), "has no response schema");
  assert.equal(check("const GET = handlers.GET;"), "is not a route() call");
  assert.equal(check("const GET = route(spec, h);"), "passes no spec object literal to route()");
  assert.equal(check("const GET = route({ response: s }, h);"), "ok");
});

test("the exempt routes still exist, so the exemption cannot outlive its reason", () => {
  for (const file of notRouteCalls) assert.ok(routeFiles.includes(file), `${file} is gone: drop its exemption`);
});
