/**
 * What an uploaded file's name may be once stored: it is shown on pages, becomes the name of a downloaded file and
 * of an entry in the staff's ZIP of documents. Invisible characters that change how a name reads are dropped
 * (bidirectional overrides: "hoa-don\u202Efdp.exe" shows as "hoa-donexe.pdf"; C0/C1 controls, NUL, zero-width
 * marks), path segments are dropped, characters Windows refuses in a file name become "_", and a name left
 * empty gets a neutral default.
 */
// The control characters are the point: they are what a stored name must not keep.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const WINDOWS_RESERVED = /[<>:"|?*]/g;
const MAX_NAME_LENGTH = 200;

export function storedFileName(name: string | null | undefined, fallback = "tai-lieu"): string {
  const lastSegment = (name ?? "").replace(LONE_SURROGATE, "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(INVISIBLE, "")
    .replace(WINDOWS_RESERVED, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  if (cleaned === "") return fallback;
  // ".pdf" and "..": a name of only an extension or dots is no name.
  const named = cleaned.startsWith(".") ? `${fallback}${cleaned.replace(/^\.+/, ".")}` : cleaned;
  return shortened(named);
}

/** At most MAX_NAME_LENGTH characters (code points, so no letter is cut in half), keeping a short extension. */
function shortened(name: string): string {
  if (Array.from(name).length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  const stem = Array.from(extension ? name.slice(0, dot) : name).slice(0, MAX_NAME_LENGTH - extension.length);
  return `${stem.join("").trimEnd()}${extension}`;
}
