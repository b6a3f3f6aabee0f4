/**
 * The one reader of form bodies: every action gets its FormData from here, so the rules below hold on every route.
 * - Only the two encodings browsers send are forms: application/x-www-form-urlencoded and multipart/form-data
 *   (an upload route reads either). Any other type, or a body without a type, is a 415; an empty body without a
 *   type is an empty form.
 * - Multipart is parsed while it streams (busboy), with every limit checked on the way: each file, the files, the
 *   fields, each field, the text in all and the whole body. Passing one answers 413 at once and stops reading, so
 *   a chunked body of endless parts is never held in memory first.
 * - A body that cannot be parsed (no boundary, cut off, broken part headers) is the sender's error: 400.
 * - File names are read as browsers write them: raw UTF-8 in a quoted string (with `=`, `;`, quotes, Vietnamese
 *   letters), or RFC 5987 `filename*`. What a name may be once stored is `storedFileName`'s business.
 */
import busboy from "busboy";
import { malformedForm, payloadTooLarge, unsupportedFormType } from "./http.server";

export const MAX_FORM_BYTES = 64 * 1024;
export const MAX_FORM_FIELDS = 1000;

export type FormLimits = {
  /** Each file, in bytes. */
  maxFileBytes: number;
  /** The text fields in all, names included (and a multipart body's framing): 64 KB unless told. */
  maxBytes?: number;
  /** Files in one form: every upload form of the portal takes one. */
  maxFiles?: number;
  /** Text fields in one form. */
  maxFields?: number;
};

/** A form without files; a multipart one carrying a file is refused like an oversized one. */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  return readFormBody(request, { maxFileBytes: 0, maxFiles: 0, maxBytes });
}

/** An upload form: multipart with its files as File objects, or url-encoded (then without files: "file missing"). */
export async function readMultipartForm(request: Request, limits: FormLimits): Promise<FormData> {
  return readFormBody(request, { maxFiles: 1, ...limits });
}

/** Whether a route that takes both encodings got the upload (routes dispatch on it before choosing a reader). */
export function isMultipartForm(request: Request): boolean {
  return mediaType(request) === "multipart/form-data";
}

function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";", 1)[0].trim().toLowerCase();
}

async function readFormBody(request: Request, limits: FormLimits): Promise<FormData> {
  const resolved = {
    maxFileBytes: limits.maxFileBytes,
    maxBytes: limits.maxBytes ?? MAX_FORM_BYTES,
    maxFiles: limits.maxFiles ?? 1,
    maxFields: limits.maxFields ?? MAX_FORM_FIELDS,
  };
  const maxBodyBytes = resolved.maxBytes + resolved.maxFiles * resolved.maxFileBytes;
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBodyBytes) payloadTooLarge();
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded")
    return urlEncodedForm(await readText(request, resolved.maxBytes), resolved.maxFields);
  if (type === "multipart/form-data")
    return multipartForm(request, request.headers.get("Content-Type")!, resolved, maxBodyBytes);
  if (type === "" && (await isEmpty(request))) return new FormData();
  unsupportedFormType();
}

/** Whether a body holds no byte at all (read until its first byte, no further). */
async function isEmpty(request: Request): Promise<boolean> {
  if (!request.body) return true;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    if (value.byteLength > 0) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}

function urlEncodedForm(body: string, maxFields: number): FormData {
  const form = new FormData();
  let fields = 0;
  for (const [key, value] of new URLSearchParams(body)) {
    if (++fields > maxFields) payloadTooLarge();
    form.append(key, value);
  }
  return form;
}

/** The body as text, refused with 413 as soon as it passes maxBytes. */
async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      payloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

type Refusal = "tooLarge" | "malformed";

async function multipartForm(
  request: Request,
  header: string,
  limits: Required<FormLimits>,
  maxBodyBytes: number,
): Promise<FormData> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": header },
      // Browsers write file names as raw UTF-8; busboy's default would read them as Latin-1.
      defParamCharset: "utf8",
      // Each limit one past the allowed, so that busboy's "reached" means "passed".
      limits: {
        fileSize: limits.maxFileBytes + 1,
        files: limits.maxFiles,
        fields: limits.maxFields,
        fieldSize: limits.maxBytes + 1,
        parts: limits.maxFiles + limits.maxFields + 1,
        headerPairs: 20,
      },
    });
  } catch {
    malformedForm();
  }
  const form = new FormData();
  // Set from busboy's events; the first refusal wins and stops the reading.
  const state: { refusal: Refusal | null; textBytes: number } = { refusal: null, textBytes: 0 };
  const refuse = (why: Refusal) => {
    state.refusal ??= why;
  };
  const finished = new Promise<void>((resolve) => {
    parser.on("field", (name, value, info) => {
      // A part whose header names no field (name missing or unparsable) still counts against the limit.
      state.textBytes += Buffer.byteLength(name ?? "") + Buffer.byteLength(value ?? "");
      if (info.valueTruncated || state.textBytes > limits.maxBytes) return refuse("tooLarge");
      if (name) form.append(name, value);
    });
    parser.on("file", (name, stream, info) => {
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      // Copied: busboy's chunks may be views of the whole body chunk, which would stay held.
      stream.on("data", (chunk: Buffer) => chunks.push(new Uint8Array(chunk)));
      stream.on("limit", () => refuse("tooLarge"));
      stream.on("error", () => refuse("malformed"));
      stream.on("end", () => {
        if (name && !state.refusal)
          form.append(name, new File(chunks, browserFileName(info.filename), { type: info.mimeType }));
      });
    });
    for (const limit of ["filesLimit", "fieldsLimit", "partsLimit"] as const)
      parser.on(limit, () => refuse("tooLarge"));
    parser.on("error", () => {
      refuse("malformed");
      resolve();
    });
    parser.on("close", () => resolve());
  });

  const reader = request.body?.getReader();
  let received = 0;
  while (reader && !state.refusal) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBodyBytes) refuse("tooLarge");
    else await Promise.race([new Promise<void>((resolve) => parser.write(value, () => resolve())), finished]);
  }
  if (state.refusal) {
    await reader?.cancel().catch(() => undefined);
    parser.destroy();
  } else parser.end();
  await finished;
  if (state.refusal === "tooLarge") payloadTooLarge();
  if (state.refusal === "malformed") malformedForm();
  return form;
}

/**
 * Browsers escape only the double quote and line breaks of a file name (%22, %0D, %0A in the HTML standard's
 * multipart encoding); the rest comes as it is.
 */
function browserFileName(name: string | undefined): string {
  return (name ?? "").replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
}
