/** Conflicts of interest from business data: proposals on the round page, judges' organisations, blind declaration. */
export const conflictProposalsVi = {
  evidence: {
    membership: "Cùng tổ chức {{organisation}}",
    emailDomain: "Cùng tên miền thư điện tử @{{domain}}",
    mouNumbered: "Biên bản ghi nhớ số {{reference}} ({{title}}) giữa {{first}} và {{second}}",
    mou: "Biên bản ghi nhớ “{{title}}” giữa {{first}} và {{second}}",
    incubator: "{{by}} ươm tạo {{organisation}}",
    mentor: "{{by}} là chuyên gia cố vấn của {{organisation}} trong ươm tạo",
  },
  dismissReason: "Lý do bỏ qua",
  dismissMessage: "Bỏ qua đề xuất xung đột giữa {{judge}} và {{organisation}}? Cặp này sẽ không được đề xuất lại.",
  dismissedBecause: "(Bỏ qua: {{reason}})",
  problems: {
    dismissReason: "Hãy ghi lý do bỏ qua đề xuất.",
    alreadyDecided: "Xung đột này đã được quyết định.",
  },
};

export const judgeOrganisationsVi = {
  title: "Tổ chức của giám khảo {{name}}",
  lead: "Các tổ chức giám khảo làm việc hoặc có liên hệ: căn cứ để đề xuất xung đột lợi ích (cùng tổ chức, biên bản ghi nhớ, ươm tạo).",
  linked: "Tổ chức đã liên kết",
  none: "Chưa liên kết tổ chức nào.",
  memberOf: "Thành viên (theo tài khoản)",
  addedBy: "Người liên kết",
  addedAt: "Ngày liên kết",
  organisation: "Tổ chức",
  taxCode: "Mã số thuế",
  search: "Tìm tổ chức theo tên hoặc mã số thuế",
  searchButton: "Tìm",
  addTitle: "Liên kết thêm tổ chức",
  results: "Kết quả tìm kiếm",
  noResults: "Không tìm thấy tổ chức nào.",
  link: "Liên kết",
  linkLabel: "Liên kết với {{name}}",
  unlink: "Bỏ liên kết",
  unlinkMessage: "Bỏ liên kết giám khảo với {{name}}?",
  unlinkReason: "Lý do bỏ liên kết",
  linkedDone: "Đã liên kết giám khảo với tổ chức.",
  unlinkedDone: "Đã bỏ liên kết.",
  manage: "Tổ chức của giám khảo",
  problems: {
    noSuchOrganisation: "Không tìm thấy tổ chức này.",
    alreadyLinked: "Giám khảo đã được liên kết với tổ chức này.",
  },
};

export const blindConflictsVi = {
  open: "Khai báo xung đột lợi ích theo danh sách",
  title: "Khai báo xung đột lợi ích – {{round}}",
  lead: "Vòng {{round}} ({{edition}}) chấm kín. Dưới đây là các tổ chức và thành viên nhóm có trong vòng, xếp theo thứ tự chữ cái, không kèm mã hay tên dự án. Đánh dấu những tổ chức, người mà bạn có xung đột lợi ích; hệ thống sẽ tự loại các hồ sơ liên quan khỏi phần chấm của bạn mà không cho biết đó là hồ sơ nào.",
  organisations: "Tổ chức trong vòng",
  people: "Thành viên nhóm trong vòng",
  noneListed: "Không có tên nào.",
  reason: "Lý do xung đột (ví dụ: người thân, từng làm việc cùng)",
  declare: "Ghi nhận xung đột",
  declared: "Đã ghi nhận khai báo xung đột của bạn.",
  closed: "Vòng đã đóng: không còn khai báo được.",
  back: "Về danh sách chấm",
  problems: { nothingTicked: "Hãy đánh dấu ít nhất một tổ chức hoặc một người." },
};
