import type { LoaderFunctionArgs } from "@remix-run/node";
import { participationCertificatePdf } from "../modules/technology/certificate.server";
import { certificateOf } from "../modules/technology/queries.server";
import { pdfResponse } from "../lib/admin-document.server";
import { requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { param } from "../lib/http.server";
import { publicUrl } from "../lib/public-url.server";

/** A participation certificate: for staff, leaders and admins, and the enterprise's members; never once revoked. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const application = await certificateOf(getDb(), user, param(params, "id"));
  const code = application.verification_code!;
  const pdf = await participationCertificatePdf({
    number: application.certificate_number!,
    issuedAt: application.certificate_issued_at!,
    enterpriseName: application.enterprise_name,
    taxCode: application.tax_code,
    address: [application.address_line, application.commune, application.province].filter(Boolean).join(", ") || null,
    kind: application.kind,
    technology: application.technology,
    supplier: application.supplier,
    totalInvestmentVnd: application.total_investment_vnd,
    startsOn: application.starts_on,
    endsOn: application.ends_on,
    signerTitle: application.signer_title!,
    signerName: application.signer_name!,
    verificationCode: code,
    verifyUrl: publicUrl(`/verify/${encodeURIComponent(code)}`),
  });
  return pdfResponse(pdf, `giay-xac-nhan-${application.certificate_number!.replace("/", "-")}.pdf`);
}
