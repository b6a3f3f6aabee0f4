/** SME support: the programme pages (Vietnamese). */
export const smeProgrammeVi = {
  title: "",
};
