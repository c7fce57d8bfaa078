import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from './index.ts';
import { answerFutureNow, FUTURE_MARGIN, futureAnswers } from './future.ts';
import { addCardsToReview, answerCard, reviewsOfCard } from './reviews.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { State } from '../srs/scheduler.ts';

const t0 = new Date(2026, 2, 10, 10, 0).getTime();
const MIN = 60_000;
const DAY = 86_400_000;
const ahead = t0 + 400 * DAY;

function fresh(): StudyDatabase {
	const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
	return db;
}

async function answer(cardId: string, rating: 1 | 2 | 3 | 4, now: number, id: string) {
	await answerCard(cardId, rating, { now, id, durationMs: 3000, settings: DEFAULT_SETTINGS });
}

let db: StudyDatabase;
beforeEach(() => {
	db = fresh();
});

describe('answers dated in the future', () => {
	it('are found when they are ahead of the clock by more than the margin, and only then', async () => {
		expect(await futureAnswers(t0)).toBeNull();
		await answer('a', 3, t0 - 2 * DAY, 'a1');
		await answer('b', 3, t0 + FUTURE_MARGIN - 1, 'b1');
		expect(await futureAnswers(t0)).toBeNull();
		await answer('a', 3, ahead, 'a2');
		await answer('c', 1, ahead + MIN, 'c1');
		await answer('c', 3, ahead + 2 * MIN, 'c2');
		expect(await futureAnswers(t0)).toEqual({ answers: 3, cards: 2, latest: ahead + 2 * MIN });
		// Once the clock reaches them, they are no longer in the future.
		expect(await futureAnswers(ahead + 2 * MIN)).toBeNull();
	});

	it('treated as answered now: re-dated in order, the cards back in the queue as if answered then', async () => {
		await answer('a', 3, t0 - 2 * DAY, 'a1');
		await answer('a', 3, t0 - 2 * DAY + 10 * MIN, 'a2');
		await answer('a', 3, ahead, 'a3');
		await answer('c', 1, ahead + MIN, 'c1');
		await answer('c', 3, ahead + 2 * MIN, 'c2');
		// A card made due (rating 0) in the future too.
		await addCardsToReview(['d'], ahead);
		const before = await db.cardStates.get('a');
		expect(before!.due).toBeGreaterThan(ahead);

		expect(await answerFutureNow(t0)).toEqual({ answers: 4, cards: 3 });
		expect(await futureAnswers(t0)).toBeNull();
		const all = await db.reviews.toArray();
		expect(all.every((r) => r.reviewedAt <= t0)).toBe(true);
		expect((await reviewsOfCard('c')).map((r) => r.id)).toEqual(['c1', 'c2']);

		// The same states and logs as answering at those times in the first place.
		const redated = new Map(all.map((r) => [r.id, r.reviewedAt]));
		const stored = {
			states: await db.cardStates.toArray(),
			reviews: (await db.reviews.toArray()).sort((x, y) => x.reviewedAt - y.reviewedAt)
		};
		const other = fresh();
		await answer('a', 3, t0 - 2 * DAY, 'a1');
		await answer('a', 3, t0 - 2 * DAY + 10 * MIN, 'a2');
		await answer('a', 3, redated.get('a3')!, 'a3');
		await answer('c', 1, redated.get('c1')!, 'c1');
		await answer('c', 3, redated.get('c2')!, 'c2');
		const made = (await db.reviews.where('cardId').equals('d').first())!;
		await other.reviews.add(made);
		await other.cardStates.put((await db.cardStates.get('d'))!);
		expect(await other.cardStates.toArray()).toEqual(stored.states);
		expect((await other.reviews.toArray()).sort((x, y) => x.reviewedAt - y.reviewedAt)).toEqual(
			stored.reviews
		);

		// Due within days of now, not 400 days away; the card made due is due now.
		const states = new Map(stored.states.map((s) => [s.cardId, s]));
		expect(states.get('a')!.due).toBeLessThan(t0 + 30 * DAY);
		expect(states.get('c')!.state).toBe(State.Learning);
		expect(states.get('c')!.due).toBeLessThan(t0 + 20 * MIN);
		expect(states.get('d')!.due).toBeLessThanOrEqual(t0);
	});

	it('change nothing when there are none', async () => {
		await answer('a', 3, t0 - DAY, 'a1');
		const state = await db.cardStates.get('a');
		expect(await answerFutureNow(t0)).toEqual({ answers: 0, cards: 0 });
		expect(await db.cardStates.get('a')).toEqual(state);
	});
});
