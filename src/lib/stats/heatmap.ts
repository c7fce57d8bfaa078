// The calendar heatmap: answers per study day over the last 26 weeks, laid out in weeks (Monday first).
import type { StudyDay } from './days.ts';

export const HEATMAP_WEEKS = 26;

/** How many days the heatmap shows: whole weeks back to a Monday, ending today. */
export function heatmapDayCount(todayWeekday: number): number {
	return (HEATMAP_WEEKS - 1) * 7 + todayWeekday + 1;
}

export interface HeatCell {
	key: string;
	count: number;
	/** 0 for no answers, then 1–4 by quarters of the busiest day. */
	level: 0 | 1 | 2 | 3 | 4;
}

export interface Heatmap {
	/** Columns of seven days, Monday first; null after today. */
	weeks: (HeatCell | null)[][];
	total: number;
	activeDays: number;
	busiest: HeatCell | null;
}

/** Lays out daily counts (oldest first, the first day a Monday) as weeks of seven. */
export function buildHeatmap(days: readonly StudyDay[], counts: readonly number[]): Heatmap {
	const max = Math.max(0, ...counts);
	const weeks: (HeatCell | null)[][] = [];
	let busiest: HeatCell | null = null;
	let total = 0;
	let activeDays = 0;
	days.forEach((day, i) => {
		const count = counts[i] ?? 0;
		const level = count === 0 ? 0 : (Math.min(4, Math.ceil((count / max) * 4)) as 1 | 2 | 3 | 4);
		const cell: HeatCell = { key: day.key, count, level };
		if (i % 7 === 0) weeks.push([]);
		weeks[weeks.length - 1]!.push(cell);
		total += count;
		if (count) activeDays++;
		if (count && (!busiest || count > busiest.count)) busiest = cell;
	});
	const last = weeks[weeks.length - 1];
	while (last && last.length < 7) last.push(null);
	return { weeks, total, activeDays, busiest };
}

/**
 * The day streak: study days in a row with at least one answer, up to today. A day not yet studied
 * today does not break it (it counts up to yesterday). `open` means it runs back to the first day
 * given, so older days may lengthen it: `before` is the run of days known to have answers just
 * before the first day given.
 */
export function dayStreak(
	countsOldestFirst: readonly number[],
	before = 0
): { days: number; includesToday: boolean; open: boolean } {
	let i = countsOldestFirst.length - 1;
	const includesToday = (countsOldestFirst[i] ?? 0) > 0;
	if (!includesToday) i--;
	let days = 0;
	while (i >= 0 && countsOldestFirst[i]! > 0) {
		days++;
		i--;
	}
	const open = i < 0;
	return { days: open ? days + before : days, includesToday, open };
}
