import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { updateOrganisation } from "../modules/organisations/commands.server";
import { getReadableOrganisation } from "../modules/organisations/queries.server";
import { canEditOrganisation } from "../modules/organisations/rules";
import { OrganisationSchema } from "../modules/organisations/schemas";
import { requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { echoedValues, fieldFailure, parseForm, readForm, refusal } from "../lib/forms.server";
import { forbidden, param } from "../lib/http.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { conflictFailure, loadedVersion } from "../lib/versions.server";
import { AppForm, Button, VersionField } from "../ui/form";
import { PageHeader } from "../ui/layout";
import { OrganisationFields } from "../ui/organisation-fields";

export const meta: MetaFunction = () => [{ title: "Sửa thông tin tổ chức – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { organisation, member } = await getReadableOrganisation(getDb(), user, param(params, "id"));
  if (!canEditOrganisation(user, member)) forbidden();
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      taxCode: organisation.tax_code,
      province: organisation.province,
      commune: organisation.commune,
      oldDistrict: organisation.old_district,
      addressLine: organisation.address_line,
      sector: organisation.sector,
      foundedOn: organisation.founded_on,
      email: organisation.email,
      phone: organisation.phone,
      website: organisation.website,
      description: organisation.description,
    },
    version: organisation.version,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { member } = await getReadableOrganisation(getDb(), user, param(params, "id"));
  if (!canEditOrganisation(user, member)) forbidden();
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const form = await readForm(request);
  const result = parseForm(form, OrganisationSchema, t);
  if (!result.ok) return data(result, { status: 400 });
  const loaded = loadedVersion(form);
  if (loaded === null)
    return data(fieldFailure("_form", t("errors.versionMissing"), Object.fromEntries(form)), { status: 400 });
  const outcome = await updateOrganisation(getDb(), user, param(params, "id"), result.value, loaded, context.clientIp);
  if (!outcome.ok && "conflict" in outcome)
    return data(conflictFailure(outcome.conflict, t, locale, form), { status: 409 });
  if (!outcome.ok) return refusal(outcome.problems, t, { values: echoedValues(Object.fromEntries(form)) });
  return redirectWithFlash(`/organisations/${params.id}`, t("organisations.saved"));
}

export default function EditOrganisationPage() {
  const { t } = useTranslation();
  const { organisation, version } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="card">
      <PageHeader title={t("organisations.editTitle")} lead={organisation.name} />
      <AppForm method="post" errors={actionData?.errors}>
        <VersionField version={actionData && "version" in actionData ? actionData.version : version} />
        <OrganisationFields values={actionData?.values ?? organisation} errors={actionData?.errors} />
        <Button>{t("common.save")}</Button>
      </AppForm>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
