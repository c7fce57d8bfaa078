// What the stats page shows, gathered from cheap indexed reads (db/stats.ts) and pure aggregates (stats/).
import { cardById, cardsOfTopic, topics } from '$lib/deck';
import { allFlags, allStates, reviewsSince } from '$lib/db/reviews';
import { loadSettings } from '$lib/db/settings';
import { answersPerDay, finishedQuizzes, firstReviewTime, reviewAnswerCounts } from '$lib/db/stats';
import { makeScheduler } from '$lib/srs/scheduler';
import { studyDays, type StudyDay } from '$lib/stats/days';
import { dueForecast, type ForecastDay } from '$lib/stats/forecast';
import { buildHeatmap, dayStreak, heatmapDayCount, type Heatmap } from '$lib/stats/heatmap';
import { topicStats, type TopicStat } from '$lib/stats/recall';
import { daySummary, trueRetention, type DaySummary, type Retention } from '$lib/stats/retention';

export const FORECAST_DAYS = 30;

export interface StatsView {
	today: DaySummary;
	streak: { days: number; includesToday: boolean };
	heatmap: Heatmap;
	forecast: { days: ForecastDay[]; overdue: number; total: number };
	retention: { week: Retention; month: Retention };
	topics: TopicStat[];
}

const boundsOf = (days: readonly StudyDay[]) => [...days.map((d) => d.start), days[days.length - 1]!.end];

export async function gatherStats(now = Date.now()): Promise<StatsView> {
	const settings = await loadSettings();
	const hour = settings.dayStartHour;
	const today = studyDays(now, hour, 0, 1)[0]!;
	const shown = heatmapDayCount(today.weekday);
	const days = studyDays(now, hour, -(shown - 1), shown);

	const [counts, todayRows, week, month, states, flags, quizzes, first] = await Promise.all([
		answersPerDay(boundsOf(days)),
		reviewsSince(today.start),
		reviewAnswerCounts(days[shown - 7]!.start, today.end),
		reviewAnswerCounts(days[shown - 30]!.start, today.end),
		allStates(),
		allFlags(),
		finishedQuizzes(),
		firstReviewTime()
	]);

	// The streak may run back past the heatmap: count older days, half a year at a time, while it does.
	let streakCounts = counts;
	let streak = dayStreak(streakCounts);
	let offset = -(shown - 1);
	while (streak.open && first !== null && first < studyDays(now, hour, offset, 1)[0]!.start) {
		offset -= 182;
		const older = await answersPerDay(boundsOf(studyDays(now, hour, offset, 182)));
		streakCounts = [...older, ...streakCounts];
		streak = dayStreak(streakCounts);
	}

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
		try {
			this.#view = await gatherStats(now);
			this.#error = null;
		} catch (e) {
			this.#error = `The statistics could not be read: ${e instanceof Error ? e.message : String(e)}`;
		}
	}
}
