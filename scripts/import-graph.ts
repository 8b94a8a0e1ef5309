// The project's import graph as TypeScript resolves it (tsconfig paths such as "@/lib/…" included), and its
// cycles. eslint-plugin-import's import/no-cycle does the file half of this too, but it walks into the AWS
// SDK's sources and took over a minute of CPU per lint; this reads only our own files (about two seconds).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One import of one of our files by another, as paths relative to the project root. */
export type ImportEdge = { from: string; to: string; typeOnly: boolean };

const sourceFile = /\.(ts|tsx|mts|mjs)$/;
const skippedDirs = new Set(["node_modules", ".next", ".venv-moto", "data", "test-results", "playwright-report"]);

/** Our source files under the given top-level folders, relative to root, sorted. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory() && !skippedDirs.has(entry.name) && !entry.name.startsWith(".")) walk(rel);
      else if (entry.isFile() && sourceFile.test(entry.name) && !entry.name.endsWith(".d.mts")) found.push(rel);
    }
  };
  for (const dir of dirs) walk(dir);
  return found.sort();
}

/** The module specifiers a file imports, re-exports or import()s, each marked type-only or not. */
export function importsOf(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      // `import { type A, type B }` loads nothing at run time, just as `import type { A, B }`.
      const allNamedTypes =
        !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && allNamedTypes));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import between the given files, resolved with the compiler options of root/tsconfig.json. */
export function importGraph(root: string, files: string[]): ImportEdge[] {
  const configPath = path.join(root, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const ours = new Set(files);
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const absolute = path.join(root, from);
    for (const { specifier, typeOnly } of importsOf(absolute, readFileSync(absolute, "utf8"))) {
      const resolved = ts.resolveModuleName(specifier, absolute, options, ts.sys).resolvedModule?.resolvedFileName;
      if (!resolved) continue;
      // A .mjs with a .d.mts beside it resolves to the declaration file: the edge goes to the .mjs.
      const to = path
        .relative(root, resolved)
        .split(path.sep)
        .join("/")
        .replace(/\.d\.mts$/, ".mjs");
      if (ours.has(to) && to !== from) edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

/**
 * The folder a file belongs to for the folder-level check: lib/<folder> for library code (a usage
 * sub-folder such as lib/usage/athena counts as part of lib/usage), else null (app, components, tests
 * and scripts sit above lib and are checked file by file only).
 */
export function libFolderOf(file: string): string | null {
  const [top, folder] = file.split("/");
  return top === "lib" && folder && file.split("/").length > 2 ? `lib/${folder}` : null;
}

/** Strongly connected components with more than one member (Tarjan), each sorted, in a stable order. */
export function cycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (from === to) continue;
    next.set(from, [...(next.get(from) ?? []), to]);
    if (!next.has(to)) next.set(to, []);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The imports that make up a cycle, for a message that says which lines to change. */
export function edgesWithin(cycle: string[], edges: { from: string; to: string }[]): string[] {
  const members = new Set(cycle);
  return edges
    .filter((e) => members.has(e.from) && members.has(e.to) && e.from !== e.to)
    .map((e) => `${e.from} → ${e.to}`);
}
