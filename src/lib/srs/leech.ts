// Leeches: cards the learner keeps forgetting. Pure.
import type { CardStateRow } from '../model.ts';

/** Lapses (Again on a card in review) that make a card a leech, as in Anki. */
export const LEECH_LAPSES = 8;
/** After that, every this many further lapses the card is treated as a leech again (suspended again). */
const LEECH_AGAIN_EVERY = LEECH_LAPSES / 2;

/** Whether the card has been forgotten often enough to be a leech. */
export function isLeech(state: CardStateRow | undefined): boolean {
	return !!state && state.lapses >= LEECH_LAPSES;
}

/**
 * Whether the answer that took the card from `before` to `after` made it a leech: its 8th lapse, then every
 * 4th lapse after (12th, 16th…), so that a leech the learner put back in the review is caught again.
 */
export function becameLeech(before: CardStateRow | undefined, after: CardStateRow): boolean {
	const lapses = after.lapses;
	if (lapses <= (before?.lapses ?? 0) || lapses < LEECH_LAPSES) return false;
	return (lapses - LEECH_LAPSES) % LEECH_AGAIN_EVERY === 0;
}
