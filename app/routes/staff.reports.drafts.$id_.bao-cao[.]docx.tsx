import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDocx } from "../modules/reports/document.server";
import { draftFileStem, getDraft, sectionsOf } from "../modules/reports/drafts.server";
import { DEPARTMENT_NAME, PARENT_BODY, placeAndDate } from "../lib/admin-document.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { param } from "../lib/http.server";

/** The draft as a Word document in the administrative layout, to finish, sign and send. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const draft = await getDraft(getDb(), param(params, "id"));
  const body = await reportDocx({
    parentBody: PARENT_BODY,
    issuingBody: DEPARTMENT_NAME,
    referenceNumber: draft.reference_number,
    placeAndDate: placeAndDate(draft.issued_on),
    title: "BÁO CÁO",
    subtitle: draft.subtitle,
    addressee: draft.addressee,
    introduction: draft.introduction,
    sections: sectionsOf(draft).map((section) => ({ heading: section.heading, text: section.text })),
    recipients: draft.recipients
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
    signerTitle: draft.signer_title,
    signerName: draft.signer_name,
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${draftFileStem(draft)}.docx"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
