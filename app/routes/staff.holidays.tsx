import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { looseTranslate } from "../modules/admin/audit-view";
import { proposeSettingChange } from "../modules/settings/proposals.server";
import { pendingProposals } from "../modules/settings/queries.server";
import { ProposeHolidayAddSchema, ProposeHolidayRemoveSchema } from "../modules/settings/schemas";
import { holidayYear, listHolidays, weekdayOf } from "../modules/calendar/queries.server";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDate } from "../lib/format";
import { parseForm, readForm, refusal } from "../lib/forms.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { provinceDate } from "../lib/province-time";
import { CALENDAR_DAY_KINDS } from "../lib/working-days";
import { nowIso } from "../lib/time.server";
import { AppForm, Button, Field } from "../ui/form";
import { Badge, Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";
import { PendingProposalsCard, SourceDocumentField } from "../ui/setting-proposals";
import { ExportLinks } from "../ui/export-links";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Lịch nghỉ lễ, Tết – Cổng ĐMST Quảng Ngãi" }];

/**
 * The calendar moves every open deadline: anyone of the Department proposes a day added or removed with its legal
 * source, and it takes effect when another leader approves it (/staff/settings-proposals).
 */
const DEPARTMENT = ["staff", "leader", "admin"] as const;
export const intents = { add: DEPARTMENT, remove: DEPARTMENT } satisfies IntentRoles;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const thisYear = Number(provinceDate(nowIso()).slice(0, 4));
  const year = holidayYear(new URL(request.url).searchParams, thisYear);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const [holidays, proposals] = await Promise.all([
    listHolidays(getDb(), year),
    pendingProposals(getDb(), { calendar: true }, looseTranslate(t), locale),
  ]);
  return {
    proposals,
    year,
    thisYear,
    holidays: holidays.map((h) => ({
      day: h.day,
      name: h.name,
      kind: h.kind,
      source: h.source,
      weekday: weekdayOf(h.day),
    })),
    canEdit: (DEPARTMENT as readonly string[]).includes(user.role),
  };
}

type ActionResult = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const t = await getTranslator(request);
  const db = getDb();
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const invalid = (errors: Record<string, string>, values: Record<string, string>) =>
    data<ActionResult>({ intent, errors, values }, { status: 400 });
  const yearOf = (day: string) => `/staff/holidays?year=${day.slice(0, 4)}`;

  switch (intent) {
    case "add": {
      const result = parseForm(form, ProposeHolidayAddSchema, t);
      if (!result.ok) return invalid(result.errors, result.values);
      const { sourceDocument, ...payload } = result.value;
      const outcome = await proposeSettingChange(
        db,
        user,
        {
          kind: "holiday_add",
          targetId: payload.day,
          loaded: null,
          payload: { ...payload, source: payload.source ?? null },
          sourceDocument,
        },
        context.clientIp,
      );
      if (!outcome.ok && "conflict" in outcome) throw new Error("the calendar carries no version");
      if (!outcome.ok)
        return refusal(outcome.problems, t, {
          intent,
          values: {
            day: result.value.day,
            name: result.value.name,
            kind: result.value.kind,
            source: result.value.source ?? "",
            sourceDocument,
          },
        });
      return redirectWithFlash(yearOf(result.value.day), t("settings.proposed"));
    }
    case "remove": {
      const result = parseForm(form, ProposeHolidayRemoveSchema, t);
      if (!result.ok) return invalid(result.errors, result.values);
      const { day, sourceDocument } = result.value;
      const outcome = await proposeSettingChange(
        db,
        user,
        { kind: "holiday_remove", targetId: day, loaded: null, payload: { day }, sourceDocument },
        context.clientIp,
      );
      if (!outcome.ok && "conflict" in outcome) throw new Error("the calendar carries no version");
      if (!outcome.ok) return refusal(outcome.problems, t, { intent, values: { day } });
      return redirectWithFlash(yearOf(day), t("settings.proposed"));
    }
    default:
      return invalid({ _form: t("errors.invalid") }, {});
  }
}

export default function Holidays() {
  const { t, i18n } = useTranslation();
  const { year, thisYear, holidays, canEdit, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const added = actionData?.intent === "add" ? actionData : undefined;
  const removal = actionData && actionData.intent !== "add" ? actionData : undefined;
  const lang = i18n.language;
  return (
    <>
      <PageHeader
        title={t("sme.programme.holidays.title")}
        lead={t("sme.programme.holidays.lead")}
        actions={<Link to="/staff/sme/programme">{t("sme.programme.title")}</Link>}
      />
      <nav className="year-nav" aria-label={t("sme.programme.holidays.yearNav")}>
        <Link to={`?year=${year - 1}`}>{t("sme.programme.holidays.previous", { year: String(year - 1) })}</Link>
        {year !== thisYear ? <Link to={`?year=${thisYear}`}>{t("sme.programme.holidays.thisYear")}</Link> : null}
        <Link to={`?year=${year + 1}`}>{t("sme.programme.holidays.next", { year: String(year + 1) })}</Link>
      </nav>
      {removal ? <Notice tone="danger">{String(Object.values(removal.errors)[0] ?? "")}</Notice> : null}
      <PendingProposalsCard proposals={proposals} />

      <Card title={t("sme.programme.holidays.yearTitle", { year: String(year) })}>
        {holidays.length === 0 ? (
          <p>{t("sme.programme.holidays.none", { year: String(year) })}</p>
        ) : (
          <>
            <p className="field-hint">
              {t("sme.programme.holidays.count", { count: holidays.filter((h) => h.kind === "day_off").length })}
              {" · "}
              {t("sme.programme.holidays.workingCount", {
                count: holidays.filter((h) => h.kind === "working_day").length,
              })}
            </p>
            <ExportLinks path="/staff/holidays/export" />
            <SimpleTable
              rows={holidays}
              rowKey={(holiday) => holiday.day}
              columns={[
                {
                  key: "day",
                  header: t("sme.programme.holidays.day"),
                  cell: (holiday) => <time dateTime={holiday.day}>{formatDate(holiday.day, lang)}</time>,
                },
                {
                  key: "weekday",
                  header: t("sme.programme.holidays.weekday"),
                  cell: (holiday) => (
                    <>
                      {t(`sme.programme.weekdays.${holiday.weekday}`)}
                      {holiday.weekday === "sat" || holiday.weekday === "sun" ? (
                        <>
                          {" "}
                          <Badge>{t("sme.programme.holidays.weekend")}</Badge>
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: "kind",
                  header: t("sme.programme.holidays.kind"),
                  cell: (holiday) =>
                    holiday.kind === "working_day" ? (
                      <Badge tone="warning">{t("sme.programme.holidays.kinds.working_day")}</Badge>
                    ) : (
                      t("sme.programme.holidays.kinds.day_off")
                    ),
                },
                { key: "name", header: t("sme.programme.holidays.name"), cell: (holiday) => holiday.name },
                {
                  key: "source",
                  header: t("sme.programme.holidays.source"),
                  cell: (holiday) => holiday.source ?? "—",
                },
                canEdit && {
                  key: "actions",
                  header: t("sme.programme.holidays.actions"),
                  cell: (holiday) => (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="day" value={holiday.day} />
                      <ConfirmAction
                        label={t("sme.programme.holidays.remove")}
                        confirmLabel={t("sme.programme.holidays.remove")}
                        message={t("sme.programme.holidays.confirmRemove", {
                          day: formatDate(holiday.day, lang),
                          name: holiday.name,
                        })}
                      >
                        <SourceDocumentField />
                      </ConfirmAction>
                    </Form>
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>

      {canEdit ? (
        <Card title={t("sme.programme.holidays.addTitle")}>
          <AppForm key={holidays.length} method="post" errors={added?.errors}>
            <input type="hidden" name="intent" value="add" />
            <div className="form-grid">
              <Field
                name="day"
                type="date"
                label={t("sme.programme.holidays.day")}
                required
                defaultValue={added?.values.day}
                error={added?.errors.day}
              />
              <Field
                name="kind"
                as="select"
                label={t("sme.programme.holidays.kind")}
                options={CALENDAR_DAY_KINDS.map((kind) => ({
                  value: kind,
                  label: t(`sme.programme.holidays.kinds.${kind}`),
                }))}
                defaultValue={added?.values.kind ?? "day_off"}
                error={added?.errors.kind}
              />
              <Field
                name="name"
                label={t("sme.programme.holidays.name")}
                hint={t("sme.programme.holidays.namePlaceholderHint")}
                required
                defaultValue={added?.values.name}
                error={added?.errors.name}
              />
              <Field
                name="source"
                label={t("sme.programme.holidays.source")}
                hint={t("sme.programme.holidays.sourceHint")}
                defaultValue={added?.values.source}
                error={added?.errors.source}
              />
            </div>
            <SourceDocumentField values={added?.values} errors={added?.errors} />
            <Button>{t("sme.programme.holidays.add")}</Button>
          </AppForm>
        </Card>
      ) : (
        <p className="field-hint">{t("sme.programme.holidays.readOnly")}</p>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
