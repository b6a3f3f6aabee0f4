/** The lines of a CSV export as the portal writes it (a UTF-8 byte-order mark, CRLF line ends). */
export const csvLines = (data: unknown): string[] =>
  String(data)
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
