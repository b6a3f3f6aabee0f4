import { notFound } from "../lib/http.server";

/**
 * A route that fails, so that tests can check the error page and its request id. It exists only when the
 * server runs under NODE_ENV=test with PORTAL_TEST_ROUTES=1; everywhere else it is a 404.
 */
export function loader() {
  // Read at run time: the build inlines `process.env.NODE_ENV` as "production" wherever it is written out.
  const env = process.env;
  if (env.NODE_ENV !== "test" || env.PORTAL_TEST_ROUTES !== "1") notFound();
  throw new Error("Lỗi thử nghiệm: trang này cố ý gặp sự cố.");
}

export default function TestOnlyCrash() {
  return null;
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";
