import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { namespaces, resources } from "./config";

// Every word a portal page shows goes through t(): this reads the portal's .tsx files as the
// compiler does and fails, with file:line, on text written straight into JSX — a text node with
// letters, a string with letters in {…}, or in an attribute people read (aria-label, title,
// placeholder, alt, aria-description, aria-placeholder, aria-roledescription, aria-valuetext,
// label). It also checks that every key a file asks for literally (t("nav.home")) exists in one
// of the areas the file uses, so a typo fails here before a page shows a raw key.

const appDir = new URL("..", import.meta.url).pathname;

/** Attributes whose value a person reads or hears. */
const readAttributes = new Set([
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
]);

/** Text with letters, other than a short abbreviation in capitals ("PDF", "IMG"). */
const hasLetters = (text: string) => /\p{L}/u.test(text) && !/^[\p{Lu}\d]{1,5}$/u.test(text.trim());

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith(".tsx") && !entry.name.endsWith(".test.tsx") ? [path] : [];
  });
}

interface Finding {
  where: string;
  text: string;
}

/** Hard-coded text in one file's JSX. */
export function hardCodedText(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const at = (node: ts.Node) =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const literalText = (node: ts.Node | undefined): string | null => {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
    }
    if (ts.isConditionalExpression(node)) {
      return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(" ") || null;
    }
    if (ts.isBinaryExpression(node)) {
      return [literalText(node.left), literalText(node.right)].filter(Boolean).join(" ") || null;
    }
    if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
    return null;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.getText(file).trim();
      if (hasLetters(text)) found.push({ where: at(node), text });
    } else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      // {"Some words"} or {cond ? "Yes" : "No"} as a child of an element.
      const text = literalText(node.expression);
      if (text && hasLetters(text)) found.push({ where: at(node), text });
    } else if (ts.isJsxExpression(node) && node.expression && ts.isJsxFragment(node.parent)) {
      const text = literalText(node.expression);
      if (text && hasLetters(text)) found.push({ where: at(node), text });
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(file);
      if (readAttributes.has(name) && node.initializer) {
        const value = ts.isJsxExpression(node.initializer)
          ? literalText(node.initializer.expression)
          : literalText(node.initializer);
        if (value && hasLetters(value)) found.push({ where: at(node), text: `${name}="${value}"` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Calls whose string arguments are not shown to a reader as they are. */
const notShownCalls =
  /^(t|i18n\.t|\w+\.t|console\.\w+|useTranslation|pageTitle|Error|Response|AppError|data|json|redirect|[\w.?]+\.(set|get|has|append|delete|error|warn|info|debug|log|trace))$/;

/**
 * Words kept in a string outside JSX (a `copy` object, a constant) and shown later: a string that
 * reads like text — a capitalised word ("Sending…") or several words ("Email address") — in a
 * .tsx file, except keys, messages to developers and arguments of t(), console, errors, responses.
 */
export function wordsInStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Finding[] = [];
  const readsLikeText = (text: string) =>
    /^\p{Lu}\p{Ll}+/u.test(text.trim()) || /\p{L}{2,}\s+\p{L}{2,}/u.test(text);
  const excused = (node: ts.Node): boolean => {
    for (let up: ts.Node | undefined = node.parent; up; up = up.parent) {
      if (ts.isImportDeclaration(up) || ts.isExportDeclaration(up) || ts.isLiteralTypeNode(up)) return true;
      if (ts.isJsxAttribute(up)) return true; // attributes: the JSX check decides
      if (ts.isJsxExpression(up)) return true; // JSX children: the JSX check decides
      if (ts.isCallExpression(up) || ts.isNewExpression(up)) {
        const callee = up.expression.getText(file);
        if (notShownCalls.test(callee) || /^(Error|Response|AppError|TypeError)$/.test(callee)) return true;
      }
      if (ts.isThrowStatement(up)) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && readsLikeText(node.text)) {
      if (!excused(node)) {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        found.push({ where: `${fileName}:${line}`, text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

type Words = Record<string, string>;
const english = resources.en as unknown as Record<string, Words>;
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Literal keys a file asks for (t("…") / t("…", { ns: "…" })) that none of its areas has. */
export function unknownKeys(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const areas = new Set<string>();
  const calls: { node: ts.CallExpression; key: string; ns: string | null }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(file);
      const [first, second] = node.arguments;
      if (callee === "useTranslation" && first) {
        const named = ts.isArrayLiteralExpression(first) ? [...first.elements] : [first];
        for (const element of named) if (ts.isStringLiteral(element)) areas.add(element.text);
      }
      if ((callee === "t" || callee.endsWith(".t")) && first && ts.isStringLiteral(first)) {
        let ns: string | null = null;
        if (second && ts.isObjectLiteralExpression(second)) {
          for (const property of second.properties) {
            if (
              ts.isPropertyAssignment(property) &&
              property.name.getText(file) === "ns" &&
              ts.isStringLiteral(property.initializer)
            ) {
              ns = property.initializer.text;
            }
          }
        }
        calls.push({ node, key: first.text, ns });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const has = (ns: string, key: string) => {
    const table = english[ns];
    return !!table && (key in table || Object.keys(table).some((k) => k.replace(pluralSuffix, "") === key));
  };
  const findings: Finding[] = [];
  for (const call of calls) {
    const where = call.ns ? [call.ns] : areas.size ? [...areas] : ["common"];
    // The errors area is keyed by the API's English sentences, often passed as variables.
    if (where.includes("errors")) continue;
    if (!where.some((ns) => (namespaces as readonly string[]).includes(ns) && has(ns, call.key))) {
      const line = file.getLineAndCharacterOfPosition(call.node.getStart(file)).line + 1;
      findings.push({ where: `${fileName}:${line}`, text: `${where.join("|")}:${call.key}` });
    }
  }
  return findings;
}

describe("portal pages", () => {
  const files = tsxFiles(appDir);

  it("are found", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("write no words straight into JSX (every word goes through t())", () => {
    const findings = files.flatMap((path) =>
      hardCodedText(relative(appDir, path), readFileSync(path, "utf8")),
    );
    expect(findings.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });

  it("keep no words in strings outside t() (a copy object, a constant)", () => {
    const findings = files.flatMap((path) =>
      wordsInStrings(relative(appDir, path), readFileSync(path, "utf8")),
    );
    expect(findings.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });

  it("ask only for keys their areas have", () => {
    const findings = files.flatMap((path) => unknownKeys(relative(appDir, path), readFileSync(path, "utf8")));
    expect(findings.map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("find text nodes, literal children and read attributes, with their lines", () => {
    const source = [
      "export const A = () => (",
      "  <div>",
      "    <p>Hello there</p>",
      '    <p>{"Plain words"}</p>',
      '    <p>{busy ? "Saving…" : t("save")}</p>',
      '    <img alt="A photo" src="x.png" />',
      '    <nav aria-label={"Main"} />',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text the check reads
      "    <input placeholder={`Search ${what}`} />",
      '    <span title={t("fine")}>{" · "}</span>',
      '    <p>{t("ok")} — 12</p>',
      "  </div>",
      ");",
    ].join("\n");
    expect(hardCodedText("a.tsx", source).map((f) => `${f.where} ${f.text}`)).toEqual([
      "a.tsx:3 Hello there",
      "a.tsx:4 Plain words",
      "a.tsx:5 Saving…",
      'a.tsx:6 alt="A photo"',
      'a.tsx:7 aria-label="Main"',
      'a.tsx:8 placeholder="Search  "',
    ]);
  });

  it("find words kept in strings, but not keys, errors or technical values", () => {
    const source = [
      "const copy = {",
      '  title: "Forgotten your password?",',
      '  submitting: "Sending…",',
      '  key: "nav.home",',
      '  method: "post",',
      '  kind: "PDF",',
      "};",
      'throw new Response("Portal unavailable", { status: 403 });',
      'console.warn("Something odd happened");',
      'headers.set("Content-Type", "text/html");',
      'context.services?.log.error("Request failed", {});',
      't("Choose a request", { ns: "errors" });',
      'const A = () => <a className="button primary">{t("x")}</a>;',
    ].join("\n");
    expect(wordsInStrings("c.tsx", source).map((f) => `${f.where} ${f.text}`)).toEqual([
      "c.tsx:2 Forgotten your password?",
      "c.tsx:3 Sending…",
    ]);
  });

  it("find keys no area has", () => {
    const source = [
      'const { t } = useTranslation("timeline");',
      't("title");',
      't("entry.nope");',
      't("nav.home", { ns: "common" });',
      't("requests.open", { count: 2, ns: "home" });',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text the check reads
      "t(`entry.${label}`);",
    ].join("\n");
    expect(unknownKeys("b.tsx", source).map((f) => `${f.where} ${f.text}`)).toEqual([
      "b.tsx:3 timeline:entry.nope",
    ]);
  });
});
