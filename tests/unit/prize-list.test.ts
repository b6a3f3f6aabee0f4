import { describe, expect, it } from "vitest";
import { unfilledPlaces } from "../../app/modules/judging/prize-list";

// The default structure: 1 nhất, 1 nhì, 2 ba, 2 khuyến khích (places 1, 2, 3–4, 5–6).
const PRIZES = [
  { id: "nhat", rank_label: "Giải Nhất", count: 1 },
  { id: "nhi", rank_label: "Giải Nhì", count: 1 },
  { id: "ba", rank_label: "Giải Ba", count: 2 },
  { id: "kk", rank_label: "Giải Khuyến khích", count: 2 },
];

describe("unfilledPlaces", () => {
  it("finds no unfilled place in a full list", () => {
    expect(
      unfilledPlaces(
        PRIZES,
        ["nhat", "nhi", "ba", "ba", "kk", "kk"].map((prize_id) => ({ prize_id })),
      ),
    ).toEqual([]);
  });

  it("names a prize left short, how many places, and the first place it leaves empty", () => {
    expect(
      unfilledPlaces(
        PRIZES,
        ["nhat", "nhi", "ba", "kk", "kk"].map((prize_id) => ({ prize_id })),
      ),
    ).toEqual([{ prizeId: "ba", label: "Giải Ba", missing: 1, firstPlace: 4 }]);
  });

  it("flags every prize of an empty list, place by place", () => {
    expect(unfilledPlaces(PRIZES, []).map((u) => [u.prizeId, u.missing, u.firstPlace])).toEqual([
      ["nhat", 1, 1],
      ["nhi", 1, 2],
      ["ba", 2, 3],
      ["kk", 2, 5],
    ]);
  });
});
