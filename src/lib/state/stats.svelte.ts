// What the stats page shows, gathered from cheap indexed reads (db/stats.ts) and pure aggregates (stats/).
import { cardById, cardsOfTopic, topics } from '$lib/deck';
import { allFlags, allStates, reviewsSince } from '$lib/db/reviews';
import { loadSettings } from '$lib/db/settings';
import { getMeta, setMeta } from '$lib/db/meta';
import {
	answersPerDay,
	daysWithAnswers,
	finishedQuizzes,
	firstReviewTime,
	reviewAnswerCounts,
	rowsBefore
} from '$lib/db/stats';
import { dayStart } from '$lib/srs/day';
import { makeScheduler } from '$lib/srs/scheduler';
import { studyDays, type StudyDay } from '$lib/stats/days';
import { dueForecast, type ForecastDay } from '$lib/stats/forecast';
import {
	buildHeatmap,
	dayStreak,
	heatmapDayCount,
	isStreakMemo,
	type Heatmap,
	type StreakMemo
} from '$lib/stats/heatmap';
import { topicStats, type TopicStat } from '$lib/stats/recall';
import { daySummary, trueRetention, type DaySummary, type Retention } from '$lib/stats/retention';

export const FORECAST_DAYS = 30;
const DAY = 86_400_000;

export interface StatsView {
	today: DaySummary;
	streak: { days: number; includesToday: boolean };
	heatmap: Heatmap;
	forecast: { days: ForecastDay[]; overdue: number; total: number };
	retention: { week: Retention; month: Retention };
	topics: TopicStat[];
}

const boundsOf = (days: readonly StudyDay[]) => [...days.map((d) => d.start), days[days.length - 1]!.end];

/** The streak memo, if the log before its end is as it was. */
async function checkedMemo(): Promise<StreakMemo | null> {
	const memo = await getMeta('streakMemo');
	return isStreakMemo(memo) && (await rowsBefore(memo.end)) === memo.rowsBefore ? memo : null;
}

/**
 * The day streak. Within the heatmap it comes from the day counts; a streak running back past them
 * continues from the memo of an earlier visit, else from the first review, looking at each older day
 * at once (whether it has an answer, not how many). The memo is then moved up to the heatmap's start.
 */
async function longStreak(
	counts: number[],
	days: readonly StudyDay[],
	at: { now: number; hour: number; first: number | null; memo: StreakMemo | null }
): Promise<{ days: number; includesToday: boolean }> {
	const { now, hour, first } = at;
	const inWindow = dayStreak(counts);
	const windowStart = days[0]!.start;
	if (!inWindow.open || first === null || first >= windowStart) return inWindow;
	const memo = at.memo?.hour === hour ? at.memo : null;
	if (memo && memo.end >= windowStart) {
		const i = days.findIndex((d) => d.start === memo.end);
		if (i >= 0) return dayStreak(counts.slice(i), memo.runDays);
	}
	// Looks at the days from `from` (a day's start) up to the heatmap; `known` days with answers precede it.
	// The rows before the heatmap are counted at the same time, for the memo.
	const probe = async (from: number, known: number) => {
		const n = Math.round((windowStart - from) / DAY);
		const gap = studyDays(now, hour, -(days.length - 1) - n, n);
		if (!n || gap[0]!.start !== from) return null;
		const [older, rows] = await Promise.all([daysWithAnswers(boundsOf(gap)), rowsBefore(windowStart)]);
		return { streak: dayStreak([...older.map(Number), ...counts], known), rows };
	};
	const found =
		(memo && memo.end < windowStart ? await probe(memo.end, memo.runDays) : null) ??
		(await probe(dayStart(first, hour), 0));
	if (!found) return inWindow;
	const { streak, rows } = found;
	const next: StreakMemo = { hour, end: windowStart, rowsBefore: rows, runDays: streak.days - inWindow.days };
	await setMeta('streakMemo', next);
	return streak;
}

export async function gatherStats(now = Date.now()): Promise<StatsView> {
	// What does not depend on the day-start hour is asked for at once, alongside the settings.
	const cardData = Promise.all([
		allStates(),
		allFlags(),
		finishedQuizzes(),
		firstReviewTime(),
		checkedMemo()
	]);
	cardData.catch(() => undefined); // awaited below; this only keeps a failure from going unheard first
	const settings = await loadSettings();
	const hour = settings.dayStartHour;
	const today = studyDays(now, hour, 0, 1)[0]!;
	const shown = heatmapDayCount(today.weekday);
	const days = studyDays(now, hour, -(shown - 1), shown);

	const [counts, todayRows, week, month, [states, flags, quizzes, first, memo]] = await Promise.all([
		answersPerDay(boundsOf(days)),
		reviewsSince(today.start),
		reviewAnswerCounts(days[shown - 7]!.start, today.end),
		reviewAnswerCounts(days[shown - 30]!.start, today.end),
		cardData
	]);
	const streak = await longStreak(counts, days, { now, hour, first, memo });

	const f = makeScheduler(settings);
	return {
		today: daySummary(todayRows),
		streak: { days: streak.days, includesToday: streak.includesToday },
		heatmap: buildHeatmap(days, counts),
		forecast: dueForecast(
			states.values(),
			studyDays(now, hour, 0, FORECAST_DAYS),
			(id) => cardById.has(id) && !flags.get(id)?.suspended
		),
		retention: { week: trueRetention(week), month: trueRetention(month) },
		topics: topicStats(topics, (t) => cardsOfTopic(t).map((c) => c.id), states, quizzes, f, now)
	};
}

export class StatsState {
	#view = $state.raw<StatsView | null>(null);
	#error = $state<string | null>(null);

	get view(): StatsView | null {
		return this.#view;
	}
	get error(): string | null {
		return this.#error;
	}

	async load(now = Date.now()): Promise<void> {
		performance.mark('stats:load');
		try {
			this.#view = await gatherStats(now);
			this.#error = null;
		} catch (e) {
			this.#error = `The statistics could not be read: ${e instanceof Error ? e.message : String(e)}`;
		}
	}
}
