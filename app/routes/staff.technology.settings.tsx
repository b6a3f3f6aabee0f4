import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { certificateNumbering, saveCertificateFormat } from "../modules/technology/commands.server";
import { CertificateFormatSchema } from "../modules/technology/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Facts, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Số Giấy xác nhận tham gia Chương trình – Cổng ĐMST Quảng Ngãi" }];

/** The programme's numbering of participation certificates: the format in force and the next number it gives. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  return certificateNumbering(getDb());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), CertificateFormatSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await saveCertificateFormat(getDb(), user, parsed.value.format, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: echoedValues(parsed.value) });
  return redirectWithFlash("/staff/technology/settings", t("records.certificateNumbers.saved"));
}

export default function TechnologySettings() {
  const { t } = useTranslation();
  const { format, year, next } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t("records.certificateNumbers.title")}
        lead={t("records.certificateNumbers.lead")}
        actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [t("records.certificateNumbers.format"), <code key="format">{format}</code>],
            [t("records.certificateNumbers.next", { year: String(year) }), <strong key="next">{next}</strong>],
          ]}
        />
        <AppForm method="post" errors={failed?.errors}>
          <Field
            name="format"
            label={t("records.certificateNumbers.format")}
            hint={t("records.certificateNumbers.formatHint")}
            defaultValue={failed?.values.format ?? format}
            error={failed?.errors.format}
            required
          />
          <Button>{t("records.certificateNumbers.save")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
