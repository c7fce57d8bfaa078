// Today's queue: which cards the daily review shows, and in what order. Pure.
import type { FSRS } from 'ts-fsrs';
import type { CardFlagRow, CardStateRow, ReviewRow } from '../db/schema.ts';
import { dayStart, nextDayStart } from './day.ts';
import { recall, State } from './scheduler.ts';
import type { SrsSettings } from './settings.ts';

/** A learning card due this soon may be shown early when nothing else is left (Anki's "learn ahead"). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueCard {
	id: string;
	order: number;
	topics: readonly string[];
}

export interface QueueInput {
	/** The cards of the deck as it is now; progress on cards no longer in it is kept but not shown. */
	cards: readonly QueueCard[];
	states: ReadonlyMap<string, CardStateRow>;
	flags: ReadonlyMap<string, CardFlagRow>;
	/** The answers given since the start of today (rating 0 rows included). */
	reviewsToday: readonly ReviewRow[];
	settings: SrsSettings;
	now: number;
	scheduler: FSRS;
}

export interface Queue {
	/** Learning and relearning cards due now, soonest first. */
	learning: string[];
	/** Review cards due today, lowest recall probability first, within the day's review limit. */
	review: string[];
	/** New cards for today, within what is left of the day's new limit; cards asked for by a quiz first. */
	fresh: string[];
	/** Learning cards that fall due later today, soonest first, with their due time. */
	later: { id: string; due: number }[];
	counts: { fresh: number; learning: number; review: number };
	/** When the next card falls due after today's work, if any. */
	nextDue: number | null;
}

/** Interleaves topics (by each card's first topic), keeping document order within each topic. */
export function mixTopics<T extends QueueCard>(cards: readonly T[]): T[] {
	const groups = new Map<string, T[]>();
	for (const card of [...cards].sort((a, b) => a.order - b.order)) {
		const key = card.topics[0] ?? '';
		const group = groups.get(key) ?? [];
		group.push(card);
		groups.set(key, group);
	}
	const lists = [...groups.values()];
	const out: T[] = [];
	for (let i = 0; out.length < cards.length; i++) {
		for (const list of lists) if (list[i]) out.push(list[i]!);
	}
	return out;
}

export function isActive(flag: CardFlagRow | undefined, now: number): boolean {
	return !flag || (!flag.suspended && flag.buriedUntil <= now);
}

export function buildQueue(input: QueueInput): Queue {
	const { cards, states, flags, reviewsToday, settings, now, scheduler } = input;
	const endOfDay = nextDayStart(now, settings.dayStartHour);
	const startOfDay = dayStart(now, settings.dayStartHour);

	const learningNow: { id: string; due: number }[] = [];
	const later: { id: string; due: number }[] = [];
	const dueReviews: { id: string; r: number }[] = [];
	const requestedNew: QueueCard[] = [];
	const otherNew: QueueCard[] = [];
	let nextDue: number | null = null;

	for (const card of cards) {
		const flag = flags.get(card.id);
		if (!isActive(flag, now)) continue;
		const state = states.get(card.id);
		if (!state || state.state === State.New) {
			// A new card with a review time was put in today's review on purpose (Add missed cards to review).
			if (state?.lastReview != null && state.lastReview >= startOfDay) requestedNew.push(card);
			else otherNew.push(card);
			continue;
		}
		if (state.state === State.Learning || state.state === State.Relearning) {
			if (state.due <= now) learningNow.push({ id: card.id, due: state.due });
			else if (state.due < endOfDay) later.push({ id: card.id, due: state.due });
			else nextDue = nextDue === null ? state.due : Math.min(nextDue, state.due);
			continue;
		}
		if (state.due < endOfDay) dueReviews.push({ id: card.id, r: recall(scheduler, state, now) });
		else nextDue = nextDue === null ? state.due : Math.min(nextDue, state.due);
	}

	// What today's answers have used of the daily limits.
	const newSeen = new Set<string>();
	let reviewsDone = 0;
	for (const r of reviewsToday) {
		if (r.rating === 0) continue;
		if (r.state === State.New) newSeen.add(r.cardId);
		else if (r.state === State.Review) reviewsDone++;
	}
	const newLeft = Math.max(0, settings.newPerDay - newSeen.size);
	const reviewsLeft = Math.max(0, settings.maxReviewsPerDay - reviewsDone);

	learningNow.sort((a, b) => a.due - b.due);
	later.sort((a, b) => a.due - b.due);
	dueReviews.sort((a, b) => a.r - b.r || (a.id < b.id ? -1 : 1));
	const review = dueReviews.slice(0, reviewsLeft).map((c) => c.id);
	const fresh = [
		...mixTopics(requestedNew).map((c) => c.id),
		...mixTopics(otherNew)
			.slice(0, newLeft)
			.map((c) => c.id)
	];

	if (later.length) nextDue = Math.min(nextDue ?? Infinity, later[0]!.due);
	if (dueReviews.length > review.length || otherNew.length > newLeft) {
		// Cards held back by a daily limit come back tomorrow.
		nextDue = Math.min(nextDue ?? Infinity, endOfDay);
	}

	return {
		learning: learningNow.map((c) => c.id),
		review,
		fresh,
		later,
		counts: { fresh: fresh.length, learning: learningNow.length + later.length, review: review.length },
		nextDue
	};
}

/**
 * The next card to show: learning cards when due, then reviews and new cards interleaved,
 * then a learning card due within the learn-ahead limit. Null when today's work is done for now.
 */
export function nextCard(queue: Queue, now: number, skip: ReadonlySet<string> = new Set()): string | null {
	const open = (ids: string[]) => ids.filter((id) => !skip.has(id));
	const learning = open(queue.learning);
	if (learning.length) return learning[0]!;
	const review = open(queue.review);
	const fresh = open(queue.fresh);
	if (review.length && fresh.length) return review.length >= fresh.length ? review[0]! : fresh[0]!;
	if (review.length) return review[0]!;
	if (fresh.length) return fresh[0]!;
	const soon = queue.later.find((c) => !skip.has(c.id) && c.due - now <= LEARN_AHEAD_MS);
	return soon ? soon.id : null;
}
