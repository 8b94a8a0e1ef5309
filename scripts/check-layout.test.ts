import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import test from "node:test";
import { ESLint } from "eslint";
import { layoutProblems } from "./check-layout";
import { cycles, importGraph, importsOf, sourceFiles } from "./import-graph";

const edge = (from: string, to: string, typeOnly = false) => ({ from, to, typeOnly });

test("imports are read with their kind: type-only ones load nothing", () => {
  const found = importsOf(
    "x.ts",
    [
      'import "server-only";',
      'import type { A } from "./a";',
      'import { type B, type C } from "./b";',
      'import { type D, e } from "./d";',
      'import f, { type G } from "./f";',
      'export type { H } from "./h";',
      'export { i } from "./i";',
      'const j = await import("./j");',
    ].join("\n"),
  );
  assert.deepEqual(found, [
    { specifier: "server-only", typeOnly: false },
    { specifier: "./a", typeOnly: true },
    { specifier: "./b", typeOnly: true },
    { specifier: "./d", typeOnly: false },
    { specifier: "./f", typeOnly: false },
    { specifier: "./h", typeOnly: true },
    { specifier: "./i", typeOnly: false },
    { specifier: "./j", typeOnly: false },
  ]);
});

test("cycles are the strongly connected parts of the graph", () => {
  assert.deepEqual(cycles([edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("c", "d"), edge("d", "d")]), [
    ["a", "b", "c"],
  ]);
  assert.deepEqual(cycles([edge("a", "b"), edge("b", "c"), edge("a", "c")]), []);
  assert.deepEqual(cycles([edge("x", "y"), edge("y", "x"), edge("a", "b"), edge("b", "a")]), [
    ["a", "b"],
    ["x", "y"],
  ]);
});

test("a cycle between two files is named with the imports that make it", () => {
  const problems = layoutProblems([
    edge("lib/aws/clients.ts", "lib/aws/role.ts"),
    edge("lib/aws/role.ts", "lib/aws/clients.ts"),
  ]);
  assert.deepEqual(problems, [
    "Import cycle between files:\n    lib/aws/clients.ts → lib/aws/role.ts\n    lib/aws/role.ts → lib/aws/clients.ts",
  ]);
});

test("a cycle between lib folders is one even when no file cycle exists", () => {
  const problems = layoutProblems([
    edge("lib/encryption/preflight.ts", "lib/usage/reports/savings.ts"),
    edge("lib/usage/ingest.ts", "lib/encryption/apply.ts"),
  ]);
  assert.deepEqual(problems, [
    "Import cycle between lib folders lib/encryption, lib/usage:\n" +
      "    lib/encryption/preflight.ts → lib/usage/reports/savings.ts\n" +
      "    lib/usage/ingest.ts → lib/encryption/apply.ts",
  ]);
});

test("type-only imports make cycles too; files outside lib and unit tests make no folder cycle", () => {
  assert.equal(
    layoutProblems([
      edge("lib/runtime/process-wide.ts", "lib/accounts/accounts-file.ts", true),
      edge("lib/accounts/accounts.ts", "lib/runtime/env.ts"),
    ]).length,
    1,
  );
  assert.deepEqual(
    layoutProblems([
      edge("lib/accounts/accounts.ts", "lib/runtime/env.ts"),
      edge("lib/http/route.ts", "lib/accounts/accounts.ts"),
      edge("app/api/x/route.ts", "lib/http/route.ts"),
      edge("lib/inventory/store.ts", "app/api/x/route.ts"),
      edge("lib/http/route.test.ts", "lib/http/route.ts"),
      edge("lib/runtime/env.test.ts", "lib/http/route.ts"),
    ]),
    [],
  );
});

test("the graph resolves the tsconfig alias, relative paths and .mjs beside its .d.mts", () => {
  const root = mkdtempSync(path.join(tmpdir(), "layout-"));
  try {
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write(
      "tsconfig.json",
      JSON.stringify({ compilerOptions: { moduleResolution: "bundler", paths: { "@/*": ["./*"] } } }),
    );
    write("lib/a/one.ts", 'import { two } from "@/lib/b/two";\nimport { helper } from "./helper.mjs";\nimport "zod";');
    write("lib/a/helper.mjs", "export const helper = 1;");
    write("lib/a/helper.d.mts", "export const helper: number;");
    write("lib/b/two.ts", 'import type { One } from "../a/one";\nexport const two = 2;');
    write("node_modules/zod/index.js", "");
    assert.deepEqual(sourceFiles(root, ["lib"]), ["lib/a/helper.mjs", "lib/a/one.ts", "lib/b/two.ts"]);
    assert.deepEqual(importGraph(root, sourceFiles(root, ["lib"])), [
      edge("lib/a/one.ts", "lib/b/two.ts"),
      edge("lib/a/one.ts", "lib/a/helper.mjs"),
      edge("lib/b/two.ts", "lib/a/one.ts", true),
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// The folder rules are eslint's (eslint.config.mjs): each is tried here on a file that breaks it.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });
async function flagged(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.line}:${m.ruleId}`);
}

test("lib/contracts imports nothing of ours but contracts, and nothing server-only", async () => {
  const code = [
    'import { AppError } from "@/lib/contracts/errors";',
    'import { bucketName } from "./bucket-name";',
    'import "server-only";',
    'import { S3Client } from "@aws-sdk/client-s3";',
    'import { serverEnv } from "@/lib/runtime/env";',
    'import { useHealth } from "@/lib/client/use-health";',
    'import { getInventory } from "../buckets/inventory";',
    'import { Button } from "@/components/ui/button";',
    "export const all = [AppError, bucketName, S3Client, serverEnv, useHealth, getInventory, Button];",
  ].join("\n");
  assert.deepEqual(
    await flagged("lib/contracts/example.ts", code),
    [3, 4, 5, 6, 7, 8].map((l) => `${l}:no-restricted-imports`),
  );
});

test("browser code imports contracts and lib/client, never server, AWS or domain modules", async () => {
  const code = [
    'import type { Inventory } from "@/lib/contracts/inventory";',
    'import { useHealth } from "@/lib/client/use-health";',
    'import { signOutAction } from "@/lib/http/auth/actions";',
    'import { serverEnv } from "@/lib/runtime/env";',
    'import { s3Client } from "@/lib/aws/clients";',
    'import type { BucketPosture } from "@/lib/inventory/posture";',
    'import { bucketSaving } from "../../lib/cost/savings";',
    'import { S3Client } from "@aws-sdk/client-s3";',
    "export const all = [useHealth, signOutAction, serverEnv, s3Client, bucketSaving, S3Client] as unknown as [Inventory, BucketPosture];",
  ].join("\n");
  const expected = [4, 5, 6, 7, 8].map((l) => `${l}:no-restricted-imports`);
  assert.deepEqual(await flagged("components/example/example.tsx", code), expected);
  assert.deepEqual(await flagged("lib/client/example.ts", code.replace("../../lib/cost", "../cost")), expected);
});

test("components make no requests themselves", async () => {
  const code = [
    'import { ApiError, sendJson } from "@/lib/client/fetch-json";',
    "export async function load(refetch: () => void) {",
    '  await fetch("/api/health");',
    '  await window.fetch("/api/health");',
    "  refetch();",
    "  return [ApiError, sendJson];",
    "}",
  ].join("\n");
  assert.deepEqual(await flagged("components/example/example.tsx", code), [
    "1:no-restricted-syntax",
    "3:no-restricted-globals",
    "4:no-restricted-properties",
  ]);
});

test("server code never imports browser code, and only app/ imports the web roof", async () => {
  const code = [
    'import { route } from "@/lib/http/route";',
    'import { useHealth } from "@/lib/client/use-health";',
    'import { Button } from "@/components/ui/button";',
    'import { serverEnv } from "@/lib/runtime/env";',
    "export const all = [route, useHealth, Button, serverEnv];",
  ].join("\n");
  assert.deepEqual(
    await flagged("lib/inventory/example.ts", code),
    [1, 2, 3].map((l) => `${l}:no-restricted-imports`),
  );
  const session = 'import { currentUser } from "@/lib/http/auth/session";\nexport const who = currentUser;';
  assert.deepEqual(await flagged("lib/changes/example.ts", session), ["1:no-restricted-imports"]);
  const handler = 'import { route } from "@/lib/http/route";\nexport const GET = route({}, async () => ({}));';
  assert.deepEqual(await flagged("app/api/example/route.ts", handler), []);
});

test("the runtime floor imports lib/contracts only", async () => {
  const code = [
    'import { z } from "zod";',
    'import { accountIdSchema } from "@/lib/contracts/accounts";',
    'import { processWide } from "@/lib/runtime/process-wide";',
    'import { s3Client } from "@/lib/aws/clients";',
    'import { route } from "@/lib/http/route";',
    'import { storedPosture } from "../inventory/store";',
    "export const all = [z, accountIdSchema, processWide, s3Client, route, storedPosture];",
  ].join("\n");
  assert.deepEqual(
    await flagged("lib/runtime/example.ts", code),
    [4, 5, 6].map((l) => `${l}:no-restricted-imports`),
  );
});
