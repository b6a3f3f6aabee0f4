import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditActionLabel, looseTranslate } from "../../app/modules/admin/audit-view";
import { APPLICATION_EVENTS } from "../../app/modules/technology/rules";
import { DOSSIER_EVENTS } from "../../app/modules/sme/workflow";
import { REQUEST_EVENTS } from "../../app/modules/privacy/rules";
import { translator } from "../../app/i18n";

const APP = join(__dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "i18n" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The actions written by a template literal, expanded from the events that reach them. A new template fails the
 * test below until it is added here, so that its actions are checked for labels too.
 */
const TEMPLATES: Record<string, readonly string[]> = {
  // recordDecision: the screening decisions (submit and withdraw are audited by their own literal names).
  "entry.${input.event}": ["mark_valid", "mark_invalid", "request_clarification"].map((e) => `entry.${e}`),
  "edition.${item.kind}_added": ["category", "requirement", "prize", "round", "criterion"].map(
    (k) => `edition.${k}_added`,
  ),
  "edition.${kind}_removed": ["category", "requirement", "prize", "round", "criterion"].map(
    (k) => `edition.${k}_removed`,
  ),
  "conflict.${status}": ["conflict.confirmed", "conflict.dismissed"],
  "sme.dossier_${event}": DOSSIER_EVENTS.map((e) => `sme.dossier_${e}`),
  "technology.application_${event}": APPLICATION_EVENTS.map((e) => `technology.application_${e}`),
  "privacy.request_${event}": REQUEST_EVENTS.map((e) => `privacy.request_${e}`),
};

const ACTION_NAME = /"([a-z][a-z_]*\.[a-z][a-z_]*)"/g;

/** Every audit action name the code base writes: `action: …` values, setEntryStatus's action and named constants. */
function auditActionsInCode(): { actions: Set<string>; unknownTemplates: string[] } {
  const actions = new Set<string>();
  const unknownTemplates: string[] = [];
  const constants = new Map<string, string>();
  const files = sourceFiles(APP).map((path) => readFileSync(path, "utf8"));
  for (const text of files)
    for (const [, name, value] of text.matchAll(/const ([A-Z_]+) = "([a-z_]+\.[a-z_]+)"/g)) constants.set(name, value);
  for (const text of files) {
    for (const [, expression] of text.matchAll(/\baction: ([^,\n]+)/g)) {
      for (const [, name] of expression.matchAll(ACTION_NAME)) actions.add(name);
      const template = /^`([^`]+)`/.exec(expression)?.[1];
      if (template) {
        if (TEMPLATES[template]) TEMPLATES[template].forEach((a) => actions.add(a));
        else unknownTemplates.push(template);
      }
      const constant = /^([A-Z_]+)\b/.exec(expression)?.[1];
      if (constant && constants.has(constant)) actions.add(constants.get(constant)!);
    }
    for (const [call] of text.matchAll(/setEntryStatus\([^;]*?\);/gs))
      for (const [, name] of call.matchAll(ACTION_NAME)) actions.add(name);
  }
  return { actions, unknownTemplates };
}

describe("the audit log's action names", () => {
  const { actions, unknownTemplates } = auditActionsInCode();

  it("finds the actions the code writes (the collector still reads the code)", () => {
    expect(actions).toContain("entry.submitted");
    expect(actions).toContain("entry.advanced");
    expect(actions).toContain("organisation.renamed");
    expect(actions).toContain("sme.dossier_approve");
    expect(actions.size).toBeGreaterThan(130);
  });

  it("knows every template literal used as an action", () => {
    expect(unknownTemplates).toEqual([]);
  });

  it.each(["vi", "en"] as const)("has a %s label for every action the code base writes", (locale) => {
    const t = looseTranslate(translator(locale));
    const missing = [...actions].filter((action) => auditActionLabel(action, t) === null).sort();
    expect(missing).toEqual([]);
  });
});
