import type { LoaderFunctionArgs } from "@remix-run/node";
import { zipSync } from "fflate";
import { entryDocuments, getEntryForStaff } from "../modules/competition/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { storedFileName } from "../lib/file-name";
import { readBlob } from "../lib/files.server";
import { notFound, param } from "../lib/http.server";

/** Every document of an entry in one ZIP, named by receipt number. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const entry = await getEntryForStaff(db, param(params, "entryId"));
  if (entry.edition_id !== params.id) notFound();
  const files: Record<string, Uint8Array> = {};
  for (const document of await entryDocuments(db, entry.id)) {
    const bytes = await readBlob(document);
    if (!bytes) continue;
    // Names stored before storedFileName existed may still hold invisible controls: cleaned again as they reach a disk.
    const stored = storedFileName(document.original_name);
    let name = stored;
    for (let copy = 2; files[name]; copy++) name = `${copy}-${stored}`;
    files[name] = new Uint8Array(bytes);
  }
  const zip = zipSync(files, { level: 6 });
  const fileName = `${entry.receipt_number ?? entry.id}.zip`;
  return new Response(zip, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
