/**
 * Drafting a period report: the computed figures written out in the phrasing of the department's own reports
 * ("Tổ chức 03 lượt Cuộc thi …", "trao giải cho 06 dự án với 01 giải nhất …"). The text is Vietnamese because the
 * report is a Vietnamese administrative document, whatever the interface language; staff edit it before sending.
 */
import type { ProgrammeStatus } from "../../../db/types";
import { COMPLETED_STATUSES } from "../incubation/rules";
import type { ReportModule } from "./catalogue";
import type { DatasetFigures, ReportFigures } from "./datasets.server";
import { isWholeYears, yearOf, type Period } from "./period";

export type DraftSection = { key: ReportModule | "assessment"; heading: string; text: string };

export type DraftContext = {
  /** The competitions held in the period, oldest first. */
  editions: { name: string; year: number }[];
  /** The enterprises whose SME dossiers were filed in the period (named when there are few, as the reports do). */
  smeEnterprises: string[];
  smeProgramme: { status: ProgrammeStatus; reason: string | null } | null;
  /** Why certified technology projects stalled, as staff recorded it. */
  stalledReasons: string[];
};

/** The reports name the enterprises behind a handful of dossiers; beyond this many they give the count only. */
export const NAMED_ENTERPRISES_MAX = 10;

/** What a figure that is not a number (NaN, Infinity: a bug upstream) is written as, for staff to see and correct. */
export const NOT_A_FIGURE = "—";

/** Counts the way the reports write them: 01 … 09 below ten, thousands separated by dots (1.234); a non-whole count as a number (2,5). */
export function vnCount(value: number): string {
  if (Number.isInteger(value) && value > 0 && value < 10) return `0${value}`;
  return vnNumber(value);
}

/**
 * Vietnamese notation: thousands separated by dots, the decimal comma, at most `decimals` decimals without trailing
 * zeros (1.234,5); -0, and anything that rounds to 0, is written 0; NaN and Infinity are NOT_A_FIGURE.
 */
export function vnNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return NOT_A_FIGURE;
  const magnitude = Math.abs(value);
  // toFixed writes exponents from 1e21 on; such doubles are whole numbers, which BigInt writes digit by digit.
  const [whole, fraction = ""] = (magnitude < 1e21 ? magnitude.toFixed(decimals) : BigInt(magnitude).toString()).split(
    ".",
  );
  const decimalsShown = fraction.replace(/0+$/, "");
  if (/^0+$/.test(whole) && decimalsShown === "") return "0";
  const sign = value < 0 ? "-" : "";
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (decimalsShown ? `,${decimalsShown}` : "");
}

/** Money is whole đồng. */
export function vnMoney(dong: number): string {
  if (!Number.isFinite(dong)) return NOT_A_FIGURE;
  return `${vnNumber(dong, 0)} đồng`;
}

function vnDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}/${month}/${year}`;
}

/** "năm 2022", "giai đoạn 2021 – 2025", or "từ ngày 01/07/2024 đến ngày 31/12/2024". */
export function periodLabel(period: Period): string {
  if (isWholeYears(period)) {
    const from = yearOf(period.from);
    const to = yearOf(period.to);
    return from === to ? `năm ${from}` : `giai đoạn ${from} – ${to}`;
  }
  return `từ ngày ${vnDate(period.from)} đến ngày ${vnDate(period.to)}`;
}

/** "a", "a và b", "a, b và c". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** A reason staff wrote as a sentence, to follow "do" in ours: first letter lowered, final full stop dropped. */
function asClause(sentence: string): string {
  const text = sentence.trim().replace(/\.$/, "");
  return text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);
}

function countOf(figures: DatasetFigures, part: string): number {
  return figures.byPart.find((p) => p.part === part)?.records ?? 0;
}

/** "01 hồ sơ đã tiếp nhận; 02 hồ sơ …" for the categories that have records, in the given order. */
function breakdown(figures: DatasetFigures, labels: Record<string, string>, noun: string): string {
  return Object.entries(labels)
    .map(([part, label]) => [countOf(figures, part), label] as const)
    .filter(([count]) => count > 0)
    .map(([count, label]) => `${vnCount(count)} ${noun} ${label}`)
    .join("; ");
}

const ENTRY_OUTCOMES: Record<string, string> = {
  awarded: "đạt giải",
  finalist: "vào chung khảo",
  in_round: "đang được chấm",
  not_awarded: "không đạt giải",
  valid: "hợp lệ, chờ chấm",
  submitted: "đang kiểm tra",
  clarification_requested: "đang bổ sung, làm rõ",
  invalid: "không hợp lệ",
};

/** After the completed ones (graduated, businesses founded included: COMPLETED_STATUSES), the records still open or stopped. */
const INCUBATION_OUTCOMES: Record<string, string> = {
  incubating: "đang được ươm tạo",
  paused: "tạm dừng ươm tạo",
  stopped: "dừng ươm tạo",
};

const DOSSIER_STATES: Record<string, string> = {
  submitted: "mới nộp, chờ tiếp nhận",
  received: "đã tiếp nhận, đang kiểm tra",
  supplement_requested: "đang yêu cầu bổ sung",
  complete: "đã đủ thành phần",
  under_appraisal: "đang thẩm định",
  proposed: "đã trình phê duyệt",
  approved: "đã được phê duyệt",
  paid: "đã giải ngân",
  closed: "đã hoàn thành",
  rejected: "không được hỗ trợ",
  withdrawn: "doanh nghiệp rút hồ sơ",
};

const APPLICATION_STATES: Record<string, string> = {
  approved: "được phê duyệt",
  reviewed: "đã thẩm định, chờ phê duyệt",
  complete: "đã đủ thành phần",
  received: "đã tiếp nhận, đang kiểm tra",
  supplement_requested: "đang bổ sung",
  rejected: "không được phê duyệt",
  withdrawn: "doanh nghiệp rút hồ sơ",
};

const OUTREACH_CHANNELS: Record<string, (n: string) => string> = {
  leaflet: (n) => `gửi tờ rơi trực tiếp đến ${n} doanh nghiệp`,
  letter: (n) => `gửi văn bản tuyên truyền, hướng dẫn đến ${n} doanh nghiệp`,
  conference: (n) => `giới thiệu tại hội nghị cho ${n} doanh nghiệp`,
  banner: (n) => `treo phướn tại các khu, cụm công nghiệp (${n} doanh nghiệp)`,
  led_screen: (n) => `tuyên truyền qua màn hình LED (${n} doanh nghiệp)`,
  other: (n) => `các hình thức khác (${n} doanh nghiệp)`,
};

const EVENT_KINDS: Record<string, string> = {
  conference_training: "hội nghị, lớp tập huấn",
  workshop: "hội thảo",
  business_coffee: "chương trình Cà phê doanh nhân",
  startup_festival: "Ngày hội khởi nghiệp đổi mới sáng tạo",
  study_tour: "đoàn học tập kinh nghiệm",
  competition: "cuộc thi",
};

const PAIRINGS: Record<string, string> = {
  enterprise_enterprise: "doanh nghiệp với doanh nghiệp",
  enterprise_expert: "doanh nghiệp với chuyên gia",
  enterprise_support: "doanh nghiệp với các tổ chức hỗ trợ",
  other: "các bên khác",
};

const MOU_FIELDS: Record<string, string> = {
  technology_transfer_consulting: "tư vấn chuyển giao công nghệ",
  trade_promotion: "xúc tiến thương mại",
  technology_application: "ứng dụng công nghệ",
  training: "đào tạo",
  investment: "đầu tư",
  other: "các lĩnh vực khác",
};

function competitionText(figures: ReportFigures, context: DraftContext): string {
  const lines: string[] = [];
  const editions = figures.editions.value;
  const entries = figures.entries.value;
  if (editions === 0) {
    lines.push("- Trong kỳ báo cáo, không tổ chức Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi.");
  } else if (editions === 1 && context.editions.length === 1) {
    lines.push(
      `- Tổ chức thành công ${context.editions[0].name}. Cuộc thi đã nhận được ${vnCount(entries)} hồ sơ dự thi.`,
    );
  } else {
    const perYear = figures.entries.byYear
      .filter((y) => y.records > 0)
      .map((y) => `năm ${y.year}: ${vnCount(y.records)} hồ sơ`);
    lines.push(
      `- Tổ chức ${vnCount(editions)} lượt Cuộc thi Khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi. Cuộc thi đã nhận được ${vnCount(entries)} hồ sơ dự thi` +
        (perYear.length > 1 ? ` (${perYear.join("; ")}).` : "."),
    );
  }
  const prizes = figures.prizes;
  if (prizes.value > 0) {
    const ranks = prizes.byPart.map((p) => `${vnCount(p.records)} ${p.part.toLocaleLowerCase("vi")}`);
    lines.push(
      `- Kết quả, Ban Tổ chức đã lựa chọn, vinh danh và trao giải cho ${vnCount(prizes.value)} dự án, ý tưởng xuất sắc với ${joinAnd(ranks)}.`,
    );
  } else if (editions > 0) {
    lines.push("- Kết quả Cuộc thi chưa được công bố trong kỳ báo cáo.");
  }
  const outcomes = breakdown(figures.entries, ENTRY_OUTCOMES, "hồ sơ");
  if (entries > 0 && outcomes) lines.push(`- Tình trạng hồ sơ dự thi: ${outcomes}.`);
  const festivals = countOf(figures.events, "startup_festival");
  if (festivals > 0)
    lines.push(`- Tổ chức ${vnCount(festivals)} lượt Ngày hội khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi.`);
  return lines.join("\n");
}

function incubationText(figures: ReportFigures): string {
  const lines: string[] = [];
  const incubated = figures.incubation.value;
  const afterCompetition = figures.incubationAfterCompetition.value;
  if (afterCompetition > 0) {
    lines.push(
      `- Sau Cuộc thi, có ${vnCount(afterCompetition)} dự án được tiếp tục ươm tạo để phát triển thành các doanh nghiệp đổi mới sáng tạo.`,
    );
  }
  if (incubated === 0) {
    lines.push("- Trong kỳ báo cáo, không có dự án mới bắt đầu ươm tạo.");
  } else {
    const completed = COMPLETED_STATUSES.reduce((sum, status) => sum + countOf(figures.incubation, status), 0);
    const founded = countOf(figures.incubation, "business_founded");
    const outcomes = [
      completed > 0
        ? `${vnCount(completed)} dự án đã hoàn thành ươm tạo${founded > 0 ? ` (trong đó ${vnCount(founded)} dự án đã thành lập doanh nghiệp)` : ""}`
        : "",
      breakdown(figures.incubation, INCUBATION_OUTCOMES, "dự án"),
    ].filter(Boolean);
    lines.push(
      `- Tổng số dự án khởi nghiệp bắt đầu ươm tạo trong kỳ: ${vnCount(incubated)} dự án; đến nay có ${outcomes.join("; ")}.`,
    );
  }
  return lines.join("\n");
}

function smeText(figures: ReportFigures, context: DraftContext): string {
  const lines: string[] = [];
  const filed = figures.smeDossiers.value;
  if (filed === 0) {
    lines.push(
      "- Trong kỳ báo cáo, chưa tiếp nhận hồ sơ DNNVV tham gia Đề án hỗ trợ doanh nghiệp nhỏ và vừa (Quyết định số 1325/QĐ-UBND).",
    );
  } else {
    const names =
      context.smeEnterprises.length > 0 && context.smeEnterprises.length <= NAMED_ENTERPRISES_MAX
        ? ` (${context.smeEnterprises.join("; ")})`
        : "";
    lines.push(
      `- Sở Khoa học và Công nghệ hướng dẫn hồ sơ và tiếp nhận ${vnCount(filed)} hồ sơ DNNVV tham gia Đề án${names}, với tổng kinh phí đề nghị hỗ trợ ${vnMoney(figures.smeDossiers.total.amount ?? 0)}.`,
    );
    lines.push(`- Tình trạng xử lý: ${breakdown(figures.smeDossiers, DOSSIER_STATES, "hồ sơ")}.`);
    const approved = figures.smeApproved;
    if (approved.value > 0) {
      const paid = figures.smePaid.total.amount ?? 0;
      lines.push(
        `- Đã phê duyệt hỗ trợ ${vnCount(approved.value)} hồ sơ với tổng kinh phí ${vnMoney(approved.total.amount ?? 0)}${paid > 0 ? `; đã giải ngân ${vnMoney(paid)}` : ""}.`,
      );
    } else {
      lines.push("- Chưa có hồ sơ được phê duyệt hỗ trợ.");
    }
  }
  if (context.smeProgramme?.status === "paused") {
    lines.push(
      `- Tuy nhiên, Đề án đang tạm dừng${context.smeProgramme.reason ? `: ${context.smeProgramme.reason.replace(/\.$/, "")}` : ""}.`,
    );
  }
  return lines.join("\n");
}

function technologyText(figures: ReportFigures, context: DraftContext): string {
  const lines: string[] = [];
  const outreach = figures.techOutreach;
  if (outreach.value > 0) {
    const channels = outreach.byPart
      .filter((p) => OUTREACH_CHANNELS[p.part])
      .map((p) => OUTREACH_CHANNELS[p.part](vnCount(p.organisations ?? p.records)));
    lines.push(
      `- Tuyên truyền Chương trình đến cộng đồng doanh nghiệp trên địa bàn tỉnh bằng nhiều hình thức như: ${channels.join("; ")}; tổng cộng ${vnCount(outreach.value)} doanh nghiệp được tiếp cận.`,
    );
  }
  if (figures.techConsultations.value > 0) {
    lines.push(
      `- Tổ chức khảo sát thực tế, tư vấn chuyển giao, đổi mới công nghệ, hướng dẫn xây dựng hồ sơ cho ${vnCount(figures.techConsultations.value)} doanh nghiệp có nhu cầu tham gia Chương trình.`,
    );
  }
  if (figures.techAssessments.value > 0) {
    lines.push(
      `- Đánh giá trình độ công nghệ cho ${vnCount(figures.techAssessments.value)} doanh nghiệp trên địa bàn tỉnh.`,
    );
  }
  const applications = figures.techApplications.value;
  if (applications > 0) {
    lines.push(
      `- Tiếp nhận ${vnCount(applications)} hồ sơ đề nghị tham gia Chương trình, trong đó: ${breakdown(figures.techApplications, APPLICATION_STATES, "hồ sơ")}.`,
    );
  }
  const certificates = figures.techCertificates;
  const valid = certificates.value - countOf(certificates, "revoked");
  if (valid > 0) {
    let line = `- Cấp ${vnCount(valid)} Giấy xác nhận tham gia Chương trình cho ${vnCount(valid)} dự án.`;
    const stalled = countOf(certificates, "stalled");
    if (stalled > 0) {
      const reasons = context.stalledReasons.map(asClause).filter(Boolean);
      line += ` Tuy nhiên, ${vnCount(stalled)} dự án dừng triển khai${reasons.length ? ` do ${reasons.join("; ")}` : ""}.`;
    }
    lines.push(line);
  }
  if (lines.length === 0) lines.push("- Trong kỳ báo cáo, chưa có hoạt động của Chương trình được ghi nhận trên Cổng.");
  return lines.join("\n");
}

function connectionsText(figures: ReportFigures): string {
  const lines: string[] = [];
  const events = figures.events;
  if (events.value > 0) {
    const kinds = events.byPart
      .filter((p) => EVENT_KINDS[p.part])
      .map((p) => `${vnCount(p.records)} ${EVENT_KINDS[p.part]}`);
    lines.push(
      `- Tổ chức ${vnCount(events.value)} sự kiện kết nối hệ sinh thái khởi nghiệp đổi mới sáng tạo với ${vnNumber(events.total.amount ?? 0)} lượt người, đơn vị tham gia, gồm: ${kinds.join("; ")}.`,
    );
  }
  const mous = figures.mous;
  if (mous.value > 0) {
    const pairings = mous.byPart.map((p) => `${PAIRINGS[p.part] ?? p.part} (${vnCount(p.records)})`);
    const fields = figures.mouFields.byPart.filter((p) => MOU_FIELDS[p.part]).map((p) => MOU_FIELDS[p.part]);
    lines.push(
      `- Qua chuỗi sự kiện đã có ${vnCount(mous.value)} biên bản ghi nhớ được ký kết giữa ${joinAnd(pairings)}${fields.length ? ` về ${joinAnd(fields)}` : ""}.`,
    );
  }
  if (lines.length === 0)
    lines.push("- Trong kỳ báo cáo, chưa có sự kiện kết nối hoặc biên bản ghi nhớ được ghi nhận.");
  return lines.join("\n");
}

const HEADINGS: Record<ReportModule, string> = {
  competition: "Cuộc thi Khởi nghiệp đổi mới sáng tạo",
  incubation: "Ươm tạo dự án khởi nghiệp",
  sme: "Hỗ trợ doanh nghiệp nhỏ và vừa (Quyết định số 1325/QĐ-UBND)",
  technology: "Hỗ trợ doanh nghiệp chuyển giao, đổi mới công nghệ",
  connections: "Kết nối hệ sinh thái, sự kiện và biên bản ghi nhớ",
};

export const DEFAULT_SUBTITLE = (period: Period) =>
  `Kết quả hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo và doanh nghiệp ${periodLabel(period)}`;

export function draftIntroduction(period: Period): string {
  return `Sở Khoa học và Công nghệ tỉnh Quảng Ngãi báo cáo kết quả thực hiện ${periodLabel(period)} như sau (số liệu được tổng hợp từ Cổng thông tin hệ sinh thái khởi nghiệp đổi mới sáng tạo):`;
}

/** The report's sections for the chosen modules, in a fixed order, then a closing assessment for staff to write. */
export function draftSections(
  modules: readonly ReportModule[],
  figures: ReportFigures,
  context: DraftContext,
): DraftSection[] {
  const writers: Record<ReportModule, () => string> = {
    competition: () => competitionText(figures, context),
    incubation: () => incubationText(figures),
    sme: () => smeText(figures, context),
    technology: () => technologyText(figures, context),
    connections: () => connectionsText(figures),
  };
  const order: ReportModule[] = ["competition", "incubation", "sme", "technology", "connections"];
  const sections: DraftSection[] = order
    .filter((module) => modules.includes(module))
    .map((module, index) => ({ key: module, heading: `${index + 1}. ${HEADINGS[module]}`, text: writers[module]() }));
  sections.push({
    key: "assessment",
    heading: `${sections.length + 1}. Đánh giá chung, kiến nghị`,
    text: "[Chuyên viên bổ sung đánh giá kết quả, khó khăn, vướng mắc và kiến nghị trước khi trình ký.]",
  });
  return sections;
}
