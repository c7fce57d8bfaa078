import type { ReviewRow } from '$lib/model.ts';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { cards, cardsOfTopic, topics } from '$lib/deck/deck.ts';
import { deckSummary } from '$lib/deck/summary.ts';
import { gatherHeatmap, gatherStats } from './stats.svelte.ts';
import { dayKey } from '$lib/srs/day.ts';
import { State } from '$lib/srs/scheduler.ts';
import { studyDays } from '$lib/stats/days.ts';
import { buildHeatmap, dayStreak, heatmapDayCount } from '$lib/stats/heatmap.ts';
import { StudyDatabase, useDatabase } from '$lib/db/index.ts';
import { addCardsToReview, allStates, answerCard, rebuildAllStates } from '$lib/db/reviews.ts';
import { saveSettings } from '$lib/db/settings.ts';
import { DEFAULT_SETTINGS } from '$lib/srs/defaults.ts';
import { finishedQuizzes } from '$lib/db/quizzes.ts';
import {
	answersPerDay,
	dayStreakBack,
	daysWithAnswers,
	firstReviewTime,
	reviewAnswerCounts
} from '$lib/db/stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 4 March 2026, 15:00 local time. */
const now = new Date(2026, 2, 4, 15).getTime();
let db: StudyDatabase;

beforeEach(() => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
});

function row(i: number, over: Partial<ReviewRow>): ReviewRow {
	return {
		id: `r-${i}`,
		cardId: 'card',
		rating: 3,
		reviewedAt: now,
		durationMs: 1000,
		state: State.Review,
		due: now,
		stability: 5,
		difficulty: 5,
		elapsedDays: 1,
		lastElapsedDays: 1,
		scheduledDays: 1,
		learningSteps: 0,
		...over
	};
}

/** A log spread over 60 days, every state and rating, made-due rows included. */
function randomLog(n: number): ReviewRow[] {
	let seed = 7;
	const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	return Array.from({ length: n }, (_, i) =>
		row(i, {
			reviewedAt: now - Math.floor(rnd() * 60 * DAY),
			rating: Math.floor(rnd() * 5) as ReviewRow['rating'],
			state: Math.floor(rnd() * 4)
		})
	);
}

describe('counts over the log', () => {
	it('counts answers per day from the index, leaving out made-due rows', async () => {
		const log = randomLog(2000);
		await db.reviews.bulkAdd(log);
		const bounds = Array.from({ length: 31 }, (_, i) => now - 30 * DAY + i * DAY);
		const counts = await answersPerDay(bounds);
		const expected = bounds
			.slice(1)
			.map(
				(end, i) => log.filter((r) => r.rating > 0 && r.reviewedAt >= bounds[i]! && r.reviewedAt < end).length
			);
		expect(counts).toEqual(expected);
		expect(log.some((r) => r.rating === 0 && r.reviewedAt >= bounds[0]!)).toBe(true);
	});

	it('tells which days have an answer, a day of made-due rows only having none', async () => {
		const day = (d: number, h = 12) => now - d * DAY + (h - 15) * HOUR;
		await db.reviews.bulkAdd([
			row(1, { reviewedAt: day(0) }),
			row(2, { reviewedAt: day(1), rating: 0 }),
			row(3, { reviewedAt: day(2), rating: 0, state: State.New }),
			row(4, { reviewedAt: day(2, 13) }),
			row(5, { reviewedAt: day(4) })
		]);
		const bounds = Array.from({ length: 6 }, (_, i) => day(4 - i, 0));
		expect(await daysWithAnswers(bounds)).toEqual([true, false, true, false, true]);
		expect(await answersPerDay(bounds)).toEqual([1, 0, 1, 0, 1]);
	});

	it('counts answers to review cards by rating over a range', async () => {
		const log = randomLog(2000);
		await db.reviews.bulkAdd(log);
		const from = now - 7 * DAY;
		const counts = await reviewAnswerCounts(from, now + 1);
		for (const rating of [1, 2, 3, 4] as const) {
			expect(counts[rating]).toBe(
				log.filter(
					(r) =>
						r.state === State.Review && r.rating === rating && r.reviewedAt >= from && r.reviewedAt <= now
				).length
			);
		}
	});

	it('finds the first review, and the finished quizzes only', async () => {
		expect(await firstReviewTime()).toBeNull();
		await db.reviews.bulkAdd([row(1, { reviewedAt: now - 5 * DAY }), row(2, { reviewedAt: now - DAY })]);
		expect(await firstReviewTime()).toBe(now - 5 * DAY);
		expect(await firstReviewTime(now - 2 * DAY)).toBe(now - DAY);
		const quiz = { scope: 'mixed', seed: 1, startedAt: now, cardIds: ['a'], answers: [], score: 1 };
		await db.quizzes.bulkAdd([
			{ ...quiz, id: 'done', finishedAt: now + 1000 },
			{ ...quiz, id: 'open', finishedAt: null }
		]);
		expect((await finishedQuizzes()).map((q) => q.id)).toEqual(['done']);
	});
});

describe('rebuilding the card states', () => {
	it('replays every card, reports its progress, and keeps the states answer by answer gave', async () => {
		const [a, b, c] = cards.map((x) => x.id);
		await answerCard(a!, 3, { now: now - 9 * DAY });
		await answerCard(a!, 3, { now: now - 9 * DAY + 10 * 60_000 });
		await answerCard(b!, 1, { now: now - 3 * DAY });
		await answerCard(a!, 4, { now: now - 2 * DAY });
		await addCardsToReview([c!], now - DAY);
		const kept = await allStates();
		await db.cardStates.clear();
		const progress: [number, number][] = [];
		expect(await rebuildAllStates(undefined, (done, total) => progress.push([done, total]))).toBe(3);
		expect(progress).toEqual([
			[1, 3],
			[2, 3],
			[3, 3]
		]);
		expect(await allStates()).toEqual(kept);
	});
});

describe('the stats page', () => {
	it('shows what the log says: today, the streak, the heatmap, retention, the forecast and topics', async () => {
		const ids = cards.slice(0, 4).map((c) => c.id);
		// Ten study days in a row up to yesterday, then today.
		for (let d = 10; d >= 0; d--) {
			for (const id of ids)
				await answerCard(id, d === 3 && id === ids[0] ? 1 : 3, { now: now - d * DAY, durationMs: 30_000 });
		}
		// A made-due row is not an answer.
		await addCardsToReview([cards[5]!.id], now - HOUR);
		const view = await gatherStats(now);
		const heatmap = await gatherHeatmap(now);

		expect(view.today).toEqual({ answers: 4, cards: 4, timeMs: 120_000 });
		expect(view.streak).toEqual({ days: 11, includesToday: true });
		expect(heatmap.total).toBe(44);
		expect(heatmap.activeDays).toBe(11);
		const cells = heatmap.weeks.flat().filter((c) => c !== null);
		expect(cells[cells.length - 1]).toMatchObject({ count: 4 });

		const log = await db.reviews.toArray();
		const inWeek = log.filter(
			(r) => r.state === State.Review && r.rating > 0 && r.reviewedAt >= new Date(2026, 1, 26, 4).getTime()
		);
		expect(view.retention.week.answers).toBe(inWeek.length);
		expect(view.retention.week.passed).toBe(inWeek.filter((r) => r.rating !== 1).length);
		expect(view.retention.month.answers).toBeGreaterThanOrEqual(view.retention.week.answers);

		const states = await allStates();
		const dueSoon = [...states.values()].filter((s) => s.due < now + 27 * DAY).length;
		expect(view.forecast.total).toBeGreaterThanOrEqual(dueSoon);
		expect(view.forecast.total).toBeLessThanOrEqual(states.size);

		const seen = view.topics.reduce((n, t) => n + t.seen, 0);
		expect(seen).toBeGreaterThan(0);
		for (const t of view.topics) {
			if (t.seen) expect(t.recall).toBeGreaterThan(0);
			else expect(t.recall).toBeNull();
		}
	});

	it('follows a streak back beyond the 26 weeks of the heatmap', async () => {
		const id = cards[0]!.id;
		const daily = (from: number, to: number) =>
			Array.from({ length: to - from }, (_, i) =>
				row(from + i, { cardId: id, reviewedAt: now - (from + i) * DAY, rating: 3 })
			);
		await db.reviews.bulkAdd(daily(0, 300));
		expect((await gatherStats(now)).streak).toEqual({ days: 300, includesToday: true });
		// A day taken out of the old log shortens it; put back, it runs the whole way again.
		await db.reviews.delete('r-250');
		expect((await gatherStats(now)).streak).toEqual({ days: 250, includesToday: true });
		await db.reviews.put(row(250, { cardId: id, reviewedAt: now - 250 * DAY }));
		expect((await gatherStats(now)).streak).toEqual({ days: 300, includesToday: true });
		// Two weeks on, not yet studied that day: up to the day before.
		await db.reviews.bulkAdd(
			Array.from({ length: 13 }, (_, i) => row(1000 + i, { cardId: id, reviewedAt: now + (i + 1) * DAY }))
		);
		expect((await gatherStats(now + 14 * DAY)).streak).toEqual({ days: 313, includesToday: false });
	});

	it('gives the topics from the deck summary as the whole deck gives them', async () => {
		const summary = await deckSummary();
		expect(summary.cardIds).toEqual(cards.map((c) => c.id));
		expect(summary.topics).toEqual(topics.map((t) => ({ id: t.id, title: t.title })));
		summary.topics.forEach((t, k) =>
			expect(summary.topicCards[k]!.map((i) => summary.cardIds[i])).toEqual(
				cardsOfTopic(t.id).map((c) => c.id)
			)
		);
	});
});

/** Random logs over `days` days: most days studied, at any hour (before the day-start hour too), some days made-due rows only. */
function studyLog(seed: number, days: number, pStudied: number): ReviewRow[] {
	let s = seed;
	const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
	const log: ReviewRow[] = [];
	let i = 0;
	for (let d = 0; d < days; d++) {
		const r = rnd();
		if (r > pStudied + (1 - pStudied) / 2) continue;
		const onlyMarkers = r > pStudied;
		const n = 1 + Math.floor(rnd() * 4);
		for (let k = 0; k < n; k++) {
			const at = now - d * DAY + Math.floor((rnd() - 0.5) * DAY);
			log.push(
				row(i++, {
					cardId: `c${Math.floor(rnd() * 5)}`,
					reviewedAt: at,
					rating: onlyMarkers || rnd() < 0.1 ? 0 : ((1 + Math.floor(rnd() * 4)) as ReviewRow['rating']),
					state: Math.floor(rnd() * 4)
				})
			);
		}
	}
	return log;
}

/** The straightforward computations: every row looked at. */
function countsByDay(log: readonly ReviewRow[], hour: number): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of log)
		if (r.rating > 0)
			counts.set(dayKey(r.reviewedAt, hour), (counts.get(dayKey(r.reviewedAt, hour)) ?? 0) + 1);
	return counts;
}

describe('the fast paths give what reading the whole log gives', () => {
	for (const [seed, p] of [
		[3, 0.97],
		[11, 0.9],
		[29, 0.995],
		[41, 0.6]
	] as const) {
		for (const hour of [0, 4, 23]) {
			it(`day streak and heatmap, log ${seed}, day starting at ${hour}:00`, async () => {
				const log = studyLog(seed, 400, p);
				await db.reviews.bulkAdd(log);
				await saveSettings({ ...DEFAULT_SETTINGS, dayStartHour: hour });
				for (const at of [now, now - 13 * HOUR, now + 10 * HOUR]) {
					const counts = countsByDay(log, hour);
					const all = studyDays(at, hour, -500, 501).map((d) => counts.get(d.key) ?? 0);
					const expected = dayStreak(all);
					expect(await dayStreakBack(at, hour)).toEqual({
						days: expected.days,
						includesToday: expected.includesToday
					});
					expect(await dayStreakBack(at, hour, 1)).toEqual({
						days: expected.days,
						includesToday: expected.includesToday
					});
					expect((await gatherStats(at)).streak).toEqual({
						days: expected.days,
						includesToday: expected.includesToday
					});

					const today = studyDays(at, hour, 0, 1)[0]!;
					const retained = (back: number) => {
						const from = studyDays(at, hour, -back, 1)[0]!.start;
						const answers = log.filter(
							(r) =>
								r.state === State.Review && r.rating > 0 && r.reviewedAt >= from && r.reviewedAt < today.end
						);
						const passed = answers.filter((r) => r.rating !== 1).length;
						return { answers: answers.length, passed, rate: answers.length ? passed / answers.length : null };
					};
					expect((await gatherStats(at)).retention).toEqual({ week: retained(6), month: retained(29) });
					const shown = heatmapDayCount(today.weekday);
					const days = studyDays(at, hour, -(shown - 1), shown);
					expect(await gatherHeatmap(at)).toEqual(
						buildHeatmap(
							days,
							days.map((d) => counts.get(d.key) ?? 0)
						)
					);
				}
			});
		}
	}
});
