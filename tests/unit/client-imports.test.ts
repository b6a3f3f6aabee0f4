/**
 * The browser never receives a `.server` module: Remix's compiler replaces it with an empty one in the client
 * bundle, so a value a page's component reads from one is `undefined` there and the page crashes on hydration
 * (the settings proposals' status filter did, while every server-side test passed). This test reads each route
 * with the TypeScript parser and fails on a value imported from a `.server` module that code running in the
 * browser reaches: the default export, `meta`, `links`, `handle`, `ErrorBoundary`, `shouldRevalidate`, and the
 * top-level declarations they use. Type positions (`typeof loader`, `Awaited<ReturnType<…>>`) are fine; so are
 * `loader` and `action`, which the client bundle drops. Shared UI modules may not import values from `.server`
 * modules at all.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const APP = path.join(process.cwd(), "app");
const CLIENT_EXPORTS = new Set(["default", "meta", "links", "handle", "ErrorBoundary", "shouldRevalidate"]);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.tsx?$/.test(entry.name) && !/\.server\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The names a file imports as values from `.server` modules. */
function serverValueImports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (!/\.server$/.test(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements) if (!element.isTypeOnly) names.add(element.name.text);
  }
  return names;
}

function isInTypePosition(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isTypeNode(current) || ts.isTypeAliasDeclaration(current) || ts.isInterfaceDeclaration(current)) return true;
    if (ts.isStatement(current) || ts.isSourceFile(current)) return false;
  }
  return false;
}

/** The names `node` declares itself (variables, parameters, destructured names, functions): they shadow imports. */
function declaredInside(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node) => {
    if (
      (ts.isVariableDeclaration(child) ||
        ts.isParameter(child) ||
        ts.isBindingElement(child) ||
        ts.isFunctionDeclaration(child)) &&
      child.name &&
      ts.isIdentifier(child.name) &&
      child !== node
    )
      names.add(child.name.text);
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return names;
}

/** The identifiers `node` uses as values (not property names, JSX attribute names, imports or types). */
function valueIdentifiers(node: ts.Node): ts.Identifier[] {
  const shadowed = declaredInside(node);
  const found: ts.Identifier[] = [];
  const visit = (child: ts.Node) => {
    if (ts.isImportDeclaration(child)) return;
    if (ts.isIdentifier(child) && !isInTypePosition(child) && !shadowed.has(child.text)) {
      const parent = child.parent;
      const isName =
        (ts.isPropertyAccessExpression(parent) && parent.name === child) ||
        (ts.isPropertyAssignment(parent) && parent.name === child) ||
        (ts.isJsxAttribute(parent) && parent.name === child) ||
        (ts.isBindingElement(parent) && parent.propertyName === child);
      if (!isName) found.push(child);
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** Top-level declarations by name, and the names each export of the module stands for. */
function topLevel(source: ts.SourceFile) {
  const declarations = new Map<string, ts.Node>();
  const roots: ts.Node[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    const isDefault = ts.canHaveModifiers(statement)
      ? (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)
      : false;
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      const name = statement.name?.text;
      if (name) declarations.set(name, statement);
      if ((exported && isDefault) || (exported && name && CLIENT_EXPORTS.has(name))) roots.push(statement);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        declarations.set(declaration.name.text, declaration);
        if (exported && CLIENT_EXPORTS.has(declaration.name.text)) roots.push(declaration);
      }
    } else if (ts.isExportAssignment(statement)) {
      roots.push(statement);
    }
  }
  return { declarations, roots };
}

/** The `.server` values that the browser's part of one file reaches, with where. */
export function clientUsesOfServerValues(file: string, text = fs.readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const imported = serverValueImports(source);
  if (imported.size === 0) return [];
  const isRoute = file.includes(`${path.sep}routes${path.sep}`) || path.basename(file) === "root.tsx";
  const { declarations, roots } = topLevel(source);
  // A shared module runs in the browser as a whole; a route, from its browser exports on.
  const queue = isRoute ? [...roots] : [source];
  const seen = new Set<ts.Node>();
  const problems: string[] = [];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const identifier of valueIdentifiers(node)) {
      if (imported.has(identifier.text)) {
        const { line } = source.getLineAndCharacterOfPosition(identifier.getStart());
        problems.push(`${path.relative(process.cwd(), file)}:${line + 1} ${identifier.text}`);
      }
      const declaration = declarations.get(identifier.text);
      if (declaration && declaration !== node) queue.push(declaration);
    }
  }
  return [...new Set(problems)];
}

describe("code that runs in the browser", () => {
  it("reads no value from a .server module", () => {
    // The routes, the root and the shared UI are what the client bundle is made of.
    const files = [
      ...filesUnder(path.join(APP, "routes")),
      ...filesUnder(path.join(APP, "ui")),
      path.join(APP, "root.tsx"),
    ];
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((file) => clientUsesOfServerValues(file))).toEqual([]);
  });

  it("finds such a value in a route's component and in what it calls, not in its loader or a type", () => {
    const route = path.join(APP, "routes", "example.tsx");
    const text = `
      import { listThings, THING_KINDS, type Thing } from "../modules/things/queries.server";
      export async function loader() { return { things: await listThings(), kinds: THING_KINDS }; }
      type Row = Awaited<ReturnType<typeof listThings>>[number];
      function kindOptions() { return THING_KINDS.map((k) => ({ value: k })); }
      export default function Page() { const rows: Row[] = []; const t: Thing | null = null; return kindOptions(); }
    `;
    expect(clientUsesOfServerValues(route, text)).toEqual(["app/routes/example.tsx:5 THING_KINDS"]);
    const fixed = text.replace("return kindOptions();", "return null;");
    expect(clientUsesOfServerValues(route, fixed)).toEqual([]);
  });
});
