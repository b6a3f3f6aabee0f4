import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { redirectWithFlash } from "../lib/flash.server";
import { readForm } from "../lib/forms.server";
import { getTranslator } from "../lib/locale.server";

export async function loader() {
  // Logging out changes state, so only a POST does it.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  // The button's form carries nothing, but like every action this one takes only a form (a JSON body is a 415).
  await readForm(request);
  const t = await getTranslator(request);
  const cookie = await endSession(getDb(), request);
  return redirectWithFlash("/", t("auth.loggedOut"), { "Set-Cookie": cookie });
}
