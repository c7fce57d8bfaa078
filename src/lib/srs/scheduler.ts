// Scheduling over ts-fsrs: rating a card, previewing intervals, and rebuilding a card from its log.
// Pure functions: they take rows and return rows; db/ stores them.
import type { Answer, CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import { ANSWERS } from './answers.ts';
import { fuzzRange } from './balance.ts';
import {
	createEmptyCard,
	date_diff,
	fsrs,
	generatorParameters,
	State,
	type Card as FsrsCard,
	type FSRS,
	type Grade,
	type ReviewLog,
	type StepUnit
} from 'ts-fsrs';

// The answers' names and intervals' format, apart so that screens can show them without loading ts-fsrs.
export { ANSWERS, ANSWER_NAMES, formatInterval } from './answers.ts';

const DAY_MS = 86_400_000;
export { State };

export function makeScheduler(settings: SrsSettings): FSRS {
	return fsrs(
		generatorParameters({
			request_retention: settings.desiredRetention,
			maximum_interval: settings.maximumInterval,
			enable_fuzz: settings.fuzz,
			enable_short_term: true,
			learning_steps: settings.learningSteps as StepUnit[],
			relearning_steps: settings.relearningSteps as StepUnit[],
			...(settings.parameters ? { w: settings.parameters } : {})
		})
	);
}

export function newCardState(cardId: string, now: number): CardStateRow {
	return fromFsrsCard(cardId, createEmptyCard(new Date(now)));
}

export function toFsrsCard(row: CardStateRow): FsrsCard {
	const card: FsrsCard = {
		due: new Date(row.due),
		stability: row.stability,
		difficulty: row.difficulty,
		elapsed_days: row.elapsedDays,
		scheduled_days: row.scheduledDays,
		learning_steps: row.learningSteps,
		reps: row.reps,
		lapses: row.lapses,
		state: row.state as State
	};
	if (row.lastReview !== null) card.last_review = new Date(row.lastReview);
	return card;
}

export function fromFsrsCard(cardId: string, card: FsrsCard): CardStateRow {
	return {
		cardId,
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsedDays: card.elapsed_days,
		scheduledDays: card.scheduled_days,
		learningSteps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: card.last_review ? card.last_review.getTime() : null
	};
}

/**
 * A clock set back must not produce a review before the card's last one (negative elapsed time):
 * the answer is then recorded at the last review's time.
 */
export function reviewTime(state: CardStateRow | undefined, now: number): number {
	return state?.lastReview != null && now < state.lastReview ? state.lastReview : now;
}

/** Rates a card: its next state and the log row that records the answer. */
export function rate(
	f: FSRS,
	cardId: string,
	state: CardStateRow | undefined,
	answer: Answer,
	now: number,
	id: string,
	durationMs = 0
): { state: CardStateRow; review: ReviewRow } {
	const at = reviewTime(state, now);
	const current = state ? toFsrsCard(state) : createEmptyCard(new Date(at));
	const { card, log } = f.next(current, new Date(at), answer as Grade);
	return {
		state: fromFsrsCard(cardId, card),
		review: {
			id,
			cardId,
			rating: answer,
			reviewedAt: at,
			durationMs: Math.max(0, Math.min(Math.round(durationMs), 10 * 60_000)),
			...logFields(log)
		}
	};
}

/** The log row that makes a card due at `now` (rating 0): Add missed cards to review. */
export function dueNowRow(
	state: CardStateRow | undefined,
	cardId: string,
	now: number,
	id: string
): ReviewRow {
	const at = reviewTime(state, now);
	const s = state ?? newCardState(cardId, at);
	return {
		id,
		cardId,
		rating: 0,
		reviewedAt: at,
		durationMs: 0,
		state: s.state,
		due: at,
		stability: s.stability,
		difficulty: s.difficulty,
		elapsedDays: 0,
		lastElapsedDays: s.elapsedDays,
		scheduledDays: 0,
		learningSteps: s.learningSteps
	};
}

/** Orders a card's log as it was written: by time, then by id so that equal times replay the same way everywhere. */
export function byReviewTime(
	a: Pick<ReviewRow, 'id' | 'reviewedAt'>,
	b: Pick<ReviewRow, 'id' | 'reviewedAt'>
): number {
	return a.reviewedAt - b.reviewedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A card's state rebuilt by replaying its whole log through ts-fsrs (`reschedule`).
 * With no reviews the card is new.
 */
export function replay(f: FSRS, cardId: string, reviews: readonly ReviewRow[]): CardStateRow | undefined {
	return replayLog(f, cardId, reviews)?.state;
}

/**
 * What a replay needs of a review: the answer and its time; for rating 0, the state and due date it set; for an
 * answer the load balancer moved, the due date it chose.
 */
export type ReplayReview = Pick<ReviewRow, 'id' | 'rating' | 'reviewedAt' | 'durationMs'> &
	Partial<Pick<ReviewRow, 'state' | 'due' | 'scheduledDue'>>;

/**
 * Replays a card's log (in any order) and gives its state and the log as whole rows, in time order, each
 * with what ts-fsrs logged with it derived again by the replay: the values answering the card gave (`rate`,
 * `dueNowRow`, the balancer in db/reviews.ts) when the settings are those it was answered with, and for logs
 * merged from two devices the values of the one merged log, whatever order the files came in. Only the review
 * itself is kept from the input: id, rating, time and duration, for rating 0 the state and due date it set, and
 * the day an answer's review was moved to (`scheduledDue`).
 *
 * That day is kept when it lies in the fuzz range the replayed answer gives (the balancer chooses only there),
 * so every replay of the log (Undo, an import, another device's sync) gives the due date answering gave.
 * `recompute` (a Reschedule under new settings) ignores it: each answer gets the day fuzz draws.
 */
export function replayLog(
	f: FSRS,
	cardId: string,
	reviews: readonly ReplayReview[],
	options: { recompute?: boolean } = {}
): { state: CardStateRow; rows: ReviewRow[] } | undefined {
	if (!reviews.length) return undefined;
	const sorted = [...reviews].sort(byReviewTime);
	let card = createEmptyCard(new Date(sorted[0]!.reviewedAt));
	const rows = sorted.map((r): ReviewRow => {
		const row = { id: r.id, cardId, rating: r.rating, reviewedAt: r.reviewedAt, durationMs: r.durationMs };
		if (r.rating === 0) {
			// As dueNowRow wrote it: the card as it was before, and the state and due date set.
			const before = card;
			card = madeDue(before, r.reviewedAt, (r.state ?? before.state) as State, r.due ?? r.reviewedAt);
			return {
				...row,
				state: r.state ?? before.state,
				due: r.due ?? r.reviewedAt,
				stability: before.stability,
				difficulty: before.difficulty,
				elapsedDays: 0,
				lastElapsedDays: before.elapsed_days,
				scheduledDays: 0,
				learningSteps: before.learning_steps
			};
		}
		const next = f.next(card, new Date(r.reviewedAt), r.rating as Grade);
		card = next.card;
		if (r.scheduledDue === undefined) return { ...row, ...logFields(next.log) };
		const kept = !options.recompute && keptDay(f, card, next.log.elapsed_days, r.reviewedAt, r.scheduledDue);
		if (kept) card = kept;
		return { ...row, ...logFields(next.log), scheduledDue: r.scheduledDue };
	});
	return { state: fromFsrsCard(cardId, card), rows };
}

/**
 * A made-due review (rating 0) as ts-fsrs's reschedule applies a manual rating: the card takes the state and
 * due date set, keeps its memory, and counts one more review.
 */
function madeDue(card: FsrsCard, at: number, state: State, due: number): FsrsCard {
	const reviewed = new Date(at);
	if (state === State.New) return { ...createEmptyCard(reviewed), last_review: reviewed };
	const elapsed =
		card.state !== State.New && card.last_review ? date_diff(reviewed, card.last_review, 'days') : 0;
	return {
		...card,
		state,
		due: new Date(due),
		last_review: reviewed,
		elapsed_days: elapsed,
		scheduled_days: date_diff(new Date(due), reviewed, 'days'),
		reps: card.reps + 1
	};
}

/** Schedulers like the replay's own with fuzz off, to find the range fuzz drew in. */
const plainOf = new WeakMap<FSRS, FSRS>();

/**
 * The card after an answer with its review on the day the log says the answer chose (`scheduledDue`), or null
 * when that day is not one the balancer could have chosen for this answer (outside its fuzz range: the log was
 * answered under other settings).
 */
function keptDay(
	f: FSRS,
	after: FsrsCard,
	elapsedDays: number,
	reviewedAt: number,
	scheduledDue: number
): FsrsCard | null {
	let plain = plainOf.get(f);
	if (!plain) {
		plain = fsrs({ ...f.parameters, enable_fuzz: false });
		plainOf.set(f, plain);
	}
	const range = fuzzRange(fromFsrsCard('', after), elapsedDays, plain, f.parameters.maximum_interval);
	const interval = (scheduledDue - reviewedAt) / DAY_MS;
	if (!range || !Number.isInteger(interval) || interval < range.min || interval > range.max) return null;
	return { ...after, due: new Date(scheduledDue), scheduled_days: interval };
}

/** When each answer would bring the card back. */
export function preview(
	f: FSRS,
	cardId: string,
	state: CardStateRow | undefined,
	now: number
): Record<Answer, number> {
	const at = reviewTime(state, now);
	const current = state ? toFsrsCard(state) : createEmptyCard(new Date(at));
	const out = {} as Record<Answer, number>;
	for (const a of ANSWERS) out[a] = f.next(current, new Date(at), a as Grade).card.due.getTime();
	return out;
}

/** Probability of recalling the card now (0–1); 0 for a card never studied. */
export function recall(f: FSRS, state: CardStateRow | undefined, now: number): number {
	if (!state || state.state === State.New) return 0;
	const at = state.lastReview != null ? Math.max(now, state.lastReview) : now;
	return f.get_retrievability(toFsrsCard(state), new Date(at), false);
}

/** What ts-fsrs logged of an answer, as a review row keeps it. */
function logFields(
	log: ReviewLog
): Pick<
	ReviewRow,
	| 'state'
	| 'due'
	| 'stability'
	| 'difficulty'
	| 'elapsedDays'
	| 'lastElapsedDays'
	| 'scheduledDays'
	| 'learningSteps'
> {
	return {
		state: log.state,
		due: log.due.getTime(),
		stability: log.stability,
		difficulty: log.difficulty,
		elapsedDays: log.elapsed_days,
		lastElapsedDays: log.last_elapsed_days,
		scheduledDays: log.scheduled_days,
		learningSteps: log.learning_steps
	};
}
