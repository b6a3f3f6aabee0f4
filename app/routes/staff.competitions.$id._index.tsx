import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import {
  addSetupItem,
  copyEdition,
  removeSetupItem,
  requireEditionManager,
  setEditionPublished,
  setRequirementProof,
  updateEdition,
  type SetupItem,
  type SetupKind,
} from "../modules/competition/editions.server";
import { editionSetup, getEdition, submittedEntryCount } from "../modules/competition/queries.server";
import { editionPhase } from "../modules/competition/rules";
import type { Problem } from "../lib/outcome";
import {
  CategorySchema,
  CriterionSchema,
  EditionSchema,
  PrizeSchema,
  RemoveSchema,
  RequirementProofSchema,
  RequirementSchema,
  RoundSchema,
} from "../modules/competition/schemas";
import type { TFunction } from "../i18n";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatNumber } from "../lib/format";
import { echoedValues, type FormResult, parseForm, readForm, refusal } from "../lib/forms.server";
import { getLocale, getTranslator } from "../lib/locale.server";
import { conflictFailure, loadedVersion, type VersionConflict } from "../lib/versions.server";
import { nowIso } from "../lib/time.server";
import { EditionFields, EditionSetup, editionFormValues, PHASE_TONES } from "../ui/edition-setup";
import { AppForm, Button, VersionField } from "../ui/form";
import { Badge, Card, Notice, PageHeader } from "../ui/layout";
import { param } from "../lib/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.edition.name ?? "Kỳ thi"} – Cổng ĐMST Quảng Ngãi` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const [setup, entries] = await Promise.all([editionSetup(db, edition.id), submittedEntryCount(db, edition.id)]);
  return {
    edition: {
      id: edition.id,
      name: edition.name,
      status: edition.status,
      phase: editionPhase(edition, setup.rounds, nowIso()),
    },
    values: editionFormValues(edition),
    version: edition.version,
    setup: {
      ...setup,
      rounds: setup.rounds.map((round) => ({
        ...round,
        // Only what counts in the total is weighted (a sheet's total divides by the counted weights).
        weightsTotal: round.criteria.reduce((sum, c) => sum + (c.counts_in_total === 1 ? c.weight : 0), 0),
      })),
    },
    entries,
    canManage: user.role === "staff" || user.role === "admin",
  };
}

/** Each add form's schema and the set-up row it makes. */
function parseSetupItem(intent: string, form: FormData, t: TFunction): FormResult<SetupItem> | null {
  switch (intent) {
    case "add-category":
      return mapResult(parseForm(form, CategorySchema, t), (v) => ({
        kind: "category",
        name: v.name,
        categoryKind: v.kind,
        description: v.description,
      }));
    case "add-requirement":
      return mapResult(parseForm(form, RequirementSchema, t), (v) => ({
        kind: "requirement",
        label: v.label,
        required: v.required === "1",
        categoryId: v.categoryId,
        provesRule: v.provesRule,
      }));
    case "add-prize":
      return mapResult(parseForm(form, PrizeSchema, t), (v) => ({ kind: "prize", ...v }));
    case "add-round":
      return mapResult(parseForm(form, RoundSchema, t), (v) => ({
        kind: "round",
        name: v.name,
        roundKind: v.kind,
        startsOn: v.startsOn,
        endsOn: v.endsOn,
      }));
    case "add-criterion":
      return mapResult(parseForm(form, CriterionSchema, t), ({ notCounted, ...v }) => ({
        kind: "criterion",
        ...v,
        countsInTotal: !notCounted,
      }));
    default:
      return null;
  }
}

function mapResult<T, U>(result: FormResult<T>, to: (value: T) => U): FormResult<U> {
  return result.ok ? { ok: true, value: to(result.value) } : result;
}

/** Staff and admins set editions up; leaders read them (they approve and publish the results on the prizes page). */
const MANAGERS = ["staff", "admin"] as const;
export const intents = {
  update: MANAGERS,
  publish: MANAGERS,
  unpublish: MANAGERS,
  copy: MANAGERS,
  "add-category": MANAGERS,
  "add-requirement": MANAGERS,
  "set-requirement-proof": MANAGERS,
  "add-prize": MANAGERS,
  "add-round": MANAGERS,
  "add-criterion": MANAGERS,
  "remove-category": MANAGERS,
  "remove-requirement": MANAGERS,
  "remove-prize": MANAGERS,
  "remove-round": MANAGERS,
  "remove-criterion": MANAGERS,
} satisfies IntentRoles;

const REMOVE_INTENTS: Record<string, SetupKind> = {
  "remove-category": "category",
  "remove-requirement": "requirement",
  "remove-prize": "prize",
  "remove-round": "round",
  "remove-criterion": "criterion",
};

function echoed(form: FormData): Record<string, string> {
  return echoedValues(Object.fromEntries(form));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  requireEditionManager(user);
  const [t, locale] = await Promise.all([getTranslator(request), getLocale(request)]);
  const db = getDb();
  const id = param(params, "id");
  const here = `/staff/competitions/${id}`;
  const invalid = (result: { errors: Record<string, string>; values: Record<string, string> }) =>
    data({ intent, ok: false as const, errors: result.errors, values: result.values }, { status: 400 });
  const versionOf = () => loadedVersion(form);
  const versionMissing = () =>
    data(
      { intent, ok: false as const, errors: { _form: t("errors.versionMissing") }, values: echoed(form) },
      { status: 400 },
    );
  const conflicted = (conflict: VersionConflict["conflict"]) =>
    data({ intent, ...conflictFailure(conflict, t, locale, form) }, { status: 409 });
  const refused = (problems: Problem[]) => refusal(problems, t, { intent, ok: false as const, values: echoed(form) });

  if (intent === "update") {
    const result = parseForm(form, EditionSchema, t);
    if (!result.ok) return invalid(result);
    const loaded = versionOf();
    if (loaded === null) return versionMissing();
    const outcome = await updateEdition(db, user, id, result.value, loaded, context.clientIp);
    if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
    return outcome.ok ? redirectWithFlash(here, t("competition.saved")) : refused(outcome.problems);
  }
  if (intent === "publish" || intent === "unpublish") {
    const outcome = await setEditionPublished(db, user, id, intent === "publish", context.clientIp);
    return outcome.ok
      ? redirectWithFlash(here, t(intent === "publish" ? "competition.published" : "competition.unpublished"))
      : refused(outcome.problems);
  }
  if (intent === "copy") {
    const copyId = await copyEdition(db, user, id, context.clientIp);
    return redirectWithFlash(`/staff/competitions/${copyId}`, t("competition.copied"));
  }
  const item = parseSetupItem(intent, form, t);
  if (item) {
    if (!item.ok) return invalid(item);
    const loaded = versionOf();
    if (loaded === null) return versionMissing();
    const outcome = await addSetupItem(db, user, id, item.value, loaded, context.clientIp);
    if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
    return outcome.ok ? redirectWithFlash(here, t("competition.saved")) : refused(outcome.problems);
  }
  if (intent === "set-requirement-proof") {
    const result = parseForm(form, RequirementProofSchema, t);
    if (!result.ok) return invalid(result);
    const loaded = versionOf();
    if (loaded === null) return versionMissing();
    const { itemId, provesRule } = result.value;
    const outcome = await setRequirementProof(db, user, id, itemId, provesRule ?? null, loaded, context.clientIp);
    if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
    return outcome.ok ? redirectWithFlash(here, t("competition.saved")) : refused(outcome.problems);
  }
  const kind = REMOVE_INTENTS[intent];
  if (kind) {
    const result = parseForm(form, RemoveSchema, t);
    if (!result.ok) return invalid(result);
    const loaded = versionOf();
    if (loaded === null) return versionMissing();
    const outcome = await removeSetupItem(db, user, id, kind, result.value.itemId, loaded, context.clientIp);
    if (!outcome.ok && "conflict" in outcome) return conflicted(outcome.conflict);
    return outcome.ok ? redirectWithFlash(here, t("competition.saved")) : refused(outcome.problems);
  }
  throw new Response(t("errors.invalid"), { status: 400 });
}

export default function EditionSetupPage() {
  const { t, i18n } = useTranslation();
  const { edition, values, version, setup, entries, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answer = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const statusRefusal = answer("publish") ?? answer("unpublish") ?? answer("copy");
  const update = answer("update");
  return (
    <>
      <PageHeader
        title={edition.name}
        lead={t("competition.settings")}
        actions={
          <>
            {edition.status === "published" ? (
              <Link className="button button-secondary" to={`/competitions/${edition.id}`}>
                {t("competition.publicPage")}
              </Link>
            ) : null}
            <Link className="button button-secondary" to={`/staff/competitions/${edition.id}/entries`}>
              {t("competition.viewEntries")} ({formatNumber(entries, i18n.language)})
            </Link>
            <Link className="button button-secondary" to={`/staff/competitions/${edition.id}/prizes`}>
              {t("prizes.open")}
            </Link>
          </>
        }
      />
      <Card title={t("competition.status")}>
        {statusRefusal ? (
          <Notice tone="danger">{statusRefusal.errors._form ?? Object.values(statusRefusal.errors)[0]}</Notice>
        ) : null}
        <div className="actions">
          <Badge tone={PHASE_TONES[edition.phase]}>{t(`competition.phases.${edition.phase}`)}</Badge>
          {canManage ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value={edition.status === "published" ? "unpublish" : "publish"} />
                <Button variant={edition.status === "published" ? "secondary" : "primary"}>
                  {t(edition.status === "published" ? "competition.unpublish" : "competition.publish")}
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="copy" />
                <Button variant="secondary">{t("competition.copyEdition")}</Button>
              </Form>
            </>
          ) : null}
        </div>
      </Card>
      <Card title={t("competition.editionDetails")}>
        <AppForm method="post" errors={update?.errors}>
          <input type="hidden" name="intent" value="update" />
          <VersionField version={version} />
          <fieldset className="plain-fieldset" disabled={!canManage}>
            <EditionFields values={update?.values ?? values} errors={update?.errors} />
          </fieldset>
          {canManage ? <Button>{t("common.save")}</Button> : null}
        </AppForm>
      </Card>
      <EditionSetup {...setup} canManage={canManage} actionData={actionData} version={version} />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
