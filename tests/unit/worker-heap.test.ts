import { describe, expect, it } from "vitest";
import { workerExecArgv, workerHeapMb } from "../../app/lib/worker-heap";

describe("the workers' heap ceiling", () => {
  it("is 384 MB unless WORKER_HEAP_MB says otherwise", () => {
    expect(workerHeapMb(undefined)).toBe(384);
    expect(workerHeapMb("")).toBe(384);
    expect(workerHeapMb("128")).toBe(128);
    expect(workerHeapMb("2048")).toBe(2048);
  });

  it("refuses a value that is not a whole number of megabytes from 128", () => {
    for (const value of ["127", "0", "-1", "256.5", "abc", "1e3x"])
      expect(() => workerHeapMb(value), value).toThrow(/WORKER_HEAP_MB/);
  });

  it("is added to the primary's flags, unless the operator set one (on the command line or in NODE_OPTIONS)", () => {
    expect(workerExecArgv(["--enable-source-maps"], {})).toEqual(["--enable-source-maps", "--max-old-space-size=384"]);
    expect(workerExecArgv([], { WORKER_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
    expect(workerExecArgv(["--max-old-space-size=1024"], { WORKER_HEAP_MB: "512" })).toEqual([
      "--max-old-space-size=1024",
    ]);
    expect(workerExecArgv([], { NODE_OPTIONS: "--max-old-space-size=900" })).toEqual([]);
  });
});
