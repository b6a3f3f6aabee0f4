/**
 * A worker's Node flags: the primary's, and a ceiling on its JavaScript heap (WORKER_HEAP_MB, 384 MB unless set; README
 * D81) unless the operator has set one. Without it V8 lets a busy worker's heap grow to several times what it keeps
 * alive before collecting; the pages need a few tens of MB, and the largest export or import well under the ceiling.
 */
export function workerExecArgv(execArgv: readonly string[], env: Record<string, string | undefined>): string[] {
  if ([...execArgv, env.NODE_OPTIONS ?? ""].some((flag) => flag.includes("--max-old-space-size"))) return [...execArgv];
  return [...execArgv, `--max-old-space-size=${workerHeapMb(env.WORKER_HEAP_MB)}`];
}

/** WORKER_HEAP_MB: a whole number of megabytes, at least 128; 384 when unset. */
export function workerHeapMb(value: string | undefined): number {
  if (value === undefined || value === "") return 384;
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 128)
    throw new Error(`WORKER_HEAP_MB must be a whole number of megabytes, at least 128 (got "${value}").`);
  return mb;
}
