import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * The modules a browser bundle would load from some entries, followed through relative imports and the
 * workspace packages named in `packages` (resolved by their package.json "exports", as vite resolves them).
 * Type-only imports are skipped: they are erased and load nothing. Other packages (preact, zod) are not
 * followed; a node built-in is reported wherever it is imported, with the chain that reaches it.
 */
export interface NodeImport {
  module: string;
  /** Files from the entry to the importer, relative to `root`. */
  chain: string[];
}

export function nodeImports(
  root: string,
  entries: readonly string[],
  packages: Readonly<Record<string, string>>,
): NodeImport[] {
  const found: NodeImport[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, relative(root, file)];
    for (const spec of runtimeImports(file)) {
      if (isNodeBuiltin(spec)) found.push({ module: spec, chain: here });
      else if (spec.startsWith(".")) visit(resolve(dirname(file), spec), here);
      else {
        const target = workspaceFile(root, packages, spec);
        if (target !== null) visit(target, here);
      }
    }
  };
  for (const entry of entries) visit(resolve(root, entry), []);
  return found;
}

const BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (spec: string) => spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0] ?? "");

/** `@front-agent/shared/import-rules` → shared/src/import-rules/index.ts; null for a package not listed. */
function workspaceFile(
  root: string,
  packages: Readonly<Record<string, string>>,
  spec: string,
): string | null {
  for (const [name, dir] of Object.entries(packages)) {
    if (spec !== name && !spec.startsWith(`${name}/`)) continue;
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
      exports: Record<string, string>;
    };
    const target = manifest.exports[`.${spec.slice(name.length)}`];
    if (target === undefined) throw new Error(`${spec} is not among ${name}'s exports`);
    return join(root, dir, target);
  }
  return null;
}

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  const walk = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.importClause?.isTypeOnly) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, walk);
  };
  walk(source);
  return specs;
}
