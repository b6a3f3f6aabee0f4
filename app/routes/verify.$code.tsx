import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { verifiedCertificate } from "../modules/judging/results.server";
import { verifiedTechCertificate } from "../modules/technology/queries.server";
import { getDb } from "../lib/db.server";
import { notFound } from "../lib/http.server";
import { verificationCodeOf } from "../lib/verification-code";
import { formatDate } from "../lib/format";
import { GeneralErrorBoundary } from "../ui/error-boundary";
import { Card, Facts, Notice, PageHeader } from "../ui/layout";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction = () => [{ title: "Xác thực giấy chứng nhận – Cổng ĐMST Quảng Ngãi" }];

/**
 * The one public check behind every certificate's QR code: a participation certificate of the technology programme
 * (shown even when revoked, saying so) or a prize certificate (only of published awards). Codes are random, so one
 * code names one document of one kind.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = verificationCodeOf(params.code ?? "");
  if (!code) notFound();
  const participation = await verifiedTechCertificate(getDb(), code);
  if (participation) return { kind: "participation" as const, participation };
  return { kind: "prize" as const, certificate: await verifiedCertificate(getDb(), code) };
}

export default function VerifyCertificatePage() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  if (loaded.kind === "participation") return <ParticipationCertificate certificate={loaded.participation} />;
  const { certificate } = loaded;
  return (
    <>
      <PageHeader title={t("prizes.verify.title")} />
      <Card>
        <Notice tone="success">{t("prizes.verify.valid")}</Notice>
        <p>{t("prizes.verify.validLead", { code: certificate.code })}</p>
        <Facts
          items={[
            [t("prizes.verify.edition"), certificate.editionName],
            [t("prizes.verify.prize"), certificate.prizeLabel],
            [t("prizes.verify.project"), certificate.projectName],
            [t("prizes.verify.team"), certificate.teamName],
            [t("prizes.verify.issuedOn"), formatDate(certificate.publishedAt, i18n.language)],
            [t("prizes.verify.code"), certificate.code],
          ]}
        />
      </Card>
      <AnotherCode />
    </>
  );
}

/** Back to the form, for the next code. */
function AnotherCode() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/verify">{t("entryExtras.verifyForm.another")}</Link>
    </p>
  );
}

function ParticipationCertificate({
  certificate,
}: {
  certificate: NonNullable<Awaited<ReturnType<typeof verifiedTechCertificate>>>;
}) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <PageHeader title={t("prizes.verify.title")} lead={t("technology.verify.kind")} />
      <Card>
        {certificate.revoked_at ? (
          <Notice tone="danger">
            {t("technology.verify.revoked", { date: formatDate(certificate.revoked_at, i18n.language) })}
          </Notice>
        ) : (
          <Notice tone="success">{t("technology.verify.valid")}</Notice>
        )}
        <p>{t("technology.verify.validLead", { code: certificate.code })}</p>
        <Facts
          items={[
            [t("technology.verify.number"), certificate.number],
            [
              t("technology.verify.enterprise"),
              certificate.tax_code
                ? `${certificate.enterprise_name} (${certificate.tax_code})`
                : certificate.enterprise_name,
            ],
            [t("technology.verify.technology"), certificate.technology],
            [t("technology.verify.issuedOn"), formatDate(certificate.issued_at, i18n.language)],
            [t("prizes.verify.code"), certificate.code],
          ]}
        />
      </Card>
      <AnotherCode />
    </>
  );
}

/** An unknown code says so plainly, with the code that was looked up. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { code } = useParams();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">404</p>
      <h1 id="error-title">{t("prizes.verify.notFound")}</h1>
      <p>{t("prizes.verify.notFoundBody", { code: code ?? "" })}</p>
      <p>
        <Link to="/verify">{t("entryExtras.verifyForm.another")}</Link> · <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
