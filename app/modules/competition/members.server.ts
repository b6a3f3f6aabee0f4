import type { TFunction } from "../../i18n";
import { type FieldErrors, parseForm } from "../../lib/forms.server";
import { MAX_MEMBERS, type MemberInput, MemberSchema } from "./schemas";

/**
 * The team table of the entry form: repeated fields (memberName, memberRole, memberEmail, memberPhone,
 * memberBirthDate) one row each, and `representative` naming a row. Rows without a name are dropped.
 */
export function parseMembers(
  form: FormData,
  t: TFunction,
): { ok: true; members: MemberInput[] } | { ok: false; errors: FieldErrors } {
  const column = (name: string) => form.getAll(name).map((value) => (typeof value === "string" ? value : ""));
  const names = column("memberName");
  if (names.length > MAX_MEMBERS + 1) return { ok: false, errors: { members: t("errors.invalid") } };
  const [roles, emails, phones, birthDates] = ["memberRole", "memberEmail", "memberPhone", "memberBirthDate"].map(
    column,
  );
  const representative = Number(form.get("representative") ?? "0");
  const members: MemberInput[] = [];
  for (let row = 0; row < names.length; row++) {
    const cells = {
      fullName: names[row],
      role: roles[row],
      email: emails[row],
      phone: phones[row],
      birthDate: birthDates[row],
    };
    if (!cells.fullName?.trim() && !Object.values(cells).some((value) => value?.trim())) continue;
    const rowForm = new FormData();
    for (const [key, value] of Object.entries(cells)) if (value !== undefined) rowForm.set(key, value);
    const parsed = parseForm(rowForm, MemberSchema, t);
    if (!parsed.ok) {
      const [field, message] = Object.entries(parsed.errors)[0];
      return {
        ok: false,
        errors: {
          members: t("errors.member", { row: String(row + 1), message: `${fieldLabel(field, t)} – ${message}` }),
        },
      };
    }
    members.push({ ...parsed.value, isRepresentative: row === representative });
  }
  if (members.length > MAX_MEMBERS) return { ok: false, errors: { members: t("errors.invalid") } };
  return { ok: true, members };
}

function fieldLabel(field: string, t: TFunction): string {
  const labels: Record<string, string> = {
    fullName: t("entries.memberName"),
    role: t("entries.memberRole"),
    email: t("entries.memberEmail"),
    phone: t("entries.memberPhone"),
    birthDate: t("entries.memberBirthDate"),
  };
  return labels[field] ?? field;
}
