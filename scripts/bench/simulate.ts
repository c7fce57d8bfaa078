// Review histories for the benchmark, made with the app's own scheduler (src/lib/srs) and a simulated learner
// whose chance of recalling a card is the card's FSRS retrievability. The card states are what the app would
// have cached: each is the state rate() returned after the card's last answer, which is what replay() rebuilds.
import type { Answer, CardStateRow, ReviewRow, SrsSettings } from '../../src/lib/model.ts';
import { dayStart } from '../../src/lib/srs/day.ts';
import { buildQueue, nextCard, type QueueCard } from '../../src/lib/srs/queue.ts';
import { makeScheduler, rate, recall } from '../../src/lib/srs/scheduler.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface History {
	reviews: ReviewRow[];
	states: Map<string, CardStateRow>;
}

/** A small seeded generator (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A review id shaped like crypto.randomUUID()'s, from the seeded generator. */
function makeId(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The learner's answer: Again when the card is forgotten, else mostly Good, sometimes Hard or Easy. */
function answerFor(recalled: boolean, random: () => number): Answer {
	if (!recalled) return 1;
	const r = random();
	return r < 0.1 ? 2 : r < 0.85 ? 3 : 4;
}

/**
 * How likely the learner recalls a card now: its retrievability, a little less (a learner somewhat weaker than
 * the model expects, so that lapses and relearning happen), or a fair chance for a card never seen.
 */
function chance(f: ReturnType<typeof makeScheduler>, state: CardStateRow | undefined, now: number): number {
	return state && state.lastReview !== null ? 0.92 * recall(f, state, now) : 0.5;
}

/**
 * A learner who opens the daily review on most days of the `days` before `end` (not on the day of `end`) and
 * works through the whole queue as the app builds it: learning cards, reviews and new cards, within the limits.
 */
export function simulateDailyReview(options: {
	cards: readonly QueueCard[];
	settings: SrsSettings;
	days: number;
	end: number;
	seed: number;
}): History {
	const { cards, settings, days, end } = options;
	const random = seededRandom(options.seed);
	const f = makeScheduler(settings);
	const states = new Map<string, CardStateRow>();
	const reviews: ReviewRow[] = [];
	const flags = new Map();
	for (let d = days; d >= 1; d--) {
		if (random() < 0.08) continue; // a day off now and then
		const day = dayStart(end - d * DAY, settings.dayStartHour);
		let now = day + 4 * HOUR + Math.floor(random() * 12 * HOUR);
		const today: ReviewRow[] = [];
		for (;;) {
			const queue = buildQueue({ cards, states, flags, reviewsToday: today, settings, now, scheduler: f });
			const id = nextCard(queue, now);
			if (!id) break;
			const state = states.get(id);
			// A learning card shown ahead of time (learn-ahead): the learner waits for it.
			if (state && state.due > now && state.lastReview !== null && state.state !== 2) now = state.due;
			const durationMs = 3000 + Math.floor(random() * 12_000);
			const answer = answerFor(random() < chance(f, state, now), random);
			const result = rate(f, id, state, answer, now, makeId(random), durationMs);
			states.set(id, result.state);
			reviews.push(result.review);
			today.push(result.review);
			now += durationMs + 1000;
		}
	}
	return { reviews, states };
}

/**
 * A long history for many cards, card by card: each card is introduced on a day within the first
 * `introduceOver` days of the span and then answered whenever it falls due, up to the study day of `end`
 * (that day's work is left to do).
 * Cheaper than simulateDailyReview (no queue per answer), for hundreds of thousands of answers.
 */
export function simulateEachCard(options: {
	cardIds: readonly string[];
	settings: SrsSettings;
	days: number;
	introduceOver: number;
	end: number;
	seed: number;
}): History {
	const { cardIds, settings, days, introduceOver, end } = options;
	const random = seededRandom(options.seed);
	const f = makeScheduler(settings);
	const states = new Map<string, CardStateRow>();
	const reviews: ReviewRow[] = [];
	const start = dayStart(end - days * DAY, settings.dayStartHour);
	const today = dayStart(end, settings.dayStartHour);
	cardIds.forEach((cardId, i) => {
		let now = start + Math.floor((i / cardIds.length) * introduceOver) * DAY + 5 * HOUR + (i % 600) * 1000;
		let state: CardStateRow | undefined;
		while (now < today) {
			const durationMs = 3000 + Math.floor(random() * 12_000);
			const answer = answerFor(random() < chance(f, state, now), random);
			const result = rate(f, cardId, state, answer, now, makeId(random), durationMs);
			state = result.state;
			reviews.push(result.review);
			now = Math.max(state.due, now + MIN);
		}
		if (state) states.set(cardId, state);
	});
	return { reviews, states };
}
