/** Programmes and records a department is audited on: the organisation's story, certificate numbering, exports (Vietnamese). */
export const recordsVi = {
  certificateNumbers: {
    title: "Số Giấy xác nhận tham gia Chương trình",
    lead: "Mỗi năm một dãy số, bắt đầu từ 01, liên tục và không trùng; năm là năm cấp theo giờ Việt Nam. Các giấy đã cấp giữ nguyên số; giấy cấp sau khi sửa mang định dạng mới.",
    nav: "Số Giấy xác nhận",
    format: "Định dạng số",
    formatHint:
      "Bắt buộc có {số} (số thứ tự trong năm, 01, 02…) và {năm} (năm cấp, 4 chữ số), mỗi thứ một lần, không liền với chữ số khác. Ví dụ: {số}/{năm}/GXN-SKHCN.",
    next: "Số của giấy tiếp theo năm {{year}}",
    save: "Lưu định dạng",
    saved: "Đã lưu định dạng số Giấy xác nhận.",
    problems: {
      missingNumber: "Định dạng phải có {số} (số thứ tự trong năm).",
      missingYear: "Định dạng phải có {năm} (năm cấp), để số của các năm không trùng nhau.",
      repeated: "{số} và {năm} mỗi thứ chỉ được có một lần.",
      unknownPlaceholder: "Chỉ dùng được {số} và {năm} trong dấu ngoặc nhọn.",
      adjacent:
        "{số} và {năm} phải cách nhau và cách chữ số khác bằng một ký tự không phải chữ số (ví dụ “/” hoặc “-”), để mỗi số đọc lại được đúng một cách.",
      tooLong: "Định dạng dài tối đa {{maxLength}} ký tự.",
      invalidCharacter: "Định dạng chỉ gồm một dòng chữ, không có ký tự điều khiển.",
    },
  },
  story: {
    newestOnly: "Hiển thị {{n}} hoạt động gần nhất.",
  },
} as const;
