import type { smeProgrammeVi } from "./sme-programme.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const smeProgrammeEn: Widen<typeof smeProgrammeVi> = {
  title: "",
};
