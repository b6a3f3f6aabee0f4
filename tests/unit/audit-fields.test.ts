import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { changedFields, looseTranslate } from "../../app/modules/admin/audit-view";
import { translator } from "../../app/i18n";

const APP = join(__dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top-level keys of the object literal opening at `text[start]` ("{"): `key: value`, `key,` shorthand. */
function literalKeys(text: string, start: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if ("{[(".includes(c) && ++depth === 1) continue;
    if ("}])".includes(c) && --depth === 0) {
      parts.push(current);
      break;
    }
    if (depth === 1 && c === ",") {
      parts.push(current);
      current = "";
    } else if (depth === 1) current += c;
  }
  return parts.flatMap((part) => {
    const key = /^\s*([A-Za-z_$][\w$]*)\s*(:|$)/.exec(part)?.[1];
    return key ? [key] : [];
  });
}

/**
 * The field names the code base writes into audit rows as object literals (`before: { … }`, `after: { … }`). Values
 * built elsewhere (a form's parsed values, a row) are not read here.
 */
function auditFieldsInCode(): Set<string> {
  const fields = new Set<string>();
  for (const path of sourceFiles(APP)) {
    const text = readFileSync(path, "utf8");
    if (!/\baudit|writeAudit|recordAudit/i.test(text)) continue;
    for (const match of text.matchAll(/\b(before|after): \{/g))
      literalKeys(text, match.index + match[0].length - 1).forEach((key) => fields.add(key));
  }
  return fields;
}

describe("the audit page's field names", () => {
  const fields = auditFieldsInCode();

  it("finds the fields the code writes (the collector still reads the code)", () => {
    expect(fields).toContain("status");
    expect(fields).toContain("receiptNumber");
    expect(fields.size).toBeGreaterThan(60);
  });

  it.each(["vi", "en"] as const)("has a %s label for every field the audit page may show", (locale) => {
    const t = looseTranslate(translator(locale));
    const unlabeled = [...fields].filter((field) => {
      const [change] = changedFields(null, JSON.stringify({ [field]: "x" }), "entry", t);
      // Hidden bookkeeping fields (ids, version) are not shown; a shown one falls back to its key in words.
      return change !== undefined && t(`auditView.fields.${field}`, { defaultValue: "" }) === "";
    });
    expect(unlabeled.sort()).toEqual([]);
  });
});
