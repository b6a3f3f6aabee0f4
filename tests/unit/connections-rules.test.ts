import { describe, expect, it } from "vitest";
import {
  checkFollowUp,
  checkState,
  firstCheckOn,
  followUpStatuses,
  isCheckDue,
  nextCheckOn,
  pairingOf,
} from "../../app/modules/connections/rules";
import {
  fieldFromLabel,
  kindFromLabel,
  parseSheetDate,
  validateAttendeeSheet,
  validateMouSheet,
  type Sheet,
} from "../../app/modules/connections/sheet";
import {
  distinctiveWord,
  duplicateReason,
  nameSimilarity,
  organisationNameKey,
  SIMILAR_NAME_THRESHOLD,
} from "../../app/modules/organisations/duplicates";

describe("pairingOf (the MOU's pairing from its parties' kinds)", () => {
  it("pairs two enterprises as enterprise–enterprise, a startup team counting as an enterprise", () => {
    expect(pairingOf(["enterprise", "enterprise"])).toBe("enterprise_enterprise");
    expect(pairingOf(["startup_team", "enterprise"])).toBe("enterprise_enterprise");
  });
  it("pairs an enterprise with an expert as enterprise–expert, whatever the order", () => {
    expect(pairingOf(["expert", "enterprise"])).toBe("enterprise_expert");
    expect(pairingOf(["enterprise", "enterprise", "expert"])).toBe("enterprise_expert");
  });
  it("pairs an enterprise with an incubator, a university or an agency as enterprise–support organisation", () => {
    expect(pairingOf(["enterprise", "support_organisation"])).toBe("enterprise_support");
    expect(pairingOf(["university", "startup_team"])).toBe("enterprise_support");
    expect(pairingOf(["agency", "enterprise"])).toBe("enterprise_support");
  });
  it("calls anything else other: no enterprise, experts and support organisations together, a single party", () => {
    expect(pairingOf(["expert", "support_organisation"])).toBe("other");
    expect(pairingOf(["enterprise", "expert", "support_organisation"])).toBe("other");
    expect(pairingOf(["enterprise"])).toBe("other");
  });
});

describe("MOU follow-up", () => {
  it("lets a note keep the status or move a signed MOU on; a contract only takes notes", () => {
    expect(followUpStatuses("signed")).toEqual(["signed", "in_progress", "contract", "no_follow_up"]);
    expect(followUpStatuses("in_progress")).toEqual(["in_progress", "contract", "no_follow_up"]);
    expect(followUpStatuses("no_follow_up")).toEqual(["no_follow_up", "in_progress"]);
    expect(followUpStatuses("contract")).toEqual(["contract"]);
  });
  it("refuses a note that sends an MOU back to signed, and takes a note that keeps a closed MOU's status", () => {
    expect(checkFollowUp("in_progress", { status: "signed", notedOn: "2024-05-01" }, "2024-06-01")).toBe("notAllowed");
    expect(checkFollowUp("no_follow_up", { status: "no_follow_up", notedOn: "2024-05-01" }, "2024-06-01")).toBeNull();
  });
  it("refuses a move back from a contract, a note dated tomorrow and a next check before the note", () => {
    expect(checkFollowUp("contract", { status: "in_progress", notedOn: "2024-05-01" }, "2024-06-01")).toBe(
      "notAllowed",
    );
    expect(checkFollowUp("signed", { status: "in_progress", notedOn: "2024-06-02" }, "2024-06-01")).toBe(
      "noteInFuture",
    );
    expect(
      checkFollowUp(
        "signed",
        { status: "in_progress", notedOn: "2024-05-01", nextCheckOn: "2024-05-01" },
        "2024-06-01",
      ),
    ).toBe("checkBeforeNote");
    expect(
      checkFollowUp(
        "signed",
        { status: "in_progress", notedOn: "2024-05-01", nextCheckOn: "2024-08-01" },
        "2024-06-01",
      ),
    ).toBeNull();
  });
  it("plans the first check six months after signing, or today when that is past, and none for a closed MOU", () => {
    expect(firstCheckOn("signed", "2024-03-15", "2024-04-01")).toBe("2024-09-15");
    expect(firstCheckOn("signed", "2022-08-31", "2024-04-01")).toBe("2024-04-01");
    expect(firstCheckOn("signed", "2024-03-15", "2024-04-01", "2024-05-01")).toBe("2024-05-01");
    expect(firstCheckOn("contract", "2024-03-15", "2024-04-01")).toBeNull();
    expect(firstCheckOn("signed", "2024-08-31", "2024-09-01")).toBe("2025-02-28");
  });
  it("plans the next check three months after a note unless one is chosen, and none once closed", () => {
    expect(nextCheckOn("in_progress", "2024-01-31")).toBe("2024-04-30");
    expect(nextCheckOn("in_progress", "2024-01-31", "2024-02-15")).toBe("2024-02-15");
    expect(nextCheckOn("contract", "2024-01-31", "2024-02-15")).toBeNull();
    expect(nextCheckOn("no_follow_up", "2024-01-31")).toBeNull();
  });
  it("is due on the check day and overdue after it, soon within 14 days, only while the MOU is open", () => {
    const today = "2025-06-10";
    expect(checkState({ status: "signed", next_check_on: "2025-06-09" }, today)).toBe("overdue");
    expect(checkState({ status: "in_progress", next_check_on: "2025-06-10" }, today)).toBe("due");
    expect(checkState({ status: "signed", next_check_on: "2025-06-24" }, today)).toBe("soon");
    expect(checkState({ status: "signed", next_check_on: "2025-06-25" }, today)).toBe("scheduled");
    expect(checkState({ status: "signed", next_check_on: null }, today)).toBe("unscheduled");
    expect(checkState({ status: "contract", next_check_on: "2025-01-01" }, today)).toBe("closed");
    expect(isCheckDue({ status: "signed", next_check_on: "2025-06-10" }, today)).toBe(true);
    expect(isCheckDue({ status: "signed", next_check_on: "2025-06-11" }, today)).toBe(false);
    expect(isCheckDue({ status: "no_follow_up", next_check_on: "2025-01-01" }, today)).toBe(false);
  });
});

describe("organisation names for duplicate detection", () => {
  it("sets aside accents, case, punctuation and the legal form", () => {
    expect(organisationNameKey("Công ty TNHH MTV Công nghệ cao Huy Long")).toBe("congnghecaohuylong");
    expect(organisationNameKey("CTY TNHH MỘT THÀNH VIÊN CÔNG NGHỆ CAO HUY LONG")).toBe("congnghecaohuylong");
    expect(organisationNameKey("Công ty TNHH OLYSA Việt Nam")).toBe(organisationNameKey("OLYSA"));
    expect(organisationNameKey("Cty. CP Quang Hải")).toBe("quanghai");
    expect(organisationNameKey("Công ty TNHH")).toBe("");
  });
  it("scores the same name 1, a one-letter typo above the threshold and different firms below it", () => {
    expect(nameSimilarity("Công ty TNHH Nấm dược liệu Ninh Trương", "Nấm Dược Liệu Ninh Truong")).toBe(1);
    expect(
      nameSimilarity("Công ty TNHH MTV thương mại điện tử NSP", "Công ty thương mại điện tử NPS"),
    ).toBeGreaterThanOrEqual(SIMILAR_NAME_THRESHOLD);
    expect(
      nameSimilarity("Công ty TNHH MTV sản xuất rượu Quang Hải", "Công ty TNHH MTV nấm dược liệu Ninh Trương"),
    ).toBeLessThan(0.5);
    expect(nameSimilarity("Công ty TNHH", "Công ty cổ phần")).toBe(0);
  });
  it("calls the same tax code a duplicate, two tax codes never, and otherwise judges by name", () => {
    expect(
      duplicateReason(
        { name: "Huy Long", tax_code: "4300123456" },
        { name: "Công ty khác hẳn", tax_code: "4300 123 456" },
      ),
    ).toBe("tax_code");
    expect(
      duplicateReason({ name: "Huy Long", tax_code: "4300123456" }, { name: "Huy Long", tax_code: "4300123457" }),
    ).toBeNull();
    expect(
      duplicateReason({ name: "Huy Long", tax_code: "4300123456" }, { name: "Công ty TNHH Huy Long", tax_code: null }),
    ).toBe("same_name");
    expect(
      duplicateReason({ name: "Công ty Olysa Việt Nam", tax_code: null }, { name: "Olisa Việt Nam", tax_code: null }),
    ).toBeNull();
    expect(
      duplicateReason(
        { name: "Trung tâm hỗ trợ khởi nghiệp ĐMST Thừa Thiên Huế", tax_code: null },
        { name: "Trung tâm Hỗ trợ khởi nghiệp ĐMST Thừa Thiên - Huế", tax_code: null },
      ),
    ).toBe("same_name");
    expect(
      duplicateReason(
        { name: "Hợp tác xã nông nghiệp Tịnh Phong", tax_code: null },
        { name: "HTX nông nghiệp Tịnh Phong", tax_code: null },
      ),
    ).toBe("same_name");
    expect(
      duplicateReason(
        { name: "Công ty TNHH Mạch nha Thi Phổ", tax_code: null },
        { name: "Cơ sở Mạch nha Thi Phổ", tax_code: null },
      ),
    ).toBe("similar_name");
  });
  it("finds the most distinctive word of a name for the LIKE that narrows candidates", () => {
    expect(distinctiveWord("Công ty TNHH OLYSA Việt Nam")).toBe("olysa");
    expect(distinctiveWord("Công ty TNHH")).toBe("cong");
  });
});

/** A sheet as the reader gives it: the first row the header, the others numbered from 2. */
function sheetOf(grid: string[][]): Sheet {
  return { header: grid[0], rows: grid.slice(1).map((cells, index) => ({ row: index + 2, cells })) };
}

describe("sheets", () => {
  it("reads dates typed the Vietnamese way or as ISO, and refuses 31/02", () => {
    expect(parseSheetDate("05/09/2023")).toBe("2023-09-05");
    expect(parseSheetDate("5-9-2023")).toBe("2023-09-05");
    expect(parseSheetDate("2023-09-05")).toBe("2023-09-05");
    expect(parseSheetDate("31/02/2023")).toBeNull();
    expect(parseSheetDate("hôm qua")).toBeNull();
  });
  it("understands the kinds and fields staff write", () => {
    expect(kindFromLabel("Doanh nghiệp")).toBe("enterprise");
    expect(kindFromLabel("chuyên gia")).toBe("expert");
    expect(kindFromLabel("Vườn ươm")).toBe("support_organisation");
    expect(kindFromLabel("Trường Đại học")).toBe("university");
    expect(kindFromLabel("hội đồng hương")).toBeNull();
    expect(fieldFromLabel("Tư vấn chuyển giao công nghệ")).toBe("technology_transfer_consulting");
    expect(fieldFromLabel("xúc tiến thương mại")).toBe("trade_promotion");
    expect(fieldFromLabel("bán hàng")).toBeNull();
  });

  const header = ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Mã số thuế", "Điện thoại", "Email"];
  it("accepts an attendee sheet whose headers differ in accents and case, and skips blank rows", () => {
    const result = validateAttendeeSheet(
      sheetOf([
        ["stt", "HO VA TEN", "chức vụ", "đơn vị", "MST", "điện thoại", "email"],
        ["1", "Nguyễn Văn An", "Giám đốc", "Công ty TNHH Huy Long", "4300123456", "0905 123 456", "An@HuyLong.vn"],
        ["", "", "", "", "", "", ""],
      ]),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        personName: "Nguyễn Văn An",
        position: "Giám đốc",
        phone: "0905 123 456",
        email: "an@huylong.vn",
        organisation: { name: "Công ty TNHH Huy Long", taxCode: "4300123456", kind: null },
      },
    ]);
  });
  it("reports every bad attendee row with its row number and column, and keeps none of them", () => {
    const result = validateAttendeeSheet(
      sheetOf([
        header,
        ["1", "Nguyễn Văn An", "", "Công ty TNHH Huy Long", "43001234", "", ""],
        ["2", "", "", "", "", "", ""].map((v, i) => (i === 2 ? "Khách" : v)),
        ["3", "Trần Thị Bình", "", "Công ty TNHH", "", "abc", "binh@"],
        ["4", "Lê Văn Cường", "", "Công ty Olysa", "", "", ""],
        ["5", "Lê Văn Cường", "", "CÔNG TY OLYSA", "", "", ""],
        ["6", "Phạm Dũng", "", "", "4300123456", "", ""],
        ["7", "Võ Em", "", "Công ty TNHH Huy Long", "101234567", "", ""],
      ]),
    );
    expect(result.problems.map((p) => [p.row, p.column, p.key.split(".").pop()])).toEqual([
      [2, "Mã số thuế", "taxCode"],
      [3, "Họ và tên", "nameOrUnitRequired"],
      [4, "Điện thoại", "phone"],
      [4, "Email", "email"],
      [4, "Đơn vị", "nameTooVague"],
      [6, "Họ và tên", "duplicateRow"],
      [7, "Đơn vị", "unitRequiredWithTaxCode"],
      [8, "Mã số thuế", "taxCodeLostZero"],
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([5]);
  });
  it("refuses a sheet without its required columns, naming them", () => {
    const result = validateAttendeeSheet(
      sheetOf([
        ["Tên", "Điện thoại"],
        ["A", "0905123456"],
      ]),
    );
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [1, "Họ và tên"],
      [1, "Đơn vị"],
    ]);
  });
  it("refuses an attendee sheet over 5 000 rows before looking at any", () => {
    const grid = [header, ...Array.from({ length: 5001 }, (_, i) => [String(i), `Người ${i}`, "", "", "", "", ""])];
    expect(validateAttendeeSheet(sheetOf(grid)).problems.map((p) => p.key)).toEqual([
      "connections.import.problems.tooManyRows",
    ]);
  });
  it("catches one organisation written with two tax codes in the same file", () => {
    const result = validateAttendeeSheet(
      sheetOf([
        header,
        ["1", "A", "", "Công ty Sao Mai", "4300000001", "", ""],
        ["2", "B", "", "CTY TNHH SAO MAI", "4300000002", "", ""],
      ]),
    );
    expect(result.problems.map((p) => [p.row, p.key.split(".").pop(), p.params?.row])).toEqual([
      [3, "conflictingTaxCode", "2"],
    ]);
  });

  const mouHeader = [
    "Ngày ký",
    "Bên thứ nhất",
    "MST bên thứ nhất",
    "Bên thứ hai",
    "Loại bên thứ hai",
    "Lĩnh vực",
    "Tình trạng",
    "Sự kiện",
  ];
  it("accepts an MOU row with two parties, several fields and a status", () => {
    const result = validateMouSheet(
      sheetOf([
        mouHeader,
        [
          "12/05/2023",
          "Công ty TNHH Huy Long",
          "4300123456",
          "TS. Nguyễn Thị Thanh Hà",
          "Chuyên gia",
          "Tư vấn chuyển giao công nghệ; Xúc tiến thương mại",
          "Đang triển khai",
          "",
        ],
      ]),
      "2024-01-01",
    );
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({
      row: 2,
      signedOn: "2023-05-12",
      parties: [
        { name: "Công ty TNHH Huy Long", taxCode: "4300123456", kind: null },
        { name: "TS. Nguyễn Thị Thanh Hà", taxCode: null, kind: "expert" },
      ],
      fields: ["technology_transfer_consulting", "trade_promotion"],
      status: "in_progress",
      event: null,
    });
  });
  it("reports bad MOU rows: no date, a date to come, one party twice, unknown field and status, a repeated row", () => {
    const result = validateMouSheet(
      sheetOf([
        mouHeader,
        ["", "A corp", "", "B corp", "", "Đào tạo", "", ""],
        ["01/01/2030", "A corp", "", "B corp", "", "Đào tạo", "", ""],
        ["01/01/2023", "Công ty Sao Mai", "", "CTY TNHH SAO MAI", "", "Đào tạo", "", ""],
        ["01/01/2023", "A corp", "", "B corp", "", "Bán hàng", "Đang bàn", ""],
        ["02/01/2023", "A corp", "", "B corp", "", "Đào tạo", "", ""],
        ["02/01/2023", "B corp", "", "A corp", "", "Đầu tư", "", ""],
      ]),
      "2024-01-01",
    );
    expect(result.problems.map((p) => [p.row, p.column, p.key.split(".").pop()])).toEqual([
      [2, "Ngày ký", "required"],
      [3, "Ngày ký", "dateInFuture"],
      [4, "Bên thứ hai", "sameParty"],
      [5, "Lĩnh vực", "unknownField"],
      [5, "Tình trạng", "unknownStatus"],
      [7, "Bên thứ nhất", "duplicateRow"],
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([6]);
  });
});
