import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { type FieldErrors, parseForm, readForm, refusal } from "../lib/forms.server";
import { param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { blindConflictChoices } from "../modules/judging/blind-conflicts.server";
import { declareBlindConflicts } from "../modules/judging/commands.server";
import { BlindConflictSchema } from "../modules/judging/schemas";
import { AppForm, Button, CheckboxField, Field } from "../ui/form";
import { Card, Notice, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Khai báo xung đột lợi ích – Cổng ĐMST Quảng Ngãi" }];

/**
 * A blind round's declaration of conflicts, for the judges of that round only (403 for anyone else): names in, and
 * nothing about the entries out, neither on the page nor in the answer.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  return blindConflictChoices(getDb(), user, param(params, "roundId"));
}

type ActionResult = { errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ["judge"]);
  const t = await getTranslator(request);
  const db = getDb();
  const roundId = param(params, "roundId");
  const parsed = parseForm(await readForm(request), BlindConflictSchema, t);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { organisations, people, reason } = parsed.value;
  const outcome = await declareBlindConflicts(db, user, roundId, { organisations, people }, reason, context.clientIp);
  if (!outcome.ok) return refusal(outcome.problems, t, { values: { reason } });
  return redirectWithFlash("/judging", t("blindConflicts.declared"));
}

export default function BlindConflictsPage() {
  const { t } = useTranslation();
  const { round, organisations, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData && "errors" in actionData ? actionData.errors : {};
  const values = (actionData && "values" in actionData ? actionData.values : undefined) ?? {};
  const list = (name: "organisations" | "people", names: string[]) => (
    <fieldset>
      <legend>{t(`blindConflicts.${name}`)}</legend>
      {errors[name] ? (
        <p className="field-error" role="alert">
          {errors[name]}
        </p>
      ) : null}
      {names.length === 0 ? <p>{t("blindConflicts.noneListed")}</p> : null}
      {names.map((label) => (
        <CheckboxField key={label} name={name} value={label} label={label} />
      ))}
    </fieldset>
  );
  return (
    <>
      <PageHeader
        title={t("blindConflicts.title", { round: round.name })}
        lead={t("blindConflicts.lead", { round: round.name, edition: round.edition })}
        actions={<Link to="/judging">{t("blindConflicts.back")}</Link>}
      />
      {round.closed ? (
        <Notice>{t("blindConflicts.closed")}</Notice>
      ) : (
        <Card>
          <AppForm method="post" errors={errors}>
            {errors._form ? <Notice tone="danger">{errors._form}</Notice> : null}
            {list("organisations", organisations)}
            {list("people", people)}
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("blindConflicts.reason")}
              required
              defaultValue={values.reason}
              error={errors.reason}
            />
            <Button>{t("blindConflicts.declare")}</Button>
          </AppForm>
        </Card>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
