import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale, defaultLocale } from "../i18n";
import { readForm } from "../lib/forms.server";
import { safeRedirectPath } from "../lib/http.server";
import { localeCookie } from "../lib/locale.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const requested = form.get("locale");
  const locale = isLocale(requested) ? requested : defaultLocale;
  return redirect(safeRedirectPath(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
