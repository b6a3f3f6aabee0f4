import { useTranslation } from "../i18n/use-translation";
import { ORGANISATION_KINDS } from "../modules/organisations/rules";
import { Field } from "./form";

type Values = Record<string, string | null | undefined>;

/** The fields of an organisation, shared by the "add" and "edit" forms. */
export function OrganisationFields({ values, errors }: { values: Values; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <Field name="name" label={t("organisations.name")} required defaultValue={values.name} error={errors?.name} />
      <Field
        name="kind"
        as="select"
        label={t("organisations.kind")}
        required
        defaultValue={values.kind ?? "enterprise"}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`orgKinds.${kind}`) }))}
        error={errors?.kind}
      />
      <Field
        name="taxCode"
        label={t("organisations.taxCode")}
        hint={t("auth.taxCodeHint")}
        defaultValue={values.taxCode}
        error={errors?.taxCode}
      />
      <Field name="sector" label={t("organisations.sector")} defaultValue={values.sector} error={errors?.sector} />
      <Field
        name="province"
        label={t("organisations.province")}
        defaultValue={values.province}
        error={errors?.province}
      />
      <Field name="commune" label={t("organisations.commune")} defaultValue={values.commune} error={errors?.commune} />
      <Field
        name="oldDistrict"
        label={t("organisations.oldDistrict")}
        defaultValue={values.oldDistrict}
        error={errors?.oldDistrict}
      />
      <Field
        name="addressLine"
        label={t("organisations.address")}
        defaultValue={values.addressLine}
        error={errors?.addressLine}
      />
      <Field
        name="foundedOn"
        type="date"
        label={t("organisations.foundedOn")}
        defaultValue={values.foundedOn}
        error={errors?.foundedOn}
      />
      <Field
        name="email"
        type="email"
        label={t("organisations.email")}
        defaultValue={values.email}
        error={errors?.email}
      />
      <Field
        name="phone"
        type="tel"
        label={t("organisations.phone")}
        defaultValue={values.phone}
        error={errors?.phone}
      />
      <Field
        name="website"
        type="url"
        label={t("organisations.website")}
        defaultValue={values.website}
        error={errors?.website}
      />
      <Field
        name="description"
        as="textarea"
        label={t("organisations.description")}
        defaultValue={values.description}
        error={errors?.description}
      />
    </div>
  );
}
