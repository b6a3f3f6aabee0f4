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
