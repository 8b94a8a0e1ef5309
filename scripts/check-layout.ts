// `npm test`'s layout check: no import cycle between our files, and none between lib/ folders. Which folder may
// import which is eslint's part (eslint.config.mjs); this is the part eslint cannot see, since a cycle is a
// property of the whole graph. Type-only imports count too: they load nothing, but a reader untangles them all the same.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cycles, edgesWithin, importGraph, libFolderOf, sourceFiles, type ImportEdge } from "./import-graph";

const checkedDirs = ["app", "components", "lib", "scripts", "bench", "tests", "e2e"];

/** The layer a file counts in for the folder check: its lib/ folder. A unit test sits above what it tests. */
function layerOf(file: string): string | null {
  return file.endsWith(".test.ts") ? null : libFolderOf(file);
}

/** Every import counts, type-only ones included: a cycle of types is still one a reader has to untangle. */
export function layoutProblems(edges: ImportEdge[]): string[] {
  const problems = cycles(edges).map(
    (cycle) => `Import cycle between files:\n    ${edgesWithin(cycle, edges).join("\n    ")}`,
  );
  const between = edges.flatMap((e) => {
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
