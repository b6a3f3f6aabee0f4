import { useTranslation } from "../i18n/use-translation";
import type { EntryField } from "../modules/competition/rules";
import { MAX_MEMBERS } from "../modules/competition/schemas";
import { formatDate, formatMoney } from "../lib/format";
import { AppForm, CheckboxField, Field } from "./form";
import { Card, Facts } from "./layout";

type EntryData = {
  entry: {
    project_name: string;
    category_id: string | null;
    sector: string | null;
    summary: string | null;
    problem: string | null;
    solution: string | null;
    market: string | null;
    business_model: string | null;
    team_description: string | null;
    stage: string | null;
    funding_to_date_vnd: number | null;
    video_url: string | null;
    enterprise_registered_on: string | null;
    residence_province: string | null;
    consent_at: string | null;
  };
  categories: Array<{ id: string; name: string }>;
  members: Array<{
    id: string;
    full_name: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    birth_date: string | null;
    is_representative: number;
  }>;
  editableFields: string[];
};

const STAGES = ["idea", "prototype", "market", "growth"] as const;

/** The applicant's entry: fields the entry's state opens are inputs, the others read-only text. */
export function EntryForm({
  data,
  errors,
  values,
  editable,
}: {
  data: EntryData;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { entry, categories, members } = data;
  const open = (field: EntryField) => data.editableFields.includes(field);
  const stored: Record<string, string | null> = {
    projectName: entry.project_name,
    categoryId: entry.category_id,
    sector: entry.sector,
    summary: entry.summary,
    problem: entry.problem,
    solution: entry.solution,
    market: entry.market,
    businessModel: entry.business_model,
    teamDescription: entry.team_description,
    stage: entry.stage,
    fundingToDate: entry.funding_to_date_vnd === null ? null : String(entry.funding_to_date_vnd),
    videoUrl: entry.video_url,
    enterpriseRegisteredOn: entry.enterprise_registered_on,
    residenceProvince: entry.residence_province,
  };
  const value = (field: string) => values?.[field] ?? stored[field] ?? undefined;
  const text = (field: EntryField, label: string, long = false) =>
    open(field) ? (
      <Field
        key={field}
        name={field}
        label={label}
        as={long ? "textarea" : "input"}
        defaultValue={value(field)}
        error={errors?.[field]}
        rows={5}
      />
    ) : null;

  if (!editable) {
    return (
      <Card>
        <Facts
          items={[
            [t("entries.category"), categories.find((c) => c.id === entry.category_id)?.name],
            [t("entries.sector"), entry.sector],
            [t("entries.stage"), entry.stage ? t(`entries.stages.${entry.stage as (typeof STAGES)[number]}`) : null],
            [
              t("entries.fundingToDate"),
              entry.funding_to_date_vnd === null ? null : formatMoney(entry.funding_to_date_vnd, i18n.language),
            ],
            [
              t("entries.enterpriseRegisteredOn"),
              entry.enterprise_registered_on ? formatDate(entry.enterprise_registered_on, i18n.language) : null,
            ],
            [t("entries.residenceProvince"), entry.residence_province],
          ]}
        />
        {(
          [
            ["summary", entry.summary],
            ["problem", entry.problem],
            ["solution", entry.solution],
            ["market", entry.market],
            ["businessModel", entry.business_model],
            ["teamDescription", entry.team_description],
          ] as const
        ).map(([field, content]) =>
          content ? (
            <section key={field}>
              <h3>{t(`entries.${field}`)}</h3>
              <p className="pre-line">{content}</p>
            </section>
          ) : null,
        )}
        <h3>{t("entries.members")}</h3>
        <ul>
          {members.map((member) => (
            <li key={member.id}>
              {member.full_name}
              {member.role ? ` – ${member.role}` : ""}
              {member.is_representative ? ` (${t("entries.representative")})` : ""}
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  const rows = [...members.map((m) => ({ ...m })), ...(members.length < MAX_MEMBERS ? [null] : [])];
  return (
    <Card>
      <AppForm method="post" errors={errors}>
        <div className="form-grid">
          {text("projectName", t("entries.projectName"))}
          {open("categoryId") ? (
            <Field
              name="categoryId"
              as="select"
              label={t("entries.category")}
              defaultValue={value("categoryId")}
              options={[
                { value: "", label: t("entries.chooseCategory") },
                ...categories.map((c) => ({ value: c.id, label: c.name })),
              ]}
              error={errors?.categoryId}
            />
          ) : null}
          {text("sector", t("entries.sector"))}
          {open("stage") ? (
            <Field
              name="stage"
              as="select"
              label={t("entries.stage")}
              defaultValue={value("stage")}
              options={[
                { value: "", label: "—" },
                ...STAGES.map((stage) => ({ value: stage, label: t(`entries.stages.${stage}`) })),
              ]}
              error={errors?.stage}
            />
          ) : null}
          {open("fundingToDate") ? (
            <Field
              name="fundingToDate"
              type="number"
              label={t("entries.fundingToDate")}
              defaultValue={value("fundingToDate")}
              error={errors?.fundingToDate}
            />
          ) : null}
          {open("enterpriseRegisteredOn") ? (
            <Field
              name="enterpriseRegisteredOn"
              type="date"
              label={t("entries.enterpriseRegisteredOn")}
              defaultValue={value("enterpriseRegisteredOn")}
              error={errors?.enterpriseRegisteredOn}
            />
          ) : null}
          {text("residenceProvince", t("entries.residenceProvince"))}
          {open("videoUrl") ? (
            <Field
              name="videoUrl"
              type="url"
              label={t("entries.videoUrl")}
              defaultValue={value("videoUrl")}
              error={errors?.videoUrl}
            />
          ) : null}
        </div>
        {text("summary", t("entries.summary"), true)}
        {text("problem", t("entries.problem"), true)}
        {text("solution", t("entries.solution"), true)}
        {text("market", t("entries.market"), true)}
        {text("businessModel", t("entries.businessModel"), true)}
        {text("teamDescription", t("entries.teamDescription"), true)}

        {open("members") ? (
          <fieldset className="members" aria-describedby={errors?.members ? "members-error" : undefined}>
            <legend>{t("entries.members")}</legend>
            {errors?.members ? (
              <p className="field-error" id="members-error">
                {errors.members}
              </p>
            ) : null}
            {rows.map((member, index) => (
              <fieldset key={member?.id ?? "new"} className="member">
                <legend>{member ? `${index + 1}. ${member.full_name}` : t("entries.addMember")}</legend>
                <div className="form-grid">
                  <Field name="memberName" label={t("entries.memberName")} defaultValue={member?.full_name} />
                  <Field name="memberRole" label={t("entries.memberRole")} defaultValue={member?.role} />
                  <Field
                    name="memberEmail"
                    type="email"
                    label={t("entries.memberEmail")}
                    defaultValue={member?.email}
                  />
                  <Field name="memberPhone" type="tel" label={t("entries.memberPhone")} defaultValue={member?.phone} />
                  <Field
                    name="memberBirthDate"
                    type="date"
                    label={t("entries.memberBirthDate")}
                    defaultValue={member?.birth_date}
                  />
                </div>
                <label className="radio">
                  <input
                    type="radio"
                    name="representative"
                    value={index}
                    defaultChecked={member ? member.is_representative === 1 : false}
                  />{" "}
                  {t("entries.representative")}
                </label>
              </fieldset>
            ))}
          </fieldset>
        ) : null}

        <CheckboxField
          name="consent"
          label={t("entries.consent")}
          error={errors?.consent}
          defaultChecked={!!entry.consent_at}
        />
        <div className="actions">
          <button type="submit" name="intent" value="save" className="button button-secondary">
            {t("entries.saveDraft")}
          </button>
          <button type="submit" name="intent" value="submit" className="button button-primary">
            {t("entries.submit")}
          </button>
        </div>
      </AppForm>
    </Card>
  );
}
