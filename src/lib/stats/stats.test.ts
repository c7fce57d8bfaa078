import type { Answer, CardStateRow, QuizRow, ReviewRow } from '../model.ts';
import { describe, expect, it } from 'vitest';
import { makeScheduler, rate, recall, State } from '../srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { studyDays } from './days.ts';
import { dueForecast } from './forecast.ts';
import { buildHeatmap, dayStreak, heatmapDayCount, HEATMAP_WEEKS } from './heatmap.ts';
import { passageRecall, passagesRecall, recallShade, topicStats } from './recall.ts';
import { daySummary, trueRetention } from './retention.ts';
import { formatDuration, formatPercent as percent } from '../ui/format.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const f = makeScheduler(DEFAULT_SETTINGS);
/** Wednesday 4 March 2026, 15:00 local time. */
const now = new Date(2026, 2, 4, 15).getTime();

function study(cardId: string, answers: [Answer, number][]): { state: CardStateRow; log: ReviewRow[] } {
	let state: CardStateRow | undefined;
	const log: ReviewRow[] = [];
	answers.forEach(([a, at], i) => {
		const r = rate(f, cardId, state, a, at, `${cardId}-${i}`, 20_000);
		state = r.state;
		log.push(r.review);
	});
	return { state: state!, log };
}

describe('study days', () => {
	it('lists consecutive study days that begin at the day-start hour, oldest first', () => {
		const days = studyDays(now, 4, -2, 3);
		expect(days.map((d) => d.key)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
		expect(days[2]!.start).toBe(new Date(2026, 2, 4, 4).getTime());
		expect(days[2]!.end).toBe(new Date(2026, 2, 5, 4).getTime());
		expect(days[0]!.end).toBe(days[1]!.start);
		expect(days.map((d) => d.weekday)).toEqual([0, 1, 2]);
		// Before 4 am it is still the previous study day.
		expect(studyDays(new Date(2026, 2, 4, 3).getTime(), 4, 0, 1)[0]!.key).toBe('2026-03-03');
	});

	it('keeps every day whole across a year of daylight-saving changes', () => {
		const days = studyDays(now, 4, -400, 401);
		for (const d of days) {
			expect(new Date(d.start).getHours()).toBe(4);
			expect(d.end - d.start).toBeGreaterThanOrEqual(23 * HOUR);
			expect(d.end - d.start).toBeLessThanOrEqual(25 * HOUR);
		}
		expect(new Set(days.map((d) => d.key)).size).toBe(401);
	});
});

describe('the heatmap and the streak', () => {
	it('shows 26 weeks, Monday first, ending today', () => {
		const today = studyDays(now, 4, 0, 1)[0]!;
		const n = heatmapDayCount(today.weekday);
		const days = studyDays(now, 4, -(n - 1), n);
		expect(days[0]!.weekday).toBe(0);
		const counts: number[] = days.map((_, i) => (i === n - 1 ? 8 : i % 10 === 0 ? 2 : 0));
		const map = buildHeatmap(days, counts);
		expect(map.weeks).toHaveLength(HEATMAP_WEEKS);
		const last = map.weeks[HEATMAP_WEEKS - 1]!;
		// Wednesday is today; Thursday to Sunday have not come yet.
		expect(last[2]).toEqual({ key: '2026-03-04', count: 8, level: 4 });
		expect(last.slice(3)).toEqual([null, null, null, null]);
		expect(map.weeks[0]![0]).toEqual({ key: days[0]!.key, count: 2, level: 1 });
		expect(map.total).toBe(counts.reduce((a, b) => a + b, 0));
		expect(map.activeDays).toBe(counts.filter(Boolean).length);
		expect(map.busiest?.key).toBe('2026-03-04');
	});

	it('counts the days in a row with answers, up to today or, before studying today, yesterday', () => {
		expect(dayStreak([1, 0, 3, 2, 5])).toEqual({ days: 3, includesToday: true, open: false });
		expect(dayStreak([1, 0, 3, 2, 0])).toEqual({ days: 2, includesToday: false, open: false });
		expect(dayStreak([0, 0, 0, 0, 0])).toEqual({ days: 0, includesToday: false, open: false });
		expect(dayStreak([4, 4, 4])).toEqual({ days: 3, includesToday: true, open: true });
		expect(dayStreak([1, 0, 0])).toEqual({ days: 0, includesToday: false, open: false });
	});
});

describe('the forecast', () => {
	it('counts cards by the day they fall due, overdue ones today, leaving out what is not counted', () => {
		const days = studyDays(now, 4, 0, 30);
		const state = (cardId: string, due: number) => ({ ...study(cardId, [[3, now - 40 * DAY]]).state, due });
		const states = [
			state('overdue', now - 5 * DAY),
			state('later-today', now + 2 * HOUR),
			state('tomorrow', now + DAY),
			state('in-a-week', now + 7 * DAY),
			state('suspended', now + DAY),
			state('next-year', now + 365 * DAY)
		];
		const out = dueForecast(states, days, (id) => id !== 'suspended');
		expect(out.days).toHaveLength(30);
		expect(out.days[0]).toEqual({ key: '2026-03-04', count: 2 });
		expect(out.overdue).toBe(1);
		expect(out.days[1]!.count).toBe(1);
		expect(out.days[7]!.count).toBe(1);
		expect(out.total).toBe(4);
		// 3 am on the 6th still belongs to the study day of the 5th.
		const early = dueForecast([state('x', new Date(2026, 2, 6, 3).getTime())], days, () => true);
		expect(early.days[1]!.count).toBe(1);
	});
});

describe('true retention and today', () => {
	it('is the share of answers to review cards that were not Again', () => {
		expect(trueRetention({ 1: 3, 2: 2, 3: 14, 4: 1 })).toEqual({ answers: 20, passed: 17, rate: 0.85 });
		expect(trueRetention({ 1: 0, 2: 0, 3: 0, 4: 0 }).rate).toBeNull();
		expect(percent(0.855)).toBe('86%');
		expect(percent(null)).toBe('—');
	});

	it("sums today's answers and time, leaving out made-due rows", () => {
		const a = study('a', [
			[1, now - HOUR],
			[3, now - HOUR + 60_000]
		]).log;
		const b = study('b', [[4, now - 30 * 60_000]]).log;
		const marker: ReviewRow = { ...b[0]!, id: 'm', rating: 0, durationMs: 0 };
		expect(daySummary([...a, ...b, marker])).toEqual({ answers: 3, cards: 2, timeMs: 60_000 });
		expect(formatDuration(40_000)).toBe('40 s');
		expect(formatDuration(12 * 60_000)).toBe('12 min');
		expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
	});
});

describe('recall by topic and by passage', () => {
	const strong = study('strong', [
		[3, now - 60 * DAY],
		[3, now - 60 * DAY + 10 * 60_000],
		[4, now - 50 * DAY],
		[4, now - 10 * DAY]
	]).state;
	const weak = study('weak', [[1, now - 30 * DAY]]).state;
	const states = new Map([
		['strong', strong],
		['weak', weak]
	]);

	it('gives cards seen, their mean recall now and the best finished quiz on the topic', () => {
		const quiz = (id: string, scope: string, score: number, n: number, finished = true): QuizRow => ({
			id,
			scope,
			seed: 1,
			startedAt: now - DAY,
			finishedAt: finished ? now - DAY + 60_000 : null,
			cardIds: Array.from({ length: n }, (_, i) => `c${i}`),
			answers: [],
			score
		});
		const quizzes = [
			quiz('q1', 'energy', 3, 5),
			quiz('q2', 'energy', 8, 10),
			quiz('q3', 'energy', 5, 5, false),
			quiz('q4', 'mixed', 10, 10)
		];
		const [energy, culture] = topicStats(
			[
				{ id: 'energy', title: 'Energy' },
				{ id: 'culture', title: 'Culture' }
			],
			(t) => (t === 'energy' ? ['strong', 'weak', 'never'] : ['never']),
			states,
			quizzes,
			f,
			now
		);
		expect(energy!.cards).toBe(3);
		expect(energy!.seen).toBe(2);
		const expected = (recall(f, strong, now) + recall(f, weak, now)) / 2;
		expect(energy!.recall).toBeCloseTo(expected, 10);
		expect(energy!.recall).toBeGreaterThan(0);
		expect(energy!.bestQuiz).toEqual({ score: 8, total: 10, ratio: 0.8 });
		expect(culture).toMatchObject({ seen: 0, recall: null, bestQuiz: null });
	});

	it("shades a passage by its cards' mean recall, counting cards never studied as 0", () => {
		const p = passageRecall(['strong', 'weak', 'never'], states, f, now)!;
		expect(p.cards).toBe(3);
		expect(p.studied).toBe(2);
		expect(p.recall).toBeCloseTo((recall(f, strong, now) + recall(f, weak, now)) / 3, 10);
		expect(passageRecall([], states, f, now)).toBeNull();
		const map = passagesRecall(
			[
				{ id: 'p1', cardIds: ['strong'] },
				{ id: 'p2', cardIds: [] },
				{ id: 'p3', cardIds: ['never'] }
			],
			states,
			f,
			now
		);
		expect([...map.keys()]).toEqual(['p1', 'p3']);
		expect(recallShade(map.get('p3')!)).toBe(0);
		expect(recallShade(map.get('p1')!)).toBe(map.get('p1')!.recall >= 0.9 ? 4 : 3);
		expect(recallShade({ recall: 0.3, studied: 1, cards: 2 })).toBe(1);
		expect(recallShade({ recall: 0.69, studied: 1, cards: 1 })).toBe(2);
		expect(recallShade({ recall: 0.7, studied: 1, cards: 1 })).toBe(3);
		expect(weak.state).not.toBe(State.New);
	});
});
