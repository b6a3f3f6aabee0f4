/**
 * The collators made once order exactly as the `localeCompare` calls they replace, and `textRanks` gives each
 * text its place in that order, by the fast comparison where every text is lowercase hex and hyphens and by the
 * collator otherwise.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compareText, compareVietnamese, textRanks } from "../../app/lib/collation";

/** mulberry32: the same strings on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function strings(alphabet: string, count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""),
  );
}

const sign = (value: number) => Math.sign(value);
/** Where each text stands once sorted by `compare`, equal texts sharing the place of the first. */
function placesBy(texts: readonly string[], compare: (a: string, b: string) => number): number[] {
  const sorted = [...texts].sort(compare);
  return texts.map((text) => sorted.findIndex((other) => compare(other, text) === 0));
}

describe("collation", () => {
  it("compares as localeCompare does, with and without the Vietnamese locale", () => {
    const words = ["Đà Nẵng", "da nang", "Ánh", "anh", "Ảnh", "b", "B", "ư", "u", "10", "9", "a-b", "ab", "", "Z"];
    for (const a of words)
      for (const b of words) {
        expect(sign(compareText(a, b))).toBe(sign(a.localeCompare(b)));
        expect(sign(compareVietnamese(a, b))).toBe(sign(a.localeCompare(b, "vi")));
      }
  });

  it("orders lowercase hex and hyphens as their code units do (the fast path of textRanks)", () => {
    const texts = [...strings("0123456789abcdef-", 400, 1), ...Array.from({ length: 50 }, () => randomUUID())];
    for (let i = 0; i < texts.length; i++)
      for (let j = i; j < texts.length; j += 7) {
        const [a, b] = [texts[i], texts[j]];
        expect(sign(a.localeCompare(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }
    expect([...textRanks(texts)]).toEqual(placesBy(texts, (a, b) => a.localeCompare(b)));
  });

  it("ranks by the collator as soon as one text is not plain hex (capitals, accents, other punctuation)", () => {
    // On these the code units and the collation disagree ("B" < "a" by code unit, not by collation).
    const texts = [...strings("abAB-_.é0", 300, 2), "B", "a", "É", "e"];
    expect([...textRanks(texts)]).toEqual(placesBy(texts, (a, b) => a.localeCompare(b)));
    expect(textRanks(["B", "a"])[0]).toBeGreaterThan(textRanks(["B", "a"])[1]);
  });

  it("gives equal texts the same place and the next text the place after all of them", () => {
    expect([...textRanks(["b", "a", "b", "c", "a"])]).toEqual([2, 0, 2, 4, 0]);
    expect([...textRanks([])]).toEqual([]);
  });
});
