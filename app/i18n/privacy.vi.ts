/** Personal data (Decree 13/2023/NĐ-CP): the access log, data-subject requests, retention (Vietnamese). */
export const privacyVi = {
  nav: "Dữ liệu cá nhân",
  staffNav: "Yêu cầu về dữ liệu cá nhân",
  access: {
    title: "Nhật ký truy cập dữ liệu cá nhân",
    lead: "Mỗi lần một trang hiển thị hoặc một tệp xuất ra thông tin liên hệ của người khác (thành viên, người tham dự, người dự thi, tài khoản) được ghi một dòng: ai, lúc nào, dữ liệu của ai, bao nhiêu người.",
    createdAt: "Thời gian",
    actor: "Người truy cập",
    kind: "Hình thức",
    kinds: { view: "Xem", export: "Xuất tệp" },
    subject: "Dữ liệu của",
    subjects: {
      users: "Tài khoản người dùng",
      organisation_members: "Thành viên tổ chức",
      entry_members: "Thành viên hồ sơ dự thi",
      event_participants: "Người tham dự sự kiện",
      organisations: "Liên hệ của tổ chức, chuyên gia",
    },
    record: "Bản ghi",
    route: "Đường dẫn",
    count: "Số người",
    ip: "Địa chỉ IP",
    from: "Từ ngày",
    to: "Đến ngày",
    all: "Tất cả",
    searchLabel: "Tìm theo đường dẫn",
  },
} as const;
