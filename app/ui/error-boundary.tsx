import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { useRequestId } from "./request-id";

/** The one error page: a Vietnamese message per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const requestId = useRequestId();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 403
      ? t("errors.title403")
      : status === 404
        ? t("errors.title404")
        : status === 413
          ? t("errors.title413")
          : status === 429
            ? t("errors.title429")
            : status >= 400 && status < 500
              ? t("errors.title400")
              : t("errors.title500");
  const body =
    status === 403
      ? t("errors.body403")
      : status === 404
        ? t("errors.body404")
        : status === 413
          ? t("errors.bodyTooLarge")
          : status === 415
            ? t("errors.unsupportedForm")
            : status >= 500
              ? t("errors.body500")
              : t("errors.invalid");
  if (!isRouteErrorResponse(error) && typeof window === "undefined") console.error(`[${requestId ?? "-"}]`, error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {status >= 500 && requestId ? (
        <p className="error-reference">
          {t("errors.reference", { id: requestId })}
          <br />
          <small>{t("errors.referenceHint")}</small>
        </p>
      ) : null}
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
