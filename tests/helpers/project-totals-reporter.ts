/**
 * One line per vitest project at the end of `npm test` (beside the default reporter), so that CI's output shows
 * each engine's own test count: "integration 2050 passed · integration-pg 2049 passed, 1 skipped · …".
 */
import type { RunnerTask, RunnerTestFile } from "vitest";
import type { Reporter } from "vitest/reporters";

type Tally = { passed: number; failed: number; skipped: number };

function tallyTests(task: RunnerTask, tally: Tally): void {
  if (task.type === "suite") {
    for (const child of task.tasks) tallyTests(child, tally);
    return;
  }
  const state = task.result?.state;
  if (state === "pass") tally.passed++;
  else if (state === "fail") tally.failed++;
  else tally.skipped++;
}

export default class ProjectTotalsReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []): void {
    const byProject = new Map<string, Tally & { files: number }>();
    for (const file of files) {
      const name = file.projectName || "default";
      const tally = byProject.get(name) ?? { passed: 0, failed: 0, skipped: 0, files: 0 };
      tally.files++;
      for (const task of file.tasks) tallyTests(task, tally);
      if (file.result?.state === "fail" && file.tasks.length === 0) tally.failed++;
      byProject.set(name, tally);
    }
    if (!byProject.size) return;
    const parts = [...byProject].map(
      ([name, t]) =>
        `${name}: ${t.files} files, ${t.passed} passed${t.failed ? `, ${t.failed} failed` : ""}${t.skipped ? `, ${t.skipped} skipped` : ""}`,
    );
    console.log(`\nPer project — ${parts.join(" · ")}`);
  }
}
