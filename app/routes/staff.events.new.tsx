import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { createEvent } from "../modules/connections/commands.server";
import { organiserChoices, ownOrganiser } from "../modules/connections/queries.server";
import { EventSchema } from "../modules/connections/schemas";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { echoedValues, parseForm, readForm, refusal } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";
import { EventFields } from "../ui/connections";
import { AppForm, Button } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";

export const meta: MetaFunction = () => [{ title: "Ghi nhận sự kiện – Cổng ĐMST Quảng Ngãi" }];

const WRITERS = ["staff", "admin"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const db = getDb();
  const [organisers, own] = await Promise.all([organiserChoices(db), ownOrganiser(db, user.id)]);
  return { organisers, own };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, WRITERS);
  const t = await getTranslator(request);
  const form = await readForm(request);
  const coOrganiserIds = form.getAll("coOrganiserIds").map(String);
  const result = parseForm(form, EventSchema, t);
  if (!result.ok) return data({ errors: result.errors, values: { ...result.values, coOrganiserIds } }, { status: 400 });
  const outcome = await createEvent(getDb(), user, result.value, context.clientIp);
  if (!outcome.ok)
    return refusal(outcome.problems, t, {
      values: {
        ...echoedValues(Object.fromEntries(form)),
        coOrganiserIds,
      },
    });
  return redirectWithFlash(`/staff/events/${outcome.id}`, t("connections.eventCreated"));
}

export default function NewEventPage() {
  const { t } = useTranslation();
  const { organisers, own } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <PageHeader
        title={t("connections.newEvent")}
        lead={t("connections.newEventLead")}
        actions={<Link to="/staff/events">{t("connections.backToEvents")}</Link>}
      />
      <Card>
        <AppForm method="post" errors={failed?.errors}>
          <EventFields
            values={failed?.values ?? { organiserId: own ?? "" }}
            errors={failed?.errors}
            organisers={organisers}
          />
          <Button>{t("connections.newEvent")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
