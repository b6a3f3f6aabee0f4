import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getTranslator } from "../lib/locale.server";
import { verificationCodeOf } from "../lib/verification-code";
import { AppForm, Button, Field } from "../ui/form";
import { Card, PageHeader } from "../ui/layout";
import { htmlOnly } from "../ui/hydration";

export const handle = htmlOnly;

export const meta: MetaFunction = () => [{ title: "Xác thực giấy chứng nhận – Cổng ĐMST Quảng Ngãi" }];

/**
 * The form for a code typed from paper (a GET form, so it works without JavaScript and the URL can be shared):
 * a well-formed code goes to its page, /verify/<code>, which says whether a certificate carries it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { typed: "", error: null };
  const code = verificationCodeOf(typed);
  if (code) return redirect(`/verify/${code}`);
  const t = await getTranslator(request);
  const error = t(typed.trim() ? "entryExtras.verifyForm.malformed" : "entryExtras.verifyForm.missing");
  return data({ typed: typed.slice(0, 100), error }, { status: 400 });
}

export default function VerifyFormPage() {
  const { t } = useTranslation();
  const { typed, error } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("entryExtras.verifyForm.title")} lead={t("entryExtras.verifyForm.lead")} />
      <Card>
        <AppForm method="get" errors={error ? { code: error } : undefined}>
          <Field
            name="code"
            label={t("entryExtras.verifyForm.code")}
            hint={t("entryExtras.verifyForm.codeHint")}
            defaultValue={typed}
            error={error ?? undefined}
            autoComplete="off"
            required
          />
          <Button>{t("entryExtras.verifyForm.submit")}</Button>
        </AppForm>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
