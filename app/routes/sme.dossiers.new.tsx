import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createDossier } from "../modules/sme/commands.server";
import { currentProgramme, myEnterprises, supportTypesOf } from "../modules/sme/queries.server";
import { NewDossierSchema } from "../modules/sme/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { formValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { Card, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Lập hồ sơ đề nghị hỗ trợ – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const db = getDb();
  const [programme, enterprises] = await Promise.all([currentProgramme(db), myEnterprises(db, user)]);
  const types = programme ? await supportTypesOf(db, programme.id) : [];
  return {
    programme: programme
      ? {
          name: programme.name,
          status: programme.status,
          status_reason: programme.status_reason,
          status_changed_on: programme.status_changed_on,
          paused_intake: programme.paused_intake,
        }
      : null,
    enterprises: enterprises.map((e) => ({ id: e.id, name: e.name, size: e.size })),
    types: types.map((type) => ({
      id: type.id,
      name: type.name,
      article: type.article,
      startups_only: type.startups_only,
    })),
    chosen: new URL(request.url).searchParams.get("organisation") ?? "",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, NewDossierSchema, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const outcome = await createDossier(getDb(), user, parsed.value, context.clientIp);
  if (!outcome.ok) {
    const values = Object.fromEntries(
      Object.entries(formValues(form)).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    return refusal(outcome.problems, t, { values });
  }
  return redirectWithFlash(`/sme/dossiers/${outcome.id}`, t("sme.applicant.newDossier.created"));
}

export default function NewSmeDossier() {
  const { t, i18n } = useTranslation();
  const { programme, enterprises, types, chosen } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const errors = failed?.errors;
  const values = failed?.values ?? {};
  const undeclared = enterprises.filter((e) => !e.size);
  return (
    <>
      <PageHeader
        title={t("sme.applicant.newDossier.title")}
        lead={t("sme.applicant.newDossier.lead")}
        actions={<Link to="/sme">{t("sme.applicant.backToList")}</Link>}
      />
      {!programme ? (
        <Notice>{t("sme.applicant.programme.none")}</Notice>
      ) : enterprises.length === 0 ? (
        <Notice>
          {t("sme.applicant.enterprises.empty")}{" "}
          <Link to="/organisations/new">{t("sme.applicant.enterprises.register")}</Link>
        </Notice>
      ) : (
        <Card title={programme.name}>
          {programme.status === "paused" ? (
            <Notice tone="danger">
              {`${t("sme.applicant.programme.paused", { date: formatDate(programme.status_changed_on, i18n.language), reason: programme.status_reason ?? "—" })} ${t(programme.paused_intake === "refuse" ? "sme.applicant.programme.pausedRefuse" : "sme.applicant.programme.pausedQueue")}`}
            </Notice>
          ) : null}
          {undeclared.length ? (
            <Notice>
              {t("sme.applicant.newDossier.notDeclared", { names: undeclared.map((e) => e.name).join(", ") })}{" "}
              {undeclared.map((e) => (
                <Link key={e.id} to={`/sme/profile?organisation=${e.id}`}>
                  {`${t("sme.applicant.enterprises.declare")}: ${e.name}`}{" "}
                </Link>
              ))}
            </Notice>
          ) : null}
          <AppForm method="post" errors={errors}>
            <Field
              name="organisationId"
              as="select"
              label={t("sme.applicant.newDossier.organisationId")}
              required
              defaultValue={values.organisationId ?? (chosen || (enterprises.length === 1 ? enterprises[0].id : ""))}
              error={errors?.organisationId}
              options={[
                { value: "", label: t("sme.applicant.newDossier.chooseEnterprise") },
                ...enterprises.map((e) => ({
                  value: e.id,
                  label: e.size
                    ? `${e.name} (${t(`sme.sizes.${e.size}`)})`
                    : `${e.name} (${t("sme.applicant.enterprises.notDeclared")})`,
                })),
              ]}
            />
            <Field
              name="supportTypeId"
              as="select"
              label={t("sme.applicant.newDossier.supportTypeId")}
              required
              defaultValue={values.supportTypeId ?? ""}
              error={errors?.supportTypeId}
              options={[
                { value: "", label: t("sme.applicant.newDossier.chooseType") },
                ...types.map((type) => ({ value: type.id, label: `${type.name} (${type.article})` })),
              ]}
            />
            <Field
              name="content"
              as="textarea"
              rows={4}
              label={t("sme.applicant.newDossier.content")}
              hint={t("sme.applicant.newDossier.contentHint")}
              required
              defaultValue={values.content}
              error={errors?.content}
            />
            <div className="form-grid">
              <Field
                name="providerName"
                label={t("sme.applicant.newDossier.providerName")}
                required
                defaultValue={values.providerName}
                error={errors?.providerName}
              />
              <Field
                name="providerTaxCode"
                label={t("sme.applicant.newDossier.providerTaxCode")}
                defaultValue={values.providerTaxCode}
                error={errors?.providerTaxCode}
              />
              <Field
                name="totalCostVnd"
                label={t("sme.applicant.newDossier.totalCostVnd")}
                hint={t("sme.applicant.profile.moneyHint")}
                required
                defaultValue={values.totalCostVnd}
                error={errors?.totalCostVnd}
              />
              <Field
                name="requestedVnd"
                label={t("sme.applicant.newDossier.requestedVnd")}
                hint={t("sme.applicant.newDossier.requestedHint")}
                required
                defaultValue={values.requestedVnd}
                error={errors?.requestedVnd}
              />
              <Field
                name="months"
                type="number"
                label={t("sme.applicant.newDossier.months")}
                hint={t("sme.applicant.newDossier.monthsHint")}
                defaultValue={values.months}
                error={errors?.months}
              />
            </div>
            <p>
              <Link to="/sme">{t("sme.applicant.newDossier.ratesLink")}</Link>
            </p>
            <Button>{t("sme.applicant.newDossier.create")}</Button>
          </AppForm>
        </Card>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
