import type { entryExtrasVi } from "./entries.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const entryExtrasEn: Widen<typeof entryExtrasVi> = {
  verifyForm: {
    title: "Verify a certificate",
    lead: "Type the verification code printed on the certificate (under the QR code) to check a certificate issued by the Quảng Ngãi Department of Science and Technology.",
    code: "Verification code",
    codeHint: "Letters and digits, e.g. ABCD EFGH JKMN; case and spaces do not matter.",
    submit: "Check",
    missing: "Type the verification code printed on the certificate.",
    malformed: "Not found: a verification code has only letters and digits (6 or more), as printed on the certificate.",
    another: "Check another code",
    footerLink: "Verify a certificate",
  },
};
