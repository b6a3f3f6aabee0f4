/**
 * The places of an edition's prize list: each prize has `count` places, numbered in the prizes' order (1 nhất =
 * place 1, 1 nhì = place 2, 2 ba = places 3–4, …). A place without an award is unfilled: left unawarded by the
 * committee (with its reason) or still to fill; the page flags each before the list is approved.
 */
export type PrizeSlot = { id: string; rank_label: string; count: number };
export type UnfilledPrize = { prizeId: string; label: string; missing: number; firstPlace: number };

export function unfilledPlaces(
  prizes: readonly PrizeSlot[],
  awards: ReadonlyArray<{ prize_id: string }>,
): UnfilledPrize[] {
  const given = new Map<string, number>();
  for (const award of awards) given.set(award.prize_id, (given.get(award.prize_id) ?? 0) + 1);
  const unfilled: UnfilledPrize[] = [];
  let place = 1;
  for (const prize of prizes) {
    const awarded = Math.min(given.get(prize.id) ?? 0, prize.count);
    if (awarded < prize.count)
      unfilled.push({
        prizeId: prize.id,
        label: prize.rank_label,
        missing: prize.count - awarded,
        firstPlace: place + awarded,
      });
    place += prize.count;
  }
  return unfilled;
}

/** A place an undecided tie across a prize boundary keeps open: nobody has it until the committee orders the entries. */
export type OpenPlace = { place: number; prize: string; entries: string };
type PlaceTie = {
  decision?: unknown;
  firstPlace: number;
  prizes: ReadonlyArray<string | null>;
  entries: ReadonlyArray<{ receipt: string }>;
};

/** The prize list's lines as the page and its export show them: the awards and the open places, by place. */
export function prizeTableRows<A extends { rank: number }>(awards: readonly A[], ties: readonly PlaceTie[]) {
  const openPlaces = ties
    .filter((tie) => !tie.decision)
    .flatMap((tie) =>
      tie.prizes.map((prize, i) => ({
        place: tie.firstPlace + i,
        prize,
        entries: tie.entries.map((e) => e.receipt).join(", "),
      })),
    )
    .filter((place): place is OpenPlace => place.prize !== null);
  return [
    ...awards.map((award) => ({ kind: "award" as const, rank: award.rank, award })),
    ...openPlaces.map((open) => ({ kind: "open" as const, rank: open.place, open })),
  ].sort((a, b) => a.rank - b.rank);
}
