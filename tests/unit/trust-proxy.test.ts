import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "../../app/lib/trust-proxy";

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["1", 1],
    [" 2 ", 2],
    ["loopback", ["loopback"]],
    ["loopback, uniquelocal", ["loopback", "uniquelocal"]],
    ["linklocal", ["linklocal"]],
    ["10.0.0.5", ["10.0.0.5"]],
    ["10.0.0.0/8,192.168.1.0/24", ["10.0.0.0/8", "192.168.1.0/24"]],
    ["10.0.0.0/255.0.0.0", ["10.0.0.0/255.0.0.0"]],
    ["::1,fd00::/8", ["::1", "fd00::/8"]],
  ])("reads %j as %j", (value, expected) => {
    expect(parseTrustProxy(value)).toEqual(expected);
  });

  it("refuses true, which would trust any X-Forwarded-For a client writes, and says what to set", () => {
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY=1.*loopback/);
    expect(() => parseTrustProxy("TRUE")).toThrow(/X-Forwarded-For/);
  });

  it.each([
    "yes",
    "1.5",
    "-1",
    "1,loopback",
    "10.0.0.0/33",
    "::1/129",
    "10.0.0.0/8/8",
    "nginx",
    "10.0.0.256",
    ",",
    "loopback,",
  ])("refuses %j with the entry it could not read", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});
