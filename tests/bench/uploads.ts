/**
 * How long hostile uploads take to refuse, and the memory they take: a million-row XLSX, a zip bomb, a zip bomb that
 * declares a small size, a CSV of nothing but line breaks. The unit tests check that each is refused; the time is
 * measured here, where a loaded machine cannot fail a test (each should be refused well within BUDGET_MS).
 * Run alone: npx tsx tests/bench/uploads.ts (tests/bench/volume.ts runs it at its end).
 */
import { pathToFileURL } from "node:url";
import { readSpreadsheet } from "../../app/lib/spreadsheet-import.server";
import { millionRowXlsx, zipBombXlsx } from "../helpers/xlsx";

const LIMITS = { maxBytes: 12 * 1024 * 1024, maxRows: 50_000 };
const BUDGET_MS = 10_000;

/** Time and resident memory while a file is read (the peak sampled every 10 ms). */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  clearInterval(sampler);
  return { result, ms, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) };
}

export async function benchHostileUploads(): Promise<void> {
  const files: Array<[string, () => File]> = [
    ["million-row XLSX", () => new File([new Uint8Array(millionRowXlsx())], "danh-sach.xlsx")],
    ["zip bomb (1 GB inflated)", () => new File([new Uint8Array(zipBombXlsx())], "danh-sach.xlsx")],
    [
      "lying zip bomb (declares 10 KB)",
      () => new File([new Uint8Array(zipBombXlsx(1, { declaredSize: 10_000 }))], "danh-sach.xlsx"),
    ],
    ["CSV of 5 000 000 line breaks", () => new File(["\n".repeat(5_000_000)], "a.csv")],
  ];
  for (const [name, make] of files) {
    const file = make();
    const { result, ms, peakRssMb } = await measured(() => readSpreadsheet(file, LIMITS));
    const verdict = ms <= BUDGET_MS ? "within" : "OVER";
    console.log(
      `${name} (${(file.size / 1024 / 1024).toFixed(1)} MB): ${JSON.stringify(result)} in ${ms} ms (${verdict} the ${BUDGET_MS / 1000} s budget), peak RSS ${peakRssMb} MB`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await benchHostileUploads();
