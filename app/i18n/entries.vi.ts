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
};
