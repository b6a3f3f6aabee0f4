import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { logConsultation } from "../modules/technology/commands.server";
import { enterpriseHistory } from "../modules/technology/queries.server";
import { CONSULTATION_KINDS, ConsultationSchema } from "../modules/technology/schemas";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate, formatDecimal } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import { AppForm, Button, Field } from "../ui/form";
import { AuditTimeline } from "../ui/history";
import { Badge, Card, Facts, PageHeader } from "../ui/layout";
import { ApplicationStatusBadge, ImplementationBadge, StageBadge } from "../ui/technology";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? "Doanh nghiệp"} – Đổi mới công nghệ – Cổng ĐMST Quảng Ngãi` },
];

const PROGRAMME_ACTIONS = ["technology.consultation_logged", "technology.assessment_recorded"];

/** One enterprise's history in the programme: outreach, consultations, assessments, applications; staff log consultations here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const id = param(params, "id");
  const [history, audit] = await Promise.all([
    enterpriseHistory(db, id),
    historyOf(db, "organisation", id, { actions: PROGRAMME_ACTIONS }),
  ]);
  return { ...history, audit, today: provinceDate(nowIso()), staffName: user.fullName };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const parsed = parseForm(await readForm(request), ConsultationSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = param(params, "id");
  const outcome = await logConsultation(getDb(), user, id, parsed.value, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: {} as Record<string, string> });
  return redirectWithFlash(`/staff/technology/enterprises/${id}`, t("technology.enterprise.consultationLogged"));
}

export default function TechnologyEnterprise() {
  const { t, i18n } = useTranslation();
  const decimal = (value: number) => formatDecimal(value, i18n.language);
  const { organisation, stage, campaigns, consultations, assessments, applications, audit, today, staffName } =
    useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const values = failed?.values ?? {};
  return (
    <>
      <PageHeader
        title={organisation.name}
        lead={t("technology.enterprise.title")}
        actions={<Link to="/staff/technology">{t("technology.board.title")}</Link>}
      />
      <Card>
        <Facts
          items={[
            [t("technology.enterprise.stage"), <StageBadge key="stage" stage={stage} />],
            [t("technology.fields.taxCode"), organisation.tax_code ?? "—"],
            [t("technology.fields.sector"), organisation.sector ?? "—"],
          ]}
        />
        <p className="actions">
          <Link to={`/staff/technology/assessments/new?organisation=${organisation.id}`}>
            {t("technology.assessments.new")}
          </Link>
        </p>
      </Card>

      <Card title={t("technology.enterprise.consultations")}>
        {consultations.length === 0 ? (
          <p>{t("technology.enterprise.none")}</p>
        ) : (
          <ul className="consultations">
            {consultations.map((c) => (
              <li key={c.id} id={`consultation-${c.id}`}>
                <p>
                  <strong>{formatDate(c.held_on, i18n.language)}</strong> –{" "}
                  <Badge tone="info">{t(`technology.consultationKinds.${c.kind}`)}</Badge> – {c.staff_names}
                </p>
                <p className="pre-line">{`${t("technology.fields.findings")}: ${c.findings}`}</p>
                <p className="pre-line">{`${t("technology.fields.advice")}: ${c.advice}`}</p>
                {c.next_step ? (
                  <p className="pre-line">{`${t("technology.fields.nextStep")}: ${c.next_step}`}</p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h3>{t("technology.enterprise.logConsultation")}</h3>
        {/* A new key after each logged consultation empties the form for the next one. */}
        <AppForm key={consultations.length} method="post" errors={failed?.errors}>
          <div className="form-grid">
            <Field
              name="kind"
              as="select"
              label={t("technology.fields.consultationKind")}
              required
              defaultValue={values.kind ?? "field_visit"}
              options={CONSULTATION_KINDS.map((k) => ({ value: k, label: t(`technology.consultationKinds.${k}`) }))}
              error={failed?.errors.kind}
            />
            <Field
              name="heldOn"
              type="date"
              label={t("technology.fields.heldOn")}
              required
              defaultValue={values.heldOn ?? today}
              error={failed?.errors.heldOn}
            />
            <Field
              name="staffNames"
              label={t("technology.fields.staffNames")}
              required
              defaultValue={values.staffNames ?? staffName}
              error={failed?.errors.staffNames}
            />
          </div>
          <Field
            name="findings"
            as="textarea"
            rows={3}
            label={t("technology.fields.findings")}
            required
            defaultValue={values.findings}
            error={failed?.errors.findings}
          />
          <Field
            name="advice"
            as="textarea"
            rows={3}
            label={t("technology.fields.advice")}
            required
            defaultValue={values.advice}
            error={failed?.errors.advice}
          />
          <Field
            name="nextStep"
            label={t("technology.fields.nextStep")}
            defaultValue={values.nextStep}
            error={failed?.errors.nextStep}
          />
          <Button>{t("technology.enterprise.logConsultation")}</Button>
        </AppForm>
      </Card>

      <Card title={t("technology.enterprise.applications")}>
        {applications.length === 0 ? (
          <p>{t("technology.enterprise.none")}</p>
        ) : (
          <ul>
            {applications.map((a) => (
              <li key={a.id}>
                <Link to={`/staff/technology/applications/${a.id}`}>{a.technology}</Link>{" "}
                <ApplicationStatusBadge status={a.status} /> {a.certificate_number ? `${a.certificate_number} ` : ""}
                {a.status === "approved" ? <ImplementationBadge status={a.implementation_status} /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("technology.enterprise.assessments")}>
        {assessments.length === 0 ? (
          <p>{t("technology.enterprise.none")}</p>
        ) : (
          <ul>
            {assessments.map((a) => (
              <li key={a.id} id={`assessment-${a.id}`}>
                {`${a.year}: ${a.level_name} – ${t("technology.fields.total")} ${decimal(a.total)}, ${t("technology.fields.coefficient")} ${decimal(a.coefficient)} (T ${decimal(a.t_score)} · E ${decimal(a.e_score)} · O ${decimal(a.o_score)} · R ${decimal(a.r_score)} · I ${decimal(a.i_score)})`}{" "}
                {a.settings_verified ? null : (
                  <Badge tone="warning">{t("technology.assessments.unverifiedBadge")}</Badge>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t("technology.enterprise.campaigns")}>
        {campaigns.length === 0 ? (
          <p>{t("technology.enterprise.none")}</p>
        ) : (
          <ul>
            {campaigns.map((c) => (
              <li key={c.id}>
                <Link to={`/staff/technology/outreach/${c.id}`}>{c.title}</Link> –{" "}
                {t(`technology.channels.${c.channel}`)}, {formatDate(c.held_on, i18n.language)}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {audit.length ? (
        <Card title={t("technology.applications.history")}>
          <AuditTimeline items={audit} />
        </Card>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
