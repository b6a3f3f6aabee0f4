import { searchKey } from "../../lib/format";

/**
 * Words that say what legal form or title an organisation has, not which one it is: "Công ty TNHH MTV Huy Long",
 * "Cty Huy Long" and "HUY LONG" are the same name to a person. Accent-free, as `searchKey` writes them; longer
 * phrases first. The SQL key in merge.server.ts strips the same list in the same order.
 */
export const NAME_NOISE = [
  "mot thanh vien",
  "hai thanh vien tro len",
  "trach nhiem huu han",
  "doanh nghiep tu nhan",
  "hop tac xa",
  "cong ty",
  "co phan",
  "viet nam",
  "cty",
  "tnhh",
  "mtv",
  "ctcp",
  "cp",
  "dntn",
  "htx",
  "vn",
  "pgs",
  "gs",
  "ts",
  "ths",
] as const;

/** Characters read as a space before the noise words are taken out. */
export const NAME_PUNCTUATION = [".", ",", "-", "–", "(", ")", "&", "/", '"', "'", ":", ";"] as const;

/**
 * The comparable core of a name: accent-free, lower-case, punctuation and legal-form words removed, spaces gone.
 * Built step by step like the SQL expression (non-overlapping replacements), so that both give the same key.
 */
export function organisationNameKey(name: string): string {
  let key = searchKey(name);
  for (const mark of NAME_PUNCTUATION) key = key.split(mark).join(" ");
  key = ` ${key} `;
  for (const word of NAME_NOISE) key = key.split(` ${word} `).join(" ");
  return key.split(" ").join("");
}

/** A tax code's digits only ("0101 234 567" and "0101234567" are one code; a branch's "-001" stays distinct). */
export function taxCodeDigits(taxCode: string | null | undefined): string {
  return (taxCode ?? "").replace(/[^\d-]/g, "");
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const gram = text.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** How alike two names are, 0 to 1: the Dice coefficient of the character pairs of their keys. */
export function nameSimilarity(a: string, b: string): number {
  const ka = organisationNameKey(a);
  const kb = organisationNameKey(b);
  if (!ka || !kb) return 0;
  if (ka === kb) return 1;
  if (ka.length < 2 || kb.length < 2) return 0;
  const ga = bigrams(ka);
  const gb = bigrams(kb);
  let shared = 0;
  for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0);
  return (2 * shared) / (ka.length - 1 + (kb.length - 1));
}

/** Names at least this alike are shown as possible duplicates. */
export const SIMILAR_NAME_THRESHOLD = 0.85;

export type DuplicateReason = "tax_code" | "same_name" | "similar_name";

/**
 * Why two organisations may be one: the same tax code, the same name once the legal form is set aside, or very
 * similar names. Two different tax codes are two legal entities, whatever their names.
 */
export function duplicateReason(
  a: { name: string; tax_code: string | null },
  b: { name: string; tax_code: string | null },
): DuplicateReason | null {
  const ta = taxCodeDigits(a.tax_code);
  const tb = taxCodeDigits(b.tax_code);
  if (ta && tb) return ta === tb ? "tax_code" : null;
  const similarity = nameSimilarity(a.name, b.name);
  if (similarity === 1) return "same_name";
  return similarity >= SIMILAR_NAME_THRESHOLD ? "similar_name" : null;
}

/** The longest word of a name's searchable form: what a LIKE narrows candidates by before they are scored. */
export function distinctiveWord(name: string): string | null {
  const noise = new Set<string>(NAME_NOISE.filter((w) => !w.includes(" ")));
  const words = searchKey(name)
    .split(/[\s.,\-–()&/"':;]+/)
    .filter((w) => w.length >= 3 && !noise.has(w));
  return words.sort((x, y) => y.length - x.length)[0] ?? null;
}
