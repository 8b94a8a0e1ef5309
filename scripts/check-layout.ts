// `npm test`'s layout check: no import cycle between our files, and none between lib/ folders. Which folder may
// import which is eslint's part (eslint.config.mjs); this is the part eslint cannot see, since a cycle is a
// property of the whole graph. Type-only imports are left out: they are erased and load nothing.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cycles, edgesWithin, importGraph, libFolderOf, sourceFiles, type ImportEdge } from "./import-graph";

const checkedDirs = ["app", "components", "lib", "scripts", "bench", "tests", "e2e"];

/**
 * The layer a file counts in for the folder check. route() (lib/server/route.ts) is the one file of lib/server
 * above the domain modules: it enters the account a request names (lib/accounts) before the handler runs, while
 * the domains build on the rest of lib/server (env, db, process state). eslint lets only app/ import it. A unit
 * test sits above the module it tests, wherever it is kept.
 */
function layerOf(file: string): string | null {
  if (file.endsWith(".test.ts")) return null;
  return file === "lib/server/route.ts" ? "lib/server/route.ts" : libFolderOf(file);
}

export function layoutProblems(edges: ImportEdge[]): string[] {
  const runtime = edges.filter((e) => !e.typeOnly);
  const problems = cycles(runtime).map(
    (cycle) => `Import cycle between files:\n    ${edgesWithin(cycle, runtime).join("\n    ")}`,
  );
  const between = runtime.flatMap((e) => {
    const [from, to] = [layerOf(e.from), layerOf(e.to)];
    return from && to && from !== to ? [{ from, to, file: e }] : [];
  });
  for (const cycle of cycles(between)) {
    const members = new Set(cycle);
    const imports = between
      .filter((e) => members.has(e.from) && members.has(e.to))
      .map((e) => `${e.file.from} → ${e.file.to}`);
    problems.push(`Import cycle between lib folders ${cycle.join(", ")}:\n    ${imports.join("\n    ")}`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const files = sourceFiles(root, checkedDirs);
  const problems = layoutProblems(importGraph(root, files));
  for (const p of problems) console.error(p);
  console.log(`layout: ${files.length} files, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
}
