import { describe, expect, it } from "vitest";
import { checkRequestedAmount, supportLimit, type SupportRule } from "../../app/modules/sme/support";

const M = 1_000_000;

// Decree 80/2021 as the brief reads it; test fixtures, not the portal's data.
const CONSULTING_MICRO: SupportRule = { ratePercent: 100, capVnd: 50 * M, capPeriod: "year" }; // art. 13.2
const CONSULTING_SMALL: SupportRule = { ratePercent: 50, capVnd: 100 * M, capPeriod: "year" };
const CONSULTING_MEDIUM: SupportRule = { ratePercent: 30, capVnd: 150 * M, capPeriod: "year", priorityCapVnd: 200 * M };
const IP_CONSULTING: SupportRule = { ratePercent: 50, capVnd: 100 * M, capPeriod: "contract" }; // art. 11
const STARTUP_RENT: SupportRule = { ratePercent: 50, capVnd: 5 * M, capPeriod: "month" }; // art. 22.1b
const COURSE: SupportRule = { ratePercent: 70, capVnd: null, capPeriod: "none", priorityRatePercent: 100 }; // art. 14.1

const limit = (
  rule: SupportRule,
  totalCostVnd: number,
  extra: { receivedThisYearVnd?: number; isPriority?: boolean; months?: number } = {},
) => supportLimit({ rule, totalCostVnd, receivedThisYearVnd: 0, isPriority: false, ...extra });

describe("supportLimit", () => {
  it("pays a micro firm's consulting in full up to 50 m a year", () => {
    expect(limit(CONSULTING_MICRO, 40 * M).maxVnd).toBe(40 * M);
    expect(limit(CONSULTING_MICRO, 60 * M)).toEqual({
      maxVnd: 50 * M,
      byRateVnd: 60 * M,
      capVnd: 50 * M,
      remainingCapVnd: 50 * M,
      level: "standard",
    });
  });
  it("pays a small firm half its consulting up to 100 m a year", () => {
    expect(limit(CONSULTING_SMALL, 150 * M).maxVnd).toBe(75 * M);
    expect(limit(CONSULTING_SMALL, 300 * M).maxVnd).toBe(100 * M);
  });
  it("pays a medium firm 30 % of its consulting up to 150 m, 200 m when it is a priority SME", () => {
    expect(limit(CONSULTING_MEDIUM, 1000 * M)).toMatchObject({ maxVnd: 150 * M, level: "standard" });
    expect(limit(CONSULTING_MEDIUM, 1000 * M, { isPriority: true })).toEqual({
      maxVnd: 200 * M,
      byRateVnd: 300 * M,
      capVnd: 200 * M,
      remainingCapVnd: 200 * M,
      level: "priority",
    });
    expect(limit(CONSULTING_MEDIUM, 600 * M, { isPriority: true })).toMatchObject({
      maxVnd: 180 * M,
      level: "priority",
    });
  });
  it("keeps the standard level for a priority SME when the priority one gives no more", () => {
    expect(limit(CONSULTING_MEDIUM, 100 * M, { isPriority: true })).toMatchObject({
      maxVnd: 30 * M,
      level: "standard",
    });
    expect(limit(CONSULTING_SMALL, 300 * M, { isPriority: true })).toMatchObject({
      maxVnd: 100 * M,
      level: "standard",
    });
  });
  it("uses a more favourable priority rate: a course is free for a priority SME", () => {
    expect(limit(COURSE, 10 * M)).toMatchObject({
      maxVnd: 7 * M,
      capVnd: null,
      remainingCapVnd: null,
      level: "standard",
    });
    expect(limit(COURSE, 10 * M, { isPriority: true })).toMatchObject({ maxVnd: 10 * M, level: "priority" });
  });
  it("takes the support already received this year off a yearly cap", () => {
    expect(limit(CONSULTING_SMALL, 100 * M, { receivedThisYearVnd: 80 * M })).toEqual({
      maxVnd: 20 * M,
      byRateVnd: 50 * M,
      capVnd: 100 * M,
      remainingCapVnd: 20 * M,
      level: "standard",
    });
  });
  it("leaves nothing once the yearly cap is used up, never less than nothing", () => {
    expect(limit(CONSULTING_SMALL, 100 * M, { receivedThisYearVnd: 100 * M })).toMatchObject({
      maxVnd: 0,
      remainingCapVnd: 0,
    });
    expect(limit(CONSULTING_SMALL, 100 * M, { receivedThisYearVnd: 120 * M })).toMatchObject({
      maxVnd: 0,
      remainingCapVnd: 0,
    });
  });
  it("gives each contract its own cap whatever was received earlier in the year", () => {
    expect(limit(IP_CONSULTING, 250 * M, { receivedThisYearVnd: 300 * M })).toMatchObject({
      maxVnd: 100 * M,
      remainingCapVnd: 100 * M,
    });
  });
  it("caps startup rent at 5 m a month for the months rented", () => {
    expect(limit(STARTUP_RENT, 168 * M, { months: 12 })).toMatchObject({
      maxVnd: 60 * M,
      byRateVnd: 84 * M,
      capVnd: 5 * M,
      remainingCapVnd: 60 * M,
    });
    expect(limit(STARTUP_RENT, 100 * M, { months: 12 }).maxVnd).toBe(50 * M);
    expect(limit(STARTUP_RENT, 20 * M).maxVnd).toBe(5 * M);
  });
  it("rounds the rate's share down to the whole đồng", () => {
    expect(limit(CONSULTING_MEDIUM, 333_333).byRateVnd).toBe(99_999);
    expect(limit(CONSULTING_SMALL, 1).maxVnd).toBe(0);
  });
});

describe("checkRequestedAmount", () => {
  it("accepts an amount up to the limit", () => {
    expect(checkRequestedAmount(50 * M, limit(CONSULTING_SMALL, 100 * M))).toEqual({ ok: true });
    expect(checkRequestedAmount(1, limit(CONSULTING_SMALL, 100 * M))).toEqual({ ok: true });
  });
  it("refuses nothing or less", () => {
    expect(checkRequestedAmount(0, limit(CONSULTING_SMALL, 100 * M))).toMatchObject({
      ok: false,
      problem: "notPositive",
    });
    expect(checkRequestedAmount(-1, limit(CONSULTING_SMALL, 100 * M))).toMatchObject({
      ok: false,
      problem: "notPositive",
    });
  });
  it("refuses more than the rate allows", () => {
    expect(checkRequestedAmount(60 * M, limit(CONSULTING_SMALL, 100 * M))).toEqual({
      ok: false,
      problem: "aboveRate",
      maxVnd: 50 * M,
      capVnd: 100 * M,
    });
  });
  it("refuses more than what is left of the cap", () => {
    expect(checkRequestedAmount(30 * M, limit(CONSULTING_SMALL, 100 * M, { receivedThisYearVnd: 80 * M }))).toEqual({
      ok: false,
      problem: "aboveCap",
      maxVnd: 20 * M,
      capVnd: 100 * M,
    });
    expect(checkRequestedAmount(60 * M + 1, limit(STARTUP_RENT, 168 * M, { months: 12 }))).toMatchObject({
      ok: false,
      problem: "aboveCap",
      maxVnd: 60 * M,
    });
  });
  it("says the cap is exhausted when nothing is left of it this year", () => {
    expect(checkRequestedAmount(1, limit(CONSULTING_SMALL, 100 * M, { receivedThisYearVnd: 100 * M }))).toEqual({
      ok: false,
      problem: "capExhausted",
      maxVnd: 0,
      capVnd: 100 * M,
    });
  });
});
