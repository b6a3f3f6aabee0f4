import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { translator } from "../../app/i18n";
import { vi } from "../../app/i18n/vi";

function leaves(tree: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]))].sort();

const viLeaves = leaves(vi);
const enLeaves = leaves(en);

describe("translations", () => {
  it("have exactly the same keys in Vietnamese and English", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
    expect(viLeaves.size).toBeGreaterThan(50);
  });

  it("have a non-empty string for every key in both languages", () => {
    const bad = [...viLeaves, ...enLeaves].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it("use the same {{placeholders}} in both languages for each text", () => {
    const mismatched = [...viLeaves]
      .filter(
        ([key, text]) =>
          placeholders(String(text)).join(",") !== placeholders(String(enLeaves.get(key) ?? "")).join(","),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("fill placeholders through the server translator", () => {
    expect(translator("vi")("errors.tooLong", { max: "120" })).toBe("Tối đa 120 ký tự.");
    expect(translator("en")("errors.tooLong", { max: "120" })).toBe("At most 120 characters.");
  });
});
