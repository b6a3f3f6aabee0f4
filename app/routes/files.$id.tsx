import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReadableAttachment } from "../modules/attachments/queries.server";
import { requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { storedFileName } from "../lib/file-name";
import { readBlob } from "../lib/files.server";
import { notFound, param } from "../lib/http.server";

/** Every uploaded file is served here, and only to those its owner's module allows. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attachment = await getReadableAttachment(getDb(), user, param(params, "id"));
  const bytes = await readBlob(attachment);
  if (!bytes) notFound();
  const inline = attachment.media_type === "application/pdf" || attachment.media_type.startsWith("image/");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.media_type,
      "Content-Length": String(attachment.size_bytes),
      // Cleaned again: names stored before storedFileName existed may still hold invisible controls.
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(storedFileName(attachment.original_name))}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
