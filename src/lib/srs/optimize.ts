// The learner's review log as the FSRS optimizer reads it, and the evaluation of a set of parameters on it
// (log loss and RMSE, the measures Anki shows under Evaluate). Pure.
import { default_w, fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';
import { dayStart } from './day.ts';

const DAY_MS = 86_400_000;

/** Training items the optimizer needs at least: fsrs-rs's own minimum; with fewer it returns its defaults. */
export const MIN_ITEMS = 8;

/** What the optimizer reads of a review. */
export interface LogReview {
	cardId: string;
	/** 1 Again … 4 Easy; 0 (made due) is no answer and is left out. */
	rating: number;
	reviewedAt: number;
}

/** Each card's answers in time order: ratings and study-day numbers. */
export interface Histories {
	cards: { id: string; ratings: number[]; days: number[] }[];
	/** Answers read (rating 1–4). */
	reviews: number;
}

/** The study day of a time as a whole number of days, the same across a change of daylight-saving time. */
export function dayNumber(time: number, dayStartHour: number): number {
	const d = new Date(dayStart(time, dayStartHour));
	return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
}

/** Groups a log (any order) by card, in time order, keeping answers only. */
export function histories(reviews: Iterable<LogReview>, dayStartHour: number): Histories {
	const byCard = new Map<string, { rating: number; at: number }[]>();
	let count = 0;
	for (const r of reviews) {
		if (r.rating < 1 || r.rating > 4) continue;
		count++;
		let list = byCard.get(r.cardId);
		if (!list) byCard.set(r.cardId, (list = []));
		list.push({ rating: r.rating, at: r.reviewedAt });
	}
	const cards: Histories['cards'] = [];
	for (const [id, list] of byCard) {
		list.sort((a, b) => a.at - b.at);
		cards.push({
			id,
			ratings: list.map((r) => r.rating),
			days: list.map((r) => dayNumber(r.at, dayStartHour))
		});
	}
	return { cards, reviews: count };
}

/**
 * Answers the fitting reads at most, each training item's whole history counted: about 16 s of fsrs-browser on two
 * cores. Its time grows with every card's history squared (each answer is an item carrying the history before it):
 * a log of 300,000 answers is 7 million, a minute of fitting. A larger log is fitted on a sample of its cards (about
 * 70,000 answers), and the evaluation on the whole log shows how well the sample's parameters predict all of it.
 */
export const FIT_BUDGET = 1_500_000;

/** The answers the fitting reads for a card's history: each training item carries the history up to it. */
function fitEntries(days: readonly number[]): number {
	let n = 0;
	for (let i = 1; i < days.length; i++) if (days[i]! > days[i - 1]!) n += i + 1;
	return n;
}

/** A card id's place in the sample's order: FNV-1a, so the same log gives the same sample on every run. */
function sampleOrder(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/**
 * The histories the parameters are fitted to: all of them while their training items fit in `budget`, else whole
 * cards' histories in a fixed pseudo-random order of their ids until the budget is reached. The evaluation still
 * reads every card, so the fit is judged on the whole log.
 */
export function fitSample(h: Histories, budget = FIT_BUDGET): { histories: Histories; sampled: boolean } {
	const sizes = h.cards.map((c) => fitEntries(c.days));
	if (sizes.reduce((a, b) => a + b, 0) <= budget) return { histories: h, sampled: false };
	const order = h.cards
		.map((c, i) => ({ i, key: sampleOrder(c.id) }))
		.sort((a, b) => a.key - b.key || a.i - b.i);
	const cards: Histories['cards'] = [];
	let used = 0;
	let reviews = 0;
	for (const { i } of order) {
		if (used + sizes[i]! > budget) continue;
		used += sizes[i]!;
		cards.push(h.cards[i]!);
		reviews += h.cards[i]!.ratings.length;
	}
	return { histories: { cards, reviews }, sampled: true };
}

/**
 * The optimizer's training items, flattened as fsrs-browser's computeParameters takes them: for every answer
 * given a day or more after the card's previous one, the card's history up to it (ratings and the days since
 * the answer before; 0 for the first and for answers the same day).
 */
export function trainingItems(h: Histories): {
	ratings: Uint32Array;
	deltas: Uint32Array;
	lengths: Uint32Array;
	count: number;
} {
	let total = 0;
	let count = 0;
	for (const { days } of h.cards) {
		for (let i = 1; i < days.length; i++) {
			if (days[i]! > days[i - 1]!) {
				count++;
				total += i + 1;
			}
		}
	}
	const ratings = new Uint32Array(total);
	const deltas = new Uint32Array(total);
	const lengths = new Uint32Array(count);
	let at = 0;
	let item = 0;
	for (const { ratings: rs, days } of h.cards) {
		for (let i = 1; i < days.length; i++) {
			if (days[i]! <= days[i - 1]!) continue;
			for (let j = 0; j <= i; j++) {
				ratings[at] = rs[j]!;
				deltas[at] = j === 0 ? 0 : days[j]! - days[j - 1]!;
				at++;
			}
			lengths[item++] = i + 1;
		}
	}
	return { ratings, deltas, lengths, count };
}

export interface Evaluation {
	/** Mean binary cross-entropy of the predicted recall against what happened (Again: forgotten). */
	logLoss: number;
	/** RMSE (bins): the predictions grouped in 20 bins by predicted recall, as fsrs-rs reports it. */
	rmse: number;
	/** Answers predicted: those given a day or more after the card's previous answer. */
	count: number;
}

/** fsrs-rs's bin of a predicted recall: finer near 1, where most predictions are. */
function bin(p: number, bins = 20): number {
	const x = Math.floor(Math.exp(p * Math.log(bins + 1))) - 1;
	return Math.min(bins - 1, Math.max(0, x));
}

/**
 * Log loss and RMSE of FSRS with `parameters` (null: FSRS's defaults) on a log: each card's memory state is
 * followed through its answers, and each answer given a day or more after the one before is predicted from
 * the state before it.
 */
export function evaluate(parameters: readonly number[] | null, h: Histories): Evaluation {
	const f = fsrs(
		generatorParameters({ w: parameters ? [...parameters] : [...default_w], enable_short_term: true })
	);
	let loss = 0;
	let count = 0;
	const groups = new Map<number, { p: number; y: number; n: number }>();
	for (const { ratings, days } of h.cards) {
		let state: FSRSState | null = null;
		for (let i = 0; i < ratings.length; i++) {
			const t = i === 0 ? 0 : days[i]! - days[i - 1]!;
			const g = ratings[i]!;
			if (state && t > 0) {
				const p = Math.min(1 - 1e-7, Math.max(1e-7, f.forgetting_curve(t, state.stability)));
				const y = g > 1 ? 1 : 0;
				loss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
				count++;
				const b = bin(p);
				const group = groups.get(b) ?? { p: 0, y: 0, n: 0 };
				group.p += p;
				group.y += y;
				group.n++;
				groups.set(b, group);
			}
			state = f.next_state(state, t, g);
		}
	}
	let sum = 0;
	for (const { p, y, n } of groups.values()) sum += ((p - y) / n) ** 2 * n;
	return { logLoss: count ? loss / count : NaN, rmse: count ? Math.sqrt(sum / count) : NaN, count };
}

/** FSRS's default parameters (FSRS-6), for a learner who has not optimized. */
export const DEFAULT_PARAMETERS: readonly number[] = default_w;
