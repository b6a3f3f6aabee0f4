import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf } from "../modules/judging/certificate.server";
import { certificateOfAward } from "../modules/judging/results.server";
import { requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { publicUrl } from "../lib/public-url.server";
import { param } from "../lib/http.server";

/** A winner's certificate: for staff, leaders and admins, and the winning organisation's members, once the results are published. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const award = await certificateOfAward(getDb(), user, param(params, "awardId"));
  const pdf = await certificatePdf({
    editionName: award.edition_name,
    prizeLabel: award.rank_label,
    projectName: award.project_name,
    teamName: award.team_name,
    memberNames: award.memberNames,
    verificationCode: award.verification_code,
    verifyUrl: publicUrl(`/verify/${encodeURIComponent(award.verification_code)}`),
    issuedOn: award.issuedOn,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`giay-chung-nhan-${award.verification_code}.pdf`)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
