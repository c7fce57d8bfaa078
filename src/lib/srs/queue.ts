// Today's queue: which cards the daily review shows, and in what order. Pure.
import type { CardFlagRow, CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import type { RecallCurve } from './curve.ts';
import { dayStart, nextDayStart } from './day.ts';
import { State } from './state.ts';

/** A learning card due this soon may be shown early when nothing else is left (Anki's "learn ahead"). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueCard {
	id: string;
	order: number;
	topics: readonly string[];
}

/** The learner's data a queue is built from (db/study.ts reads them). */
export interface QueueData {
	/** Card states: all of them, or (with `unloaded`) those today's queue needs. */
	states: ReadonlyMap<string, CardStateRow>;
	/**
	 * Cards with a state that was not read, when `states` holds only what today needs (loadStudyData):
	 * review cards due after today. Such a card, when not in `states`, is neither new nor due today; the
	 * first of them to fall due after today (and shown) is in `states`, for `nextDue`.
	 */
	unloaded?: ReadonlySet<string>;
	flags: ReadonlyMap<string, CardFlagRow>;
	/** The answers given since the start of today (rating 0 rows included). */
	reviewsToday: readonly ReviewRow[];
	settings: SrsSettings;
}

export interface QueueInput extends QueueData {
	/** The cards of the deck as it is now; progress on cards no longer in it is kept but not shown. */
	cards: readonly QueueCard[];
	now: number;
	scheduler: RecallCurve;
}

export interface Queue {
	/** Learning and relearning cards due now, soonest first. */
	learning: string[];
	/**
	 * Review cards due today, lowest recall probability first (at the end of the study day: reviewRecall),
	 * within the day's review limit.
	 */
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

const DAY_MS = 86_400_000;

/**
 * The order of today's reviews: the probability of recalling the card at the end of the study day
 * (`endOfDay`), straight from the FSRS forgetting curve with the elapsed time in fractional days.
 * Taken at a fixed time of the day, not at `now`, so that the order does not change as the day goes on
 * and each card's place can be worked out once (QueuePlan).
 */
export function reviewRecall(scheduler: RecallCurve, state: CardStateRow, endOfDay: number): number {
	const elapsed = state.lastReview === null ? 0 : Math.max(0, endOfDay - state.lastReview) / DAY_MS;
	const r = scheduler.forgetting_curve(elapsed, state.stability);
	// A damaged state (no stability) must not break the order: it comes first.
	return Number.isFinite(r) ? r : 0;
}

/** What today's answers have used of the daily limits (the review screen and the reader's recall prompts share them). */
export function limitsLeft(
	reviewsToday: readonly ReviewRow[],
	settings: SrsSettings
): { newLeft: number; reviewsLeft: number } {
	const newSeen = new Set<string>();
	let reviewsDone = 0;
	for (const r of reviewsToday) {
		if (r.rating === 0) continue;
		if (r.state === State.New) newSeen.add(r.cardId);
		else if (r.state === State.Review) reviewsDone++;
	}
	return {
		newLeft: Math.max(0, settings.newPerDay - newSeen.size),
		reviewsLeft: Math.max(0, settings.maxReviewsPerDay - reviewsDone)
	};
}

/**
 * Today's queue built from scratch, card by card. The review screen keeps a QueuePlan instead, which
 * gives the same queue and updates one card at a time; this is its reference.
 */
export function buildQueue(input: QueueInput): Queue {
	const { cards, states, unloaded, flags, reviewsToday, settings, now, scheduler } = input;
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
		if (!state && unloaded?.has(card.id)) continue;
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
		if (state.due < endOfDay) dueReviews.push({ id: card.id, r: reviewRecall(scheduler, state, endOfDay) });
		else nextDue = nextDue === null ? state.due : Math.min(nextDue, state.due);
	}

	const { newLeft, reviewsLeft } = limitsLeft(reviewsToday, settings);

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

/**
 * When the queue next changes by itself, with no answer given: a learning card comes within the learn-ahead
 * limit or falls due, or a new study day begins (new limits, buried cards back, tomorrow's reviews due).
 * Always later than `now`.
 */
export function nextChange(queue: Queue, now: number, dayStartHour: number): number {
	let next = nextDayStart(now, dayStartHour);
	for (const { due } of queue.later) {
		const ahead = due - LEARN_AHEAD_MS;
		next = Math.min(next, ahead > now ? ahead : due);
	}
	return next;
}

/**
 * When nextCard() will next have a card to show, if it has none now: a learning card within the learn-ahead
 * limit, or the next card due after today. Null when nothing is scheduled.
 */
export function nextAvailable(queue: Queue, now: number): number | null {
	const learning = queue.later[0];
	if (learning) return Math.max(now, learning.due - LEARN_AHEAD_MS);
	return queue.nextDue === null ? null : Math.max(now, queue.nextDue);
}

/** Where a card stands in today's queue. */
type Slot =
	| { kind: 'new'; requested: boolean }
	/** A learning or relearning card due before the end of the day: now or later, by the time asked. */
	| { kind: 'learning'; due: number }
	/** A review card due today, with its place in the review order. */
	| { kind: 'review'; r: number }
	/** Not today's work, but the next card due after today may be this one. */
	| { kind: 'after'; due: number }
	/** Not shown: suspended, buried, or a card whose state was not read. */
	| { kind: 'none' };

interface Timed {
	id: string;
	due: number;
	/** The card's place in the deck: equal times keep deck order, as buildQueue's stable sort does. */
	index: number;
}

interface Rated {
	id: string;
	r: number;
}

const byDue = (a: Timed, b: Timed) => a.due - b.due || a.index - b.index;
const byRecall = (a: Rated, b: Rated) => a.r - b.r || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Index of the first item of sorted `list` not before `item`. */
function lowerBound<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (compare(list[mid]!, item) < 0) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
	list.splice(lowerBound(list, item, compare), 0, item);
}

function removeSorted<T extends { id: string }>(list: T[], item: T, compare: (a: T, b: T) => number): void {
	for (let i = lowerBound(list, item, compare); i < list.length; i++) {
		if (list[i]!.id === item.id) {
			list.splice(i, 1);
			return;
		}
		if (compare(list[i]!, item) > 0) return;
	}
}

/**
 * Today's queue kept card by card: each card of the deck has its slot (new, learning, review due today,
 * after today, not shown) with its sort key, in lists kept in order. An answer, a flag or an Undo changes
 * one card: update() moves that card alone, so the next queue costs the day's work, not the deck.
 * queue(now) gives what buildQueue gives from the same data at the same time; the plan is built again
 * from scratch only when a new study day begins or a burial ends (times outside the plan's window).
 */
export class QueuePlan {
	readonly #cards: readonly QueueCard[];
	readonly #byId = new Map<string, { card: QueueCard; index: number }>();
	readonly #scheduler: RecallCurve;
	#data: QueueData;
	#slots = new Map<string, Slot>();
	#learning: Timed[] = [];
	#reviews: Rated[] = [];
	#requested = new Set<string>();
	#otherNew = new Set<string>();
	/** The new cards in the order shown (mixTopics), worked out again only when the new cards change. */
	#mixed: { requested: string[]; other: string[] } | null = null;
	#after = new Map<string, number>();
	/** The earliest of #after; undefined when it must be found again. */
	#afterMin: number | null | undefined = null;
	#limits = { newLeft: 0, reviewsLeft: 0 };
	#startOfDay = 0;
	#endOfDay = 0;
	/** When the slots were worked out, and the times between which every flag is active or not as then. */
	#at = 0;
	#validFrom = 0;
	#validUntil = 0;

	constructor(cards: readonly QueueCard[], data: QueueData, scheduler: RecallCurve, now: number) {
		this.#cards = cards;
		cards.forEach((card, index) => this.#byId.set(card.id, { card, index }));
		this.#data = data;
		this.#scheduler = scheduler;
		this.#rebuild(now);
	}

	/** The data after a change to one card (its state or its flag, and today's answers). */
	update(cardId: string, data: QueueData): void {
		this.#data = data;
		this.#limits = limitsLeft(data.reviewsToday, data.settings);
		if (!this.#byId.has(cardId)) return;
		this.#place(cardId);
	}

	/** Today's queue at `now`, as buildQueue would build it from the data as they are now. */
	queue(now: number): Queue {
		if (now < this.#validFrom || now >= this.#validUntil) this.#rebuild(now);
		const split = lowerBound(this.#learning, { id: '', due: now, index: Infinity }, byDue);
		const learningNow = this.#learning.slice(0, split);
		const later = this.#learning.slice(split).map(({ id, due }) => ({ id, due }));
		const { newLeft, reviewsLeft } = this.#limits;
		const review = this.#reviews.slice(0, reviewsLeft).map((c) => c.id);
		const mixed = this.#mixedNew();
		const fresh = [...mixed.requested, ...mixed.other.slice(0, newLeft)];

		let nextDue = this.#nextAfterToday();
		if (later.length) nextDue = Math.min(nextDue ?? Infinity, later[0]!.due);
		if (this.#reviews.length > review.length || mixed.other.length > newLeft) {
			nextDue = Math.min(nextDue ?? Infinity, this.#endOfDay);
		}
		return {
			learning: learningNow.map((c) => c.id),
			review,
			fresh,
			later,
			counts: { fresh: fresh.length, learning: this.#learning.length, review: review.length },
			nextDue
		};
	}

	#rebuild(now: number): void {
		const hour = this.#data.settings.dayStartHour;
		this.#startOfDay = dayStart(now, hour);
		this.#endOfDay = nextDayStart(now, hour);
		this.#at = now;
		this.#validFrom = this.#startOfDay;
		this.#validUntil = this.#endOfDay;
		this.#slots = new Map();
		this.#learning = [];
		this.#reviews = [];
		this.#requested = new Set();
		this.#otherNew = new Set();
		this.#mixed = null;
		this.#after = new Map();
		this.#afterMin = null;
		this.#limits = limitsLeft(this.#data.reviewsToday, this.#data.settings);
		for (const card of this.#cards) this.#place(card.id);
	}

	/** Takes the card out of its slot and puts it in the one its data give now. */
	#place(cardId: string): void {
		const { index } = this.#byId.get(cardId)!;
		const old = this.#slots.get(cardId);
		if (old) this.#leave(cardId, old, index);
		const slot = this.#slotOf(cardId);
		this.#slots.set(cardId, slot);
		switch (slot.kind) {
			case 'new':
				(slot.requested ? this.#requested : this.#otherNew).add(cardId);
				this.#mixed = null;
				break;
			case 'learning':
				insertSorted(this.#learning, { id: cardId, due: slot.due, index }, byDue);
				break;
			case 'review':
				insertSorted(this.#reviews, { id: cardId, r: slot.r }, byRecall);
				break;
			case 'after':
				this.#after.set(cardId, slot.due);
				if (this.#afterMin !== undefined && (this.#afterMin === null || slot.due < this.#afterMin))
					this.#afterMin = slot.due;
				break;
		}
	}

	#leave(cardId: string, slot: Slot, index: number): void {
		switch (slot.kind) {
			case 'new':
				(slot.requested ? this.#requested : this.#otherNew).delete(cardId);
				this.#mixed = null;
				break;
			case 'learning':
				removeSorted(this.#learning, { id: cardId, due: slot.due, index }, byDue);
				break;
			case 'review':
				removeSorted(this.#reviews, { id: cardId, r: slot.r }, byRecall);
				break;
			case 'after':
				this.#after.delete(cardId);
				if (this.#afterMin === slot.due) this.#afterMin = undefined;
				break;
		}
	}

	/** The card's slot from its data, as buildQueue sorts it. */
	#slotOf(cardId: string): Slot {
		const { states, unloaded, flags } = this.#data;
		const flag = flags.get(cardId);
		if (flag) {
			// The plan holds while every flag stays active, or not, as it was when the plan was made.
			if (flag.buriedUntil > this.#at) this.#validUntil = Math.min(this.#validUntil, flag.buriedUntil);
			else this.#validFrom = Math.max(this.#validFrom, flag.buriedUntil);
		}
		if (!isActive(flag, this.#at)) return { kind: 'none' };
		const state = states.get(cardId);
		if (!state && unloaded?.has(cardId)) return { kind: 'none' };
		if (!state || state.state === State.New) {
			return { kind: 'new', requested: state?.lastReview != null && state.lastReview >= this.#startOfDay };
		}
		if (state.due >= this.#endOfDay) return { kind: 'after', due: state.due };
		if (state.state === State.Learning || state.state === State.Relearning) {
			return { kind: 'learning', due: state.due };
		}
		return { kind: 'review', r: reviewRecall(this.#scheduler, state, this.#endOfDay) };
	}

	#mixedNew(): { requested: string[]; other: string[] } {
		if (!this.#mixed) {
			const ids = (set: ReadonlySet<string>) =>
				mixTopics(this.#cards.filter((c) => set.has(c.id))).map((c) => c.id);
			this.#mixed = { requested: ids(this.#requested), other: ids(this.#otherNew) };
		}
		return this.#mixed;
	}

	#nextAfterToday(): number | null {
		if (this.#afterMin === undefined) {
			let min: number | null = null;
			for (const due of this.#after.values()) if (min === null || due < min) min = due;
			this.#afterMin = min;
		}
		return this.#afterMin;
	}
}
