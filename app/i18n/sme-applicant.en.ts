import type { smeApplicantVi } from "./sme-applicant.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const smeApplicantEn: Widen<typeof smeApplicantVi> = {
  title: "",
};
