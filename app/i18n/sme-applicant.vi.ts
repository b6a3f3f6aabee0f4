/** SME support: the applicant pages (Vietnamese). */
export const smeApplicantVi = {
  title: "",
};
