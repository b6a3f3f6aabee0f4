import { describe, expect, it } from "vitest";
import { getUser } from "../../app/lib/auth.server";
import { requestContext, type RequestContext } from "../../app/lib/request-context.server";
import * as crash from "../../app/routes/test-only.crash";
import { call, createUser, makeRequest } from "../helpers/fixtures";

describe("the request context", () => {
  it("learns the user of the request once the session is read, for the request's log line", async () => {
    const user = await createUser("staff");
    const context: RequestContext = { requestId: "abc123abc123", userId: null };
    await requestContext.run(context, () => getUser(makeRequest("/home", { cookie: user.cookie })));
    expect(context.userId).toBe(user.id);
  });

  it("has no failing test route unless the server runs tests with PORTAL_TEST_ROUTES=1", async () => {
    expect((await call(crash.loader, makeRequest("/test-only/crash"))).status).toBe(404);
    process.env.PORTAL_TEST_ROUTES = "1";
    try {
      await expect(call(crash.loader, makeRequest("/test-only/crash"))).rejects.toThrow(/Lỗi thử nghiệm/);
    } finally {
      delete process.env.PORTAL_TEST_ROUTES;
    }
  });
});
