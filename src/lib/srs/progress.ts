// What a learner's progress looks like, for the screens: a card's status, and the day's summary. Pure.
import type { CardFlagRow, CardStateRow, ReviewRow } from '../model.ts';
import { State } from './state.ts';

export type CardStatus = 'new' | 'learning' | 'review' | 'suspended' | 'buried';

export const STATUS_NAMES: Record<CardStatus, string> = {
	new: 'New',
	learning: 'Learning',
	review: 'Review',
	suspended: 'Suspended',
	buried: 'Skipped until tomorrow'
};

/** A card's status as the learner sees it: a flag wins over the schedule; relearning counts as learning. */
export function cardStatus(
	state: CardStateRow | undefined,
	flag: CardFlagRow | undefined,
	now: number
): CardStatus {
	if (flag?.suspended) return 'suspended';
	if (flag && flag.buriedUntil > now) return 'buried';
	if (!state || state.state === State.New) return 'new';
	if (state.state === State.Review) return 'review';
	return 'learning';
}

export interface DaySummary {
	/** Answers given (Again, Hard, Good, Easy). */
	answers: number;
	/** Different cards answered. */
	cards: number;
	/** Cards answered for the first time. */
	newLearned: number;
	/** Time the answered cards were shown, in ms. */
	timeMs: number;
}

export function daySummary(reviews: readonly ReviewRow[]): DaySummary {
	const cards = new Set<string>();
	const fresh = new Set<string>();
	let timeMs = 0;
	let answers = 0;
	for (const r of reviews) {
		if (r.rating === 0) continue;
		answers++;
		cards.add(r.cardId);
		if (r.state === State.New) fresh.add(r.cardId);
		timeMs += r.durationMs;
	}
	return { answers, cards: cards.size, newLearned: fresh.size, timeMs };
}
