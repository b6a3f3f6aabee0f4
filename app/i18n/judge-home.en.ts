import type { judgeHomeVi } from "./judge-home.vi";

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const judgeHomeEn: Widen<typeof judgeHomeVi> = {
  mail: {
    assignedSubject: "Judging assignment – {{round}} ({{edition}})",
    assignedBody:
      "Dear {{name}},\n\nYou have been assigned {{count}} entries to score in {{round}} – {{edition}}.{{deadline}}\nYour entries and score sheets: {{link}}\n\nThe organising committee",
    assignedNote: "{{count}} new entries to score.",
    deadlineLine: " Scoring deadline: end of {{date}}.",
    reopenedSubject: "Score sheet for entry {{code}} reopened – {{round}}",
    reopenedBody:
      "Dear {{name}},\n\nYour score sheet for entry {{code}} in {{round}} has been reopened for you to correct and submit again.\nReason: {{reason}}\nOpen the sheet: {{link}}\n\nThe organising committee",
    reopenedNote: "Reason: {{reason}}",
    reminderSubject: "Scoring deadline reminder – {{round}}: end of {{date}}",
    reminderBody:
      "Dear {{name}},\n\nYou still have {{count}} unsubmitted score sheets in {{round}} – {{edition}}. Scoring deadline: end of {{date}}.\nYour entries and score sheets: {{link}}\n\nThe organising committee",
    reminderNote: "{{count}} sheets not submitted, due by the end of {{date}}.",
  },
  judge: {
    title: "My score sheets",
    todo: "To do",
    draft: "In progress",
    done: "Submitted",
    none: "No sheets.",
    deadline: "Deadline: {{date}}",
    noDeadline: "No deadline set",
    seeAll: "See all score sheets",
    more: "and {{count}} more",
  },
  sheet: {
    runningTotal: "Weighted total",
    runningTotalOf: "{{total}} / 100",
    scoredOf: "{{scored}} of {{counted}} counted criteria scored.",
    runningTotalHint: "A criterion not yet scored counts as 0. The total is computed again on every save.",
  },
  rounds: {
    deadline: "Scoring deadline (the round's last day)",
    deadlineHint: "Judges with unsubmitted sheets are reminded by e-mail {{days}} days before it.",
  },
};
