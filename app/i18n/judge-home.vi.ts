/** What judges are told (assignment, reopened sheet, deadline reminder), their home list and the sheet's running total (Vietnamese). */
export const judgeHomeVi = {
  mail: {
    assignedSubject: "Phân công chấm thi – {{round}} ({{edition}})",
    assignedBody:
      "Kính gửi {{name}},\n\nAnh/chị vừa được phân công chấm {{count}} hồ sơ của {{round}} – {{edition}}.{{deadline}}\nDanh sách hồ sơ và phiếu chấm: {{link}}\n\nBan Tổ chức cuộc thi",
    assignedNote: "{{count}} hồ sơ mới cần chấm.",
    deadlineLine: " Hạn chấm: hết ngày {{date}}.",
    reopenedSubject: "Phiếu chấm hồ sơ {{code}} được mở lại – {{round}}",
    reopenedBody:
      "Kính gửi {{name}},\n\nPhiếu chấm hồ sơ {{code}} của {{round}} đã được mở lại để anh/chị sửa và nộp lại.\nLý do: {{reason}}\nMở phiếu chấm: {{link}}\n\nBan Tổ chức cuộc thi",
    reopenedNote: "Lý do: {{reason}}",
    reminderSubject: "Nhắc hạn chấm – {{round}}: hết ngày {{date}}",
    reminderBody:
      "Kính gửi {{name}},\n\nAnh/chị còn {{count}} phiếu chấm chưa nộp của {{round}} – {{edition}}. Hạn chấm: hết ngày {{date}}.\nDanh sách hồ sơ và phiếu chấm: {{link}}\n\nBan Tổ chức cuộc thi",
    reminderNote: "Còn {{count}} phiếu chưa nộp, hạn hết ngày {{date}}.",
  },
  judge: {
    title: "Phiếu chấm của tôi",
    todo: "Chưa chấm",
    draft: "Đang chấm",
    done: "Đã nộp",
    none: "Không có phiếu nào.",
    deadline: "Hạn chấm: {{date}}",
    noDeadline: "Chưa có hạn chấm",
    seeAll: "Xem tất cả phiếu chấm",
    more: "và {{count}} phiếu khác",
  },
  sheet: {
    runningTotal: "Tổng điểm có trọng số",
    runningTotalOf: "{{total}} / 100",
    scoredOf: "Đã cho điểm {{scored}} / {{counted}} tiêu chí tính điểm.",
    runningTotalHint: "Tiêu chí chưa cho điểm được tính là 0. Tổng được tính lại mỗi lần lưu.",
  },
  rounds: {
    deadline: "Hạn chấm (ngày kết thúc vòng)",
    deadlineHint: "Giám khảo còn phiếu chưa nộp được nhắc qua thư {{days}} ngày trước hạn.",
  },
} as const;
