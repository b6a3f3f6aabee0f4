import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { ResultsStatus } from "../../db/types";
import { getEdition } from "../modules/competition/queries.server";
import type { Problem } from "../lib/outcome";
import {
  approveResults,
  canResolveTies,
  changePrizeAward,
  fillPrizePlace,
  leavePlaceUnawarded,
  proposePrizeList,
  publishResults,
  resolveTie,
  swapPrizeAwards,
} from "../modules/judging/commands.server";
import { prizeTableRows, unfilledPlaces } from "../modules/judging/prize-list";
import { editionPrizes } from "../modules/judging/ties.server";
import { prizeCandidates, prizeList } from "../modules/judging/results.server";
import { editionPrizeTies } from "../modules/judging/rounds.queries.server";
import {
  PrizeChangeSchema,
  PrizeFillSchema,
  PrizeSwapSchema,
  PrizeUnawardSchema,
  TieResolutionSchema,
} from "../modules/judging/schemas";
import { requireIntent, requireRole, STAFF_ROLES, type IntentRoles } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime, formatMoney } from "../lib/format";
import { parseForm, problemsToErrors, readForm, refusal } from "../lib/forms.server";
import { forbidden, notFound, param } from "../lib/http.server";
import { getTranslator } from "../lib/locale.server";
import { AppForm, Button, Field } from "../ui/form";
import { CutOffTies, type TieFormState } from "../ui/cut-off-ties";
import { Badge, Card, ConfirmAction, Notice, PageHeader } from "../ui/layout";
import { ExportLinks } from "../ui/export-links";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Danh sách giải thưởng – ${data?.edition.name ?? ""} – Cổng ĐMST Quảng Ngãi` },
];

const STATUS_TONES: Record<ResultsStatus, "neutral" | "warning" | "info" | "success"> = {
  none: "neutral",
  proposed: "warning",
  approved: "info",
  published: "success",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const [awards, candidates, prizeTies, prizes, unawardedDecisions] = await Promise.all([
    prizeList(db, edition.id),
    prizeCandidates(db, edition.id),
    editionPrizeTies(db, edition.id),
    editionPrizes(db, edition.id),
    db
      .selectFrom("audit_events")
      .select(["after_json", "reason"])
      .where("entity_type", "=", "edition")
      .where("entity_id", "=", edition.id)
      .where("action", "=", "prizes.place_unawarded")
      .orderBy("id", "desc")
      .execute(),
  ]);
  const status = edition.results_status;
  // Places a tie leaves open are shown as the tie's; the others without an award are flagged, with the committee's reason when it left them so.
  const tiedPlaces = new Map<string, number>();
  for (const tie of prizeTies.ties.filter((t) => !t.decision))
    for (const label of tie.prizes) if (label) tiedPlaces.set(label, (tiedPlaces.get(label) ?? 0) + 1);
  const reasonFor = (prizeId: string) =>
    unawardedDecisions.find((d) => (JSON.parse(d.after_json ?? "{}") as { prizeId?: string }).prizeId === prizeId)
      ?.reason ?? null;
  const unfilled =
    status === "none"
      ? []
      : unfilledPlaces(
          prizes,
          awards.map((a) => ({ prize_id: a.prize_id })),
        )
          .map((place) => ({
            ...place,
            missing: place.missing - (tiedPlaces.get(place.label) ?? 0),
            reason: reasonFor(place.prizeId),
          }))
          .filter((place) => place.missing > 0);
  // The same rules as the commands (staff propose and change; leaders approve and publish): the page only offers what the server allows.
  const staffMember = user.role === "staff" || user.role === "admin";
  return {
    edition: {
      id: edition.id,
      name: edition.name,
      published: edition.status === "published",
      resultsStatus: status,
      resultsPublishedAt: edition.results_published_at,
    },
    awards,
    candidates,
    unfilled,
    ties: status === "published" ? [] : prizeTies.ties,
    canResolve: canResolveTies(user) && status !== "approved" && status !== "published",
    role: staffMember ? ("staff" as const) : user.role === "leader" ? ("leader" as const) : null,
    can: {
      propose: staffMember && status !== "published",
      change: staffMember && status === "proposed" && awards.length > 0,
      // Approval waits for the committee's decision on any tie across a prize boundary (the server refuses it too).
      approve: user.role === "leader" && status === "proposed" && prizeTies.ties.every((tie) => tie.decision),
      publish: user.role === "leader" && status === "approved",
    },
  };
}

type ActionResult = {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  tieForm?: TieFormState;
};

function echoed(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form]
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .map(([key, value]) => [key, value.slice(0, 2000)]),
  );
}

/** Staff propose the prize list and change it with reasons; only leaders approve and publish it. */
export const intents = {
  propose: ["staff", "admin"],
  change: ["staff", "admin"],
  swap: ["staff", "admin"],
  unaward: ["staff", "admin"],
  fill: ["staff", "admin"],
  "resolve-tie": ["staff", "leader"],
  approve: ["leader"],
  publish: ["leader"],
} satisfies IntentRoles;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const form = await readForm(request);
  const intent = requireIntent(user, String(form.get("intent") ?? ""), intents);
  const t = await getTranslator(request);
  const db = getDb();
  const edition = await getEdition(db, param(params, "id"));
  const here = `/staff/competitions/${edition.id}/prizes`;
  const ip = context.clientIp;
  const refused = (problems: Problem[]) => refusal(problems, t, { intent, values: echoed(form) });

  switch (intent) {
    case "propose": {
      const outcome = await proposePrizeList(db, user, edition.id, ip);
      return outcome.ok ? redirectWithFlash(here, t("prizes.proposed")) : refused(outcome.problems);
    }
    case "change": {
      const result = parseForm(form, PrizeChangeSchema, t);
      if (!result.ok)
        return data<ActionResult>({ intent, errors: result.errors, values: result.values }, { status: 400 });
      const { awardId, entryId, reason } = result.value;
      if (!(await prizeList(db, edition.id)).some((award) => award.id === awardId)) notFound();
      if (!(await prizeCandidates(db, edition.id)).some((entry) => entry.id === entryId)) {
        return data<ActionResult>(
          { intent, errors: { entryId: t("prizes.problems.notCandidate") }, values: echoed(form) },
          { status: 400 },
        );
      }
      const outcome = await changePrizeAward(db, user, awardId, entryId, reason, ip);
      return outcome.ok ? redirectWithFlash(here, t("prizes.changed")) : refused(outcome.problems);
    }
    case "swap": {
      const result = parseForm(form, PrizeSwapSchema, t);
      if (!result.ok)
        return data<ActionResult>({ intent, errors: result.errors, values: result.values }, { status: 400 });
      const outcome = await swapPrizeAwards(
        db,
        user,
        edition.id,
        result.value.firstAwardId,
        result.value.secondAwardId,
        result.value.reason,
        ip,
      );
      return outcome.ok ? redirectWithFlash(here, t("prizes.swapped")) : refused(outcome.problems);
    }
    case "unaward": {
      const result = parseForm(form, PrizeUnawardSchema, t);
      if (!result.ok)
        return data<ActionResult>({ intent, errors: result.errors, values: result.values }, { status: 400 });
      const outcome = await leavePlaceUnawarded(db, user, edition.id, result.value.awardId, result.value.reason, ip);
      return outcome.ok ? redirectWithFlash(here, t("prizes.unawarded")) : refused(outcome.problems);
    }
    case "fill": {
      const result = parseForm(form, PrizeFillSchema, t);
      if (!result.ok)
        return data<ActionResult>({ intent, errors: result.errors, values: result.values }, { status: 400 });
      if (!(await prizeCandidates(db, edition.id)).some((entry) => entry.id === result.value.entryId)) {
        return data<ActionResult>(
          { intent, errors: { entryId: t("prizes.problems.notCandidate") }, values: echoed(form) },
          { status: 400 },
        );
      }
      const outcome = await fillPrizePlace(
        db,
        user,
        edition.id,
        result.value.prizeId,
        result.value.entryId,
        result.value.reason,
        ip,
      );
      return outcome.ok ? redirectWithFlash(here, t("prizes.filled")) : refused(outcome.problems);
    }
    case "resolve-tie": {
      if (!canResolveTies(user)) forbidden();
      const { roundId } = await editionPrizeTies(db, edition.id);
      if (!roundId) notFound();
      const tie = String(form.get("tie") ?? "");
      const parsed = parseForm(form, TieResolutionSchema, t);
      if (!parsed.ok)
        return data<ActionResult>(
          {
            intent,
            errors: parsed.errors,
            values: parsed.values,
            tieForm: { tie, errors: parsed.errors, values: parsed.values },
          },
          { status: 400 },
        );
      const outcome = await resolveTie(db, user, roundId, parsed.value, ip);
      if (!outcome.ok) {
        const errors = problemsToErrors(outcome.problems, t);
        return refusal(outcome.problems, t, {
          intent,
          values: echoed(form),
          tieForm: { tie, errors, values: { reason: parsed.value.reason } },
        });
      }
      return redirectWithFlash(here, t("rounds.ties.saved"));
    }
    case "approve": {
      const outcome = await approveResults(db, user, edition.id, ip);
      return outcome.ok ? redirectWithFlash(here, t("prizes.approved")) : refused(outcome.problems);
    }
    case "publish": {
      const outcome = await publishResults(db, user, edition.id, { t, ip });
      if (!outcome.ok) return refused(outcome.problems);
      return redirectWithFlash(here, t("prizes.published"));
    }
    default:
      throw new Response(t("errors.invalid"), { status: 400 });
  }
}

export default function PrizeListPage() {
  const { t, i18n } = useTranslation();
  const { edition, awards, candidates, unfilled, ties, canResolve, role, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formOf = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const change = formOf("change");
  const swap = formOf("swap");
  const unaward = formOf("unaward");
  const fill = formOf("fill");
  const refusal =
    actionData && !["change", "swap", "unaward", "fill", "resolve-tie"].includes(actionData.intent)
      ? actionData
      : undefined;
  const unfilledCount = unfilled.reduce((sum, place) => sum + place.missing, 0);
  const awardOptions = [
    { value: "", label: t("prizes.chooseAward") },
    ...awards.map((a) => ({ value: a.id, label: `${a.rank}. ${a.rank_label} – ${a.project_name}` })),
  ];
  const entryOptions = [
    { value: "", label: t("prizes.chooseEntry") },
    ...candidates.map((e) => ({
      value: e.id,
      label: `${e.receipt_number ?? "—"} – ${e.project_name} (${e.team_name})`,
    })),
  ];
  const rows = prizeTableRows(awards, ties);
  const published = edition.resultsStatus === "published";
  return (
    <>
      <PageHeader
        title={t("prizes.title")}
        lead={edition.name}
        actions={
          <>
            <Link to={`/staff/competitions/${edition.id}`}>{t("prizes.backToEdition")}</Link>
            {published && edition.published ? (
              <Link className="button button-secondary" to={`/competitions/${edition.id}`}>
                {t("competition.publicPage")}
              </Link>
            ) : null}
          </>
        }
      />

      <Card title={t("prizes.statusTitle")}>
        {refusal ? <Notice tone="danger">{refusal.errors._form ?? Object.values(refusal.errors)[0]}</Notice> : null}
        <p>
          <Badge tone={STATUS_TONES[edition.resultsStatus]}>{t(`prizes.statuses.${edition.resultsStatus}`)}</Badge>{" "}
          {published
            ? t("prizes.publishedAt", { time: formatDateTime(edition.resultsPublishedAt, i18n.language) })
            : null}
        </p>
        <p className="field-hint">{t("prizes.steps")}</p>
        {!published && role ? (
          <p className="field-hint">{t(role === "leader" ? "prizes.leaderHint" : "prizes.staffHint")}</p>
        ) : null}
        <div className="actions">
          {can.propose && edition.resultsStatus === "none" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="propose" />
              <Button>{t("prizes.propose")}</Button>
            </Form>
          ) : null}
          {can.propose && edition.resultsStatus !== "none" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="propose" />
              <ConfirmAction
                label={t("prizes.proposeAgain")}
                confirmLabel={t("prizes.proposeAgain")}
                message={t("prizes.proposeAgainConfirm")}
              >
                {null}
              </ConfirmAction>
            </Form>
          ) : null}
          {can.approve ? (
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              {unfilledCount ? (
                <ConfirmAction
                  label={t("prizes.approve")}
                  confirmLabel={t("prizes.approve")}
                  message={t("prizes.approveWithUnfilled", { count: String(unfilledCount) })}
                >
                  {null}
                </ConfirmAction>
              ) : (
                <Button>{t("prizes.approve")}</Button>
              )}
            </Form>
          ) : null}
          {can.publish ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <ConfirmAction
                label={t("prizes.publish")}
                confirmLabel={t("prizes.publish")}
                message={t("prizes.publishConfirm")}
              >
                {null}
              </ConfirmAction>
            </Form>
          ) : null}
        </div>
      </Card>

      {unfilled.length ? (
        <Card title={t("prizes.unfilledTitle")}>
          <ul className="unfilled-places">
            {unfilled.map((place) => (
              <li key={place.prizeId}>
                <Badge tone="warning">
                  {t("prizes.unfilledLine", {
                    prize: place.label,
                    count: String(place.missing),
                    place: String(place.firstPlace),
                  })}
                </Badge>{" "}
                {place.reason ? t("prizes.unfilledReason", { reason: place.reason }) : t("prizes.unfilledNoReason")}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <CutOffTies
        ties={ties}
        canResolve={canResolve}
        form={actionData?.intent === "resolve-tie" ? actionData.tieForm : undefined}
      />

      <Card title={t("prizes.list")}>
        {rows.length === 0 ? (
          <p>{t("prizes.empty")}</p>
        ) : (
          <>
            <ExportLinks path={`/staff/competitions/${edition.id}/prizes/export`} />
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col" className="numeric">
                      {t("prizes.rank")}
                    </th>
                    <th scope="col">{t("prizes.prize")}</th>
                    <th scope="col" className="numeric">
                      {t("prizes.amount")}
                    </th>
                    <th scope="col">{t("prizes.receipt")}</th>
                    <th scope="col">{t("prizes.project")}</th>
                    <th scope="col">{t("prizes.team")}</th>
                    <th scope="col">{t("prizes.changeReason")}</th>
                    {published ? <th scope="col">{t("prizes.certificate")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) =>
                    row.kind === "open" ? (
                      <tr key={`open-${row.open.place}`} className="open-place">
                        <td data-label={t("prizes.rank")} className="numeric">
                          {row.open.place}
                        </td>
                        <td data-label={t("prizes.prize")}>{row.open.prize}</td>
                        <td data-label={t("prizes.amount")} className="numeric">
                          —
                        </td>
                        <td data-label={t("prizes.receipt")} colSpan={published ? 5 : 4}>
                          <Badge tone="warning">{t("rounds.ties.openPlace", { entries: row.open.entries })}</Badge>
                        </td>
                      </tr>
                    ) : (
                      <AwardRow key={row.award.id} award={row.award} editionId={edition.id} published={published} />
                    ),
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Card>

      {can.change ? (
        <Card title={t("prizes.change")}>
          <p className="field-hint">{t("prizes.changeHint")}</p>
          <AppForm method="post" errors={change?.errors}>
            <input type="hidden" name="intent" value="change" />
            <div className="form-grid">
              <Field
                name="awardId"
                as="select"
                label={t("prizes.award")}
                required
                defaultValue={change?.values.awardId ?? ""}
                error={change?.errors.awardId}
                options={awardOptions}
              />
              <Field
                name="entryId"
                as="select"
                label={t("prizes.entry")}
                required
                defaultValue={change?.values.entryId ?? ""}
                error={change?.errors.entryId}
                options={entryOptions}
              />
            </div>
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("prizes.reason")}
              required
              defaultValue={change?.values.reason}
              error={change?.errors.reason}
            />
            <Button>{t("prizes.saveChange")}</Button>
          </AppForm>
        </Card>
      ) : null}

      {can.change && awards.length > 1 ? (
        <Card title={t("prizes.swap")}>
          <p className="field-hint">{t("prizes.swapHint")}</p>
          <AppForm method="post" errors={swap?.errors}>
            <input type="hidden" name="intent" value="swap" />
            <div className="form-grid">
              <Field
                name="firstAwardId"
                as="select"
                label={t("prizes.firstAward")}
                required
                defaultValue={swap?.values.firstAwardId ?? ""}
                error={swap?.errors.firstAwardId}
                options={awardOptions}
              />
              <Field
                name="secondAwardId"
                as="select"
                label={t("prizes.secondAward")}
                required
                defaultValue={swap?.values.secondAwardId ?? ""}
                error={swap?.errors.secondAwardId}
                options={awardOptions}
              />
            </div>
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("prizes.reason")}
              required
              defaultValue={swap?.values.reason}
              error={swap?.errors.reason}
            />
            <Button>{t("prizes.saveSwap")}</Button>
          </AppForm>
        </Card>
      ) : null}

      {can.change ? (
        <Card title={t("prizes.unaward")}>
          <p className="field-hint">{t("prizes.unawardHint")}</p>
          <AppForm method="post" errors={unaward?.errors}>
            <input type="hidden" name="intent" value="unaward" />
            <Field
              name="awardId"
              as="select"
              label={t("prizes.award")}
              required
              defaultValue={unaward?.values.awardId ?? ""}
              error={unaward?.errors.awardId}
              options={awardOptions}
            />
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("prizes.unawardReason")}
              required
              defaultValue={unaward?.values.reason}
              error={unaward?.errors.reason}
            />
            <Button>{t("prizes.saveUnaward")}</Button>
          </AppForm>
        </Card>
      ) : null}

      {can.change && unfilled.length ? (
        <Card title={t("prizes.fill")}>
          <AppForm method="post" errors={fill?.errors}>
            <input type="hidden" name="intent" value="fill" />
            <div className="form-grid">
              <Field
                name="prizeId"
                as="select"
                label={t("prizes.fillPrize")}
                required
                defaultValue={fill?.values.prizeId ?? ""}
                error={fill?.errors.prizeId}
                options={[
                  { value: "", label: t("prizes.choosePrize") },
                  ...unfilled.map((place) => ({ value: place.prizeId, label: place.label })),
                ]}
              />
              <Field
                name="entryId"
                as="select"
                label={t("prizes.entry")}
                required
                defaultValue={fill?.values.entryId ?? ""}
                error={fill?.errors.entryId}
                options={entryOptions}
              />
            </div>
            <Field
              name="reason"
              as="textarea"
              rows={3}
              label={t("prizes.reason")}
              required
              defaultValue={fill?.values.reason}
              error={fill?.errors.reason}
            />
            <Button>{t("prizes.saveFill")}</Button>
          </AppForm>
        </Card>
      ) : null}
    </>
  );
}

type Award = Awaited<ReturnType<typeof prizeList>>[number];

function AwardRow({ award, editionId, published }: { award: Award; editionId: string; published: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <td data-label={t("prizes.rank")} className="numeric">
        {award.rank}
      </td>
      <td data-label={t("prizes.prize")}>{award.rank_label}</td>
      <td data-label={t("prizes.amount")} className="numeric">
        {formatMoney(award.amount_vnd, i18n.language)}
      </td>
      <td data-label={t("prizes.receipt")}>{award.receipt_number ?? "—"}</td>
      <td data-label={t("prizes.project")}>
        <Link to={`/staff/competitions/${editionId}/entries/${award.entry_id}`}>{award.project_name}</Link>
      </td>
      <td data-label={t("prizes.team")}>{award.team_name}</td>
      <td data-label={t("prizes.changeReason")}>{award.change_reason ?? "—"}</td>
      {published ? (
        <td data-label={t("prizes.certificate")}>
          <a
            href={`/certificates/${award.id}.pdf`}
            aria-label={`PDF – ${t("prizes.certificate")} – ${award.project_name}`}
          >
            PDF
          </a>
        </td>
      ) : null}
    </tr>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
