import type { recordsVi } from "./records.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** Programmes and records a department is audited on: the organisation's story, certificate numbering, exports (English). */
export const recordsEn: Widen<typeof recordsVi> = {
  certificateNumbers: {
    title: "Programme participation certificate numbers",
    lead: "One series a year, from 01, without gaps or doubles; the year is the year of issue in Vietnam's time. Certificates already issued keep their numbers; those issued after a change take the new format.",
    nav: "Certificate numbers",
    format: "Number format",
    formatHint:
      "Must hold {số} (the place in the year's series, 01, 02…) and {năm} (the year of issue, 4 digits), once each, not next to another digit. Example: {số}/{năm}/GXN-SKHCN.",
    next: "Number of the next certificate of {{year}}",
    save: "Save the format",
    saved: "The certificate number format was saved.",
    problems: {
      missingNumber: "The format must hold {số} (the place in the year's series).",
      missingYear: "The format must hold {năm} (the year of issue), so that years' numbers never coincide.",
      repeated: "{số} and {năm} may appear once each.",
      unknownPlaceholder: "Only {số} and {năm} may stand in braces.",
      adjacent:
        "{số} and {năm} must be kept apart, and from other digits, by a character that is not a digit (such as “/” or “-”), so that each number reads back one way only.",
      tooLong: "The format is at most {{maxLength}} characters long.",
      invalidCharacter: "The format is one line of text, without control characters.",
    },
  },
  story: {
    newestOnly: "Showing the {{n}} most recent activities.",
  },
};
