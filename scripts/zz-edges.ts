import { sourceFiles, importGraph, libFolderOf } from "./import-graph";
const root = process.cwd();
const files = sourceFiles(root, ["app", "components", "lib", "scripts", "bench", "tests", "e2e"]);
const edges = importGraph(root, files);
const m = new Map<string, Set<string>>();
for (const e of edges) { const a = libFolderOf(e.from) ?? e.from.split("/")[0]!, b = libFolderOf(e.to) ?? e.to.split("/")[0]!; if (a !== b) { if (!m.has(a)) m.set(a, new Set()); m.get(a)!.add(b); } }
for (const [a, bs] of [...m].sort()) console.log(a.padEnd(16), [...bs].sort().join(" "));
const arg = process.argv[2]; if (arg) for (const e of edges) if (e.from.startsWith(arg) || e.to.startsWith(arg)) console.log(e.from, "->", e.to, e.typeOnly ? "(type)" : "");
