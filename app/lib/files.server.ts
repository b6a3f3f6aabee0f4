import fs from "node:fs";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import type { Kysely, Transaction } from "kysely";
import type { Attachment, Database } from "../../db/types";
import type { TFunction } from "../i18n";
import { dataDir } from "./db.server";
import { storedFileName } from "./file-name";
import { recordAudit } from "./audit.server";
import { readMultipartForm } from "./forms.server";
import { newId, sha256Hex } from "./ids.server";
import { nowIso } from "./time.server";

export const DOCUMENT_TYPES = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PPTX",
  "image/jpeg": "JPG",
  "image/png": "PNG",
} as const;
export type DocumentMediaType = keyof typeof DOCUMENT_TYPES;

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export function uploadsDir(): string {
  return process.env.UPLOADS_DIR ?? path.join(dataDir(), "uploads");
}

/**
 * Where the bytes of uploaded files live, by content hash (a file uploaded twice is stored once). Every instance
 * serving one database must reach the same store: the directory below, shared (UPLOADS_DIR on a shared mount),
 * or another store with these three operations (an S3-compatible bucket, say).
 */
export type FileStore = {
  /** Stores the bytes under their hash, unless they are there already; a reader never sees a partial file. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null when they are not in the store. */
  get(sha256: string): Promise<Buffer | null>;
  exists(sha256: string): Promise<boolean>;
};

/** A directory holding each file at `<first two hex digits>/<hash>`. */
export function directoryStore(dir: string): FileStore {
  const pathOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256);
  const exists = async (sha256: string) => fs.existsSync(pathOf(sha256));
  return {
    exists,
    async put(sha256, bytes) {
      const target = pathOf(sha256);
      if (await exists(sha256)) return;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Unique across the instances sharing the directory, so that two writing the same file never share a temporary one.
      const temporary = `${target}.${newId()}.tmp`;
      fs.writeFileSync(temporary, bytes, { flag: "wx" });
      fs.renameSync(temporary, target);
    },
    async get(sha256) {
      try {
        return fs.readFileSync(pathOf(sha256));
      } catch {
        return null;
      }
    },
  };
}

/** The configured store: the uploads directory (UPLOADS_DIR, else DATA_DIR/uploads). */
export function fileStore(): FileStore {
  return directoryStore(uploadsDir());
}

export type UploadCheck =
  | { ok: true; bytes: Buffer; mediaType: DocumentMediaType; sha256: string; name: string }
  | { ok: false; problem: "missing" | "too-large" | "type" };

/** Checks a file from a form: present, within the size limit, and of an allowed type read from its bytes. */
export async function checkUpload(
  file: FormDataEntryValue | null | undefined,
  allowed: readonly DocumentMediaType[] = Object.keys(DOCUMENT_TYPES) as DocumentMediaType[],
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<UploadCheck> {
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, problem: "missing" };
  if (file.size > maxBytes) return { ok: false, problem: "too-large" };
  const bytes = Buffer.from(await file.arrayBuffer());
  // A file that only starts like a known format (a ZIP header and garbage) makes the detector throw: not a document we take.
  const detected = await fileTypeFromBuffer(bytes).catch(() => undefined);
  const mediaType = detected?.mime as DocumentMediaType | undefined;
  if (!mediaType || !allowed.includes(mediaType)) return { ok: false, problem: "type" };
  return { ok: true, bytes, mediaType, sha256: sha256Hex(bytes), name: storedFileName(file.name) };
}

/** Stores the bytes by content hash (once) before the row is inserted. */
export async function writeBlob(upload: Extract<UploadCheck, { ok: true }>): Promise<void> {
  await fileStore().put(upload.sha256, upload.bytes);
}

export async function insertAttachment(
  db: Kysely<Database> | Transaction<Database>,
  upload: Extract<UploadCheck, { ok: true }>,
  owner: { type: string; id: string; purpose?: string | null },
  uploadedBy: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto("attachments")
    .values({
      id,
      sha256: upload.sha256,
      size_bytes: upload.bytes.byteLength,
      media_type: upload.mediaType,
      original_name: upload.name,
      owner_type: owner.type,
      owner_id: owner.id,
      purpose: owner.purpose ?? null,
      uploaded_by: uploadedBy,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/**
 * The one way a command attaches a document to a record: the row that points at the stored bytes and the history line
 * that says who attached what, in the caller's transaction (write the bytes with `writeBlob` before it opens).
 * `details` joins the audit line beside the attachment's id and file name.
 */
export async function attachDocument(
  trx: Kysely<Database> | Transaction<Database>,
  input: {
    upload: Extract<UploadCheck, { ok: true }>;
    owner: { type: string; id: string; purpose?: string | null };
    actorId: string;
    action: string;
    details?: Record<string, unknown>;
    ip?: string | null;
  },
): Promise<string> {
  const attachmentId = await insertAttachment(trx, input.upload, input.owner, input.actorId);
  await recordAudit(trx, {
    actorId: input.actorId,
    action: input.action,
    entityType: input.owner.type,
    entityId: input.owner.id,
    after: { attachmentId, ...input.details, name: input.upload.name },
    ip: input.ip ?? null,
  });
  return attachmentId;
}

/** The stored bytes, or null when the file is gone from the store (served as 404, never as a crash). */
export function readBlob(attachment: Pick<Attachment, "sha256">): Promise<Buffer | null> {
  return fileStore().get(attachment.sha256);
}

export function allowedTypeLabels(
  allowed: readonly DocumentMediaType[] = Object.keys(DOCUMENT_TYPES) as DocumentMediaType[],
): string {
  return allowed.map((type) => DOCUMENT_TYPES[type]).join(", ");
}

/** What a refused upload tells the user, next to the file field, and the status it answers with. */
export function uploadRefusal(
  problem: Extract<UploadCheck, { ok: false }>["problem"],
  t: TFunction,
): { message: string; status: 400 | 413 } {
  if (problem === "missing") return { message: t("errors.fileRequired"), status: 400 };
  if (problem === "too-large")
    return { message: t("errors.fileTooLarge", { maxMb: String(MAX_DOCUMENT_BYTES / 1024 / 1024) }), status: 413 };
  return { message: t("errors.fileType", { allowed: allowedTypeLabels() }), status: 400 };
}

export type ChecklistUpload =
  | { ok: true; target: string; upload: Extract<UploadCheck, { ok: true }> }
  | { ok: false; target: string; message: string; status: 400 | 413 };

/**
 * A document posted against one item of a dossier's checklist (`requirementId`, "" for an extra one, and the file
 * as `document`): read, size-limited and type-checked, with the message to show next to that item when refused.
 */
export async function readChecklistUpload(request: Request, t: TFunction): Promise<ChecklistUpload> {
  const form = await readMultipartForm(request, { maxFileBytes: MAX_DOCUMENT_BYTES });
  const target = String(form.get("requirementId") ?? "");
  const upload = await checkUpload(form.get("document"));
  if (!upload.ok) return { ok: false, target, ...uploadRefusal(upload.problem, t) };
  return { ok: true, target, upload };
}
