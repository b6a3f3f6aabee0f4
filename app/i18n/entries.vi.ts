/** Competition entries, the organising committee's tools: the verification form, bulk screening, the entry's PDF, eligibility proof (Vietnamese). */
export const entryExtrasVi = {
  verifyForm: {
    title: "Xác thực giấy chứng nhận",
    lead: "Nhập mã xác thực in trên giấy chứng nhận (dưới mã QR) để kiểm tra giấy chứng nhận do Sở Khoa học và Công nghệ tỉnh Quảng Ngãi cấp.",
    code: "Mã xác thực",
    codeHint: "Gồm chữ và số, ví dụ ABCD EFGH JKMN; không phân biệt chữ hoa, chữ thường và khoảng trắng.",
    submit: "Kiểm tra",
    missing: "Nhập mã xác thực in trên giấy chứng nhận.",
    malformed: "Không tìm thấy: mã xác thực chỉ gồm chữ và số (6 ký tự trở lên), như in trên giấy chứng nhận.",
    another: "Kiểm tra mã khác",
    footerLink: "Xác thực giấy chứng nhận",
  },
  bulk: {
    title: "Xét nhiều hồ sơ cùng lúc",
    lead: "Đánh dấu các hồ sơ trong bảng, chọn quyết định rồi bấm “Ghi quyết định”. Quyết định chỉ được ghi khi mọi hồ sơ đã chọn đều nhận được; nếu có hồ sơ không nhận được, không hồ sơ nào bị thay đổi và trang nêu rõ hồ sơ nào, vì sao.",
    select: "Chọn",
    selectEntry: "Chọn hồ sơ {{project}}",
    decision: "Quyết định",
    reason: "Lý do (bắt buộc khi không hợp lệ; người dự thi sẽ thấy)",
    apply: "Ghi quyết định cho các hồ sơ đã chọn",
    done: "Đã ghi quyết định cho {{count}} hồ sơ.",
    refused: "Chưa ghi quyết định nào: các hồ sơ dưới đây không nhận được quyết định này. Bỏ chọn chúng rồi ghi lại.",
    noneSelected: "Chọn ít nhất một hồ sơ trong bảng.",
    tooMany: "Mỗi lần chọn tối đa {{max}} hồ sơ.",
    notInEdition: "Một hồ sơ đã chọn không thuộc kỳ thi này hoặc không còn nữa.",
    cannotTake: "{{receipt}} – {{project}}: đang ở trạng thái “{{status}}”, không thể nhận quyết định này.",
  },
};
