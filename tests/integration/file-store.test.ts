import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { directoryStore, fileStore, uploadsDir } from "../../app/lib/files.server";
import { sha256Hex } from "../../app/lib/ids.server";

const bytes = Buffer.from("%PDF-1.4 một tệp nhỏ");
const hash = sha256Hex(bytes);
const folders: string[] = [];

function emptyFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-store-"));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  delete process.env.UPLOADS_DIR;
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the uploaded files' store", () => {
  it("keeps bytes by content hash, once, under the first two digits of the hash", async () => {
    const dir = emptyFolder();
    const store = directoryStore(dir);
    expect(await store.exists(hash)).toBe(false);
    expect(await store.get(hash)).toBeNull();
    await store.put(hash, bytes);
    await store.put(hash, bytes);
    expect(await store.exists(hash)).toBe(true);
    expect(await store.get(hash)).toEqual(bytes);
    expect(fs.readdirSync(path.join(dir, hash.slice(0, 2)))).toEqual([hash]);
  });

  it("is the UPLOADS_DIR directory when set, else uploads in DATA_DIR", async () => {
    expect(uploadsDir()).toBe(path.join(process.env.DATA_DIR!, "uploads"));
    const shared = emptyFolder();
    process.env.UPLOADS_DIR = shared;
    await fileStore().put(hash, bytes);
    expect(fs.existsSync(path.join(shared, hash.slice(0, 2), hash))).toBe(true);
  });

  it("shows a file stored by one instance to another sharing the directory, even when both store it at once", async () => {
    const shared = emptyFolder();
    const [first, second] = [directoryStore(shared), directoryStore(shared)];
    const large = Buffer.alloc(256 * 1024, 7);
    const largeHash = sha256Hex(large);
    await Promise.all([first.put(largeHash, large), second.put(largeHash, large)]);
    expect((await second.get(largeHash))?.equals(large)).toBe(true);
    expect(fs.readdirSync(path.join(shared, largeHash.slice(0, 2)))).toEqual([largeHash]);
  });
});
