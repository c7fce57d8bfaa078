// The queue kept card by card (QueuePlan) against the queue built from scratch (buildQueue), through random
// answers, flags and Undos; and today's data as read (only what today needs) against all the states.
import type { Answer, CardFlagRow, CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { loadStudyData, type StudyData } from '../db/study.ts';
import { dayStart, nextDayStart } from '../srs/day.ts';
import { buildQueue, nextCard, QueuePlan, type Queue, type QueueCard } from '../srs/queue.ts';
import { makeScheduler, newCardState, rate, State } from '../srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { withAnswer, withFlag, withoutAnswer } from './study-data.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const t0 = new Date(2026, 4, 12, 9, 30).getTime();

/** A small seeded generator (mulberry32), so that a failure comes back the same. */
function random(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		chance: (p: number) => next() < p,
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
	};
}
type Random = ReturnType<typeof random>;

function deck(n: number): QueueCard[] {
	// Document order is not id order, and some cards share a place: ties must be kept as buildQueue keeps them.
	return Array.from({ length: n }, (_, i) => ({
		id: `card-${String((i * 7) % n).padStart(3, '0')}`,
		order: Math.floor(i / 2),
		topics: [`topic-${i % 4}`]
	}));
}

interface Collection {
	states: Map<string, CardStateRow>;
	flags: Map<string, CardFlagRow>;
	reviewsToday: ReviewRow[];
}

/** Cards studied at random over the past weeks, some asked for today, some flagged; and answers today. */
function collection(rnd: Random, ids: string[], settings: SrsSettings, now: number): Collection {
	const f = makeScheduler(settings);
	const states = new Map<string, CardStateRow>();
	const flags = new Map<string, CardFlagRow>();
	const reviewsToday: ReviewRow[] = [];
	const since = dayStart(now, settings.dayStartHour);
	for (const id of ids) {
		if (rnd.chance(0.3)) continue;
		if (rnd.chance(0.08)) {
			// Added to today's review by a quiz (or yesterday's: then an ordinary new card).
			const at = rnd.chance(0.5) ? since + rnd.int(Math.max(1, now - since)) : since - rnd.int(3 * DAY);
			states.set(id, { ...newCardState(id, at), lastReview: at });
			continue;
		}
		let state: CardStateRow | undefined;
		let at = now - rnd.int(60) * DAY - rnd.int(DAY);
		for (let k = 1 + rnd.int(6); k > 0 && at < now; k--) {
			const r = rate(f, id, state, (1 + rnd.int(4)) as Answer, at, crypto.randomUUID());
			state = r.state;
			if (at >= since) reviewsToday.push(r.review);
			at = Math.max(at + MINUTE, state.due + (rnd.int(3) - 1) * rnd.int(3 * DAY));
		}
		if (state) states.set(id, state);
	}
	for (const id of ids) {
		if (!rnd.chance(0.1)) continue;
		const buriedUntil = rnd.pick([
			0,
			nextDayStart(now, settings.dayStartHour),
			now + rnd.int(3 * HOUR),
			now - HOUR
		]);
		flags.set(id, { cardId: id, suspended: rnd.chance(0.3), buriedUntil, updatedAt: now });
	}
	return { states, flags, reviewsToday };
}

function settingsFor(rnd: Random): SrsSettings {
	return {
		...DEFAULT_SETTINGS,
		newPerDay: rnd.pick([0, 3, 10]),
		maxReviewsPerDay: rnd.pick([2, 10, 200]),
		fuzz: rnd.chance(0.5)
	};
}

/** Everything a queue shows, for picking cards to act on. */
function shownIds(queue: Queue): string[] {
	return [...queue.learning, ...queue.review, ...queue.fresh, ...queue.later.map((c) => c.id)];
}

describe('the queue kept card by card', () => {
	it('equals the queue built from scratch through random answers, flags, Undos and time', () => {
		for (let seed = 1; seed <= 40; seed++) {
			const rnd = random(seed);
			// Small decks run out of work, so that the next due time after today shows.
			const cards = deck(rnd.pick([5, 12, 60]));
			const ids = [...cards.map((c) => c.id), 'gone-1', 'gone-2'];
			const settings = settingsFor(rnd);
			const f = makeScheduler(settings);
			let now = t0 + rnd.int(20) * HOUR;
			const c = collection(rnd, ids, settings, now);
			let data: StudyData = {
				settings,
				states: c.states,
				unloaded: new Set(),
				flags: c.flags,
				reviewsToday: c.reviewsToday,
				since: dayStart(now, settings.dayStartHour)
			};
			const plan = new QueuePlan(cards, data, f, now);
			const answers: { review: ReviewRow; before: CardStateRow | undefined }[] = [];
			for (let step = 0; step < 150; step++) {
				const expected = buildQueue({ cards, ...data, now, scheduler: f });
				const queue = plan.queue(now);
				expect(queue, `seed ${seed}, step ${step}`).toEqual(expected);
				expect(nextCard(queue, now)).toBe(nextCard(expected, now));

				// Time goes on: mostly a few seconds, sometimes past a learning step, a burial or the day's end.
				now += rnd.pick([0, 5_000, 40_000, 2 * MINUTE, 11 * MINUTE, 2 * HOUR, 9 * HOUR]);
				const shown = shownIds(queue);
				const choice = rnd.next();
				if (choice < 0.55) {
					const id = shown.length && rnd.chance(0.85) ? rnd.pick(shown) : rnd.pick(ids);
					const before = data.states.get(id);
					const r = rate(f, id, before, (1 + rnd.int(4)) as Answer, now, crypto.randomUUID());
					answers.push({ review: r.review, before });
					data = withAnswer(data, r.review, r.state);
					plan.update(id, data);
				} else if (choice < 0.75) {
					const id = shown.length && rnd.chance(0.7) ? rnd.pick(shown) : rnd.pick(ids);
					const kind = rnd.int(4);
					const flag: CardFlagRow = {
						cardId: id,
						suspended: kind === 0,
						buriedUntil:
							kind === 1
								? nextDayStart(now, settings.dayStartHour)
								: kind === 2
									? now + rnd.int(2 * HOUR)
									: 0,
						updatedAt: now
					};
					data = withFlag(data, flag);
					plan.update(id, data);
				} else if (choice < 0.9 && answers.length) {
					const { review, before } = answers.pop()!;
					data = withoutAnswer(data, review.id, review.cardId, rnd.chance(0.9) ? before : null);
					plan.update(review.cardId, data);
				}
			}
		}
	}, 60_000);
});

let db: StudyDatabase;

beforeEach(() => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
});

describe("today's data as read", () => {
	it('reads what today needs: its queue, and the queue kept from it, are those of all the states', async () => {
		for (let seed = 1; seed <= 12; seed++) {
			const rnd = random(100 + seed);
			const cards = deck(80);
			const ids = [...cards.map((c) => c.id), 'gone-1', 'gone-2'];
			const settings = settingsFor(rnd);
			const f = makeScheduler(settings);
			let now = t0 + rnd.int(12) * HOUR;
			const c = collection(rnd, ids, settings, now);
			await db.transaction('rw', db.cardStates, db.cardFlags, db.reviews, db.settings, async () => {
				await db.cardStates.clear();
				await db.cardFlags.clear();
				await db.reviews.clear();
				await db.cardStates.bulkPut([...c.states.values()]);
				await db.cardFlags.bulkPut([...c.flags.values()]);
				await db.reviews.bulkPut(c.reviewsToday);
				await db.settings.put({ key: 'srs', value: settings });
			});
			const inDeck = new Set(cards.map((card) => card.id));
			let read = await loadStudyData(now, (id) => inDeck.has(id));
			expect(read.states.size + read.unloaded.size).toBe(c.states.size);
			let all: StudyData = { ...read, states: c.states, unloaded: new Set() };
			expect(buildQueue({ cards, ...read, now, scheduler: f }), `seed ${seed}`).toEqual(
				buildQueue({ cards, ...all, now, scheduler: f })
			);

			// Answers, flags and Undos through the day, on the cards the queue shows (as the review screen does).
			const plan = new QueuePlan(cards, read, f, now);
			const end = nextDayStart(now, settings.dayStartHour);
			const answers: { review: ReviewRow; before: CardStateRow | undefined }[] = [];
			for (let step = 0; step < 80; step++) {
				const queue = plan.queue(now);
				expect(queue, `seed ${seed}, step ${step}`).toEqual(buildQueue({ cards, ...all, now, scheduler: f }));
				now = Math.min(end - 1, now + rnd.pick([5_000, 2 * MINUTE, 11 * MINUTE, HOUR]));
				const shown = shownIds(queue);
				if (!shown.length) break;
				const id = rnd.pick(shown);
				const choice = rnd.next();
				if (choice < 0.7) {
					const before = read.states.get(id);
					expect(before).toEqual(all.states.get(id));
					const r = rate(f, id, before, (1 + rnd.int(4)) as Answer, now, crypto.randomUUID());
					answers.push({ review: r.review, before });
					read = withAnswer(read, r.review, r.state);
					all = withAnswer(all, r.review, r.state);
					plan.update(id, read);
				} else if (choice < 0.85) {
					const flag = { cardId: id, suspended: rnd.chance(0.5), buriedUntil: end, updatedAt: now };
					read = withFlag(read, flag);
					all = withFlag(all, flag);
					plan.update(id, read);
				} else if (answers.length) {
					const { review, before } = answers.pop()!;
					read = withoutAnswer(read, review.id, review.cardId, before);
					all = withoutAnswer(all, review.id, review.cardId, before);
					plan.update(review.cardId, read);
				}
			}
		}
	}, 60_000);

	it('knows the cards with a state that it did not read, and the first one due after today', async () => {
		const f = makeScheduler(DEFAULT_SETTINGS);
		const later = (id: string, days: number): CardStateRow => ({
			...rate(f, id, undefined, 4, t0 - DAY, id).state,
			state: State.Review,
			due: t0 + days * DAY
		});
		await db.cardStates.bulkPut([later('a', 3), later('b', 5), later('gone', 2), later('c', 9)]);
		await db.cardFlags.put({ cardId: 'a', suspended: true, buriedUntil: 0, updatedAt: t0 });
		const data = await loadStudyData(t0, (id) => id !== 'gone');
		// Due after today: 'gone' and 'a' do not count (not in the deck, suspended); 'b' is the first that does.
		expect([...data.states.keys()]).toEqual(['gone', 'a', 'b']);
		expect([...data.unloaded]).toEqual(['c']);
		const cards = ['a', 'b', 'c'].map((id, order) => ({ id, order, topics: [] }));
		expect(buildQueue({ cards, ...data, now: t0, scheduler: f }).nextDue).toBe(t0 + 5 * DAY);
	});
});
