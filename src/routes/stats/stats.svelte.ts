// What the stats page shows, gathered from cheap indexed reads (db/stats.ts) and pure aggregates (stats/).
// The page is ready without the heatmap, which reads a half-year of answer counts and comes afterwards.
import { errorText } from '$lib/errors.ts';
import { allFlags, allStates, reviewsSince } from '$lib/db/reviews.ts';
import { loadSettings } from '$lib/db/settings.ts';
import { cardIdSet, cardIdsByTopic, deckSummary } from '$lib/deck/summary.ts';
import { finishedQuizzes } from '$lib/db/quizzes.ts';
import { answersPerDay, dayStreakBack, reviewAnswerCounts } from '$lib/db/stats.ts';
import { makeScheduler } from '$lib/srs/scheduler.ts';
import { studyDays } from '$lib/stats/days.ts';
import { dueForecast, type ForecastDay } from '$lib/stats/forecast.ts';
import { buildHeatmap, heatmapDayCount, type Heatmap } from '$lib/stats/heatmap.ts';
import { topicStats, type TopicStat } from '$lib/stats/recall.ts';
import {
	addCounts,
	daySummary,
	trueRetention,
	type DaySummary,
	type Retention
} from '$lib/stats/retention.ts';

export const FORECAST_DAYS = 30;

export interface StatsView {
	today: DaySummary;
	streak: { days: number; includesToday: boolean };
	forecast: { days: ForecastDay[]; overdue: number; total: number };
	retention: { week: Retention; month: Retention };
	topics: TopicStat[];
}

export async function gatherStats(now = Date.now()): Promise<StatsView> {
	// What does not depend on the day-start hour is asked for at once, alongside the settings.
	// The deck's summary (topics and card ids) is enough here: no card's text is needed.
	const cardData = Promise.all([allStates(), allFlags(), finishedQuizzes(), deckSummary()]);
	cardData.catch(() => undefined); // awaited below; this only keeps a failure from going unheard first
	const settings = await loadSettings();
	const hour = settings.dayStartHour;
	const today = studyDays(now, hour, 0, 1)[0]!;
	const weekStart = studyDays(now, hour, -6, 1)[0]!.start;
	const monthStart = studyDays(now, hour, -29, 1)[0]!.start;

	// The month's answers are the week's and those of the 23 days before it: each row is counted once.
	const [streak, todayRows, week, monthBefore, [states, flags, quizzes, deck]] = await Promise.all([
		dayStreakBack(now, hour),
		reviewsSince(today.start),
		reviewAnswerCounts(weekStart, today.end),
		reviewAnswerCounts(monthStart, weekStart),
		cardData
	]);
	const month = addCounts(week, monthBefore);

	const f = makeScheduler(settings);
	const inDeck = cardIdSet(deck);
	const cardsOfTopic = cardIdsByTopic(deck);
	return {
		today: daySummary(todayRows),
		streak,
		forecast: dueForecast(
			states.values(),
			studyDays(now, hour, 0, FORECAST_DAYS),
			(id) => inDeck.has(id) && !flags.get(id)?.suspended
		),
		retention: { week: trueRetention(week), month: trueRetention(month) },
		topics: topicStats(deck.topics, (t) => cardsOfTopic.get(t) ?? [], states, quizzes, f, now)
	};
}

/**
 * The heatmap: answers per study day over the last 26 weeks, from the answer counts kept beside the log (a row
 * per day, in one read).
 */
export async function gatherHeatmap(now = Date.now()): Promise<Heatmap> {
	const { dayStartHour: hour } = await loadSettings();
	const today = studyDays(now, hour, 0, 1)[0]!;
	const shown = heatmapDayCount(today.weekday);
	const days = studyDays(now, hour, -(shown - 1), shown);
	const counts = await answersPerDay([...days.map((d) => d.start), today.end]);
	return buildHeatmap(days, counts);
}

export class StatsState {
	#view = $state.raw<StatsView | null>(null);
	#heatmap = $state.raw<Heatmap | null>(null);
	/** Whether the heatmap is being counted (again, after an import: the one shown stays until then). */
	#counting = $state(false);
	#error = $state<string | null>(null);
	#heatmapError = $state<string | null>(null);
	#loads = 0;

	get view(): StatsView | null {
		return this.#view;
	}
	get heatmap(): Heatmap | null {
		return this.#heatmap;
	}
	get counting(): boolean {
		return this.#counting;
	}
	get error(): string | null {
		return this.#error;
	}
	get heatmapError(): string | null {
		return this.#heatmapError;
	}

	/**
	 * Reads the page's figures, then (once `ready` has resolved: the page painted them) the heatmap.
	 * A later load makes an earlier one's heatmap moot.
	 */
	async load(now = Date.now(), ready: () => Promise<void> = () => Promise.resolve()): Promise<void> {
		performance.mark('stats:load');
		const load = ++this.#loads;
		this.#counting = true;
		try {
			this.#view = await gatherStats(now);
			this.#error = null;
		} catch (e) {
			this.#error = `The statistics could not be read: ${errorText(e)}`;
			if (load === this.#loads) this.#counting = false;
			return;
		}
		await ready();
		if (load !== this.#loads) return;
		try {
			const heatmap = await gatherHeatmap(now);
			if (load !== this.#loads) return;
			this.#heatmap = heatmap;
			this.#heatmapError = null;
		} catch (e) {
			if (load === this.#loads)
				this.#heatmapError = `The answers per day could not be counted: ${errorText(e)}`;
		} finally {
			if (load === this.#loads) this.#counting = false;
		}
	}
}
