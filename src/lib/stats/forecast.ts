// Cards falling due over the coming study days, from the card states.
import type { CardStateRow } from '../model.ts';
import type { StudyDay } from './days.ts';

export interface ForecastDay {
	key: string;
	count: number;
}

/**
 * How many cards fall due on each of `days` (today first). Today's count includes cards already
 * overdue, which are also given apart. Only the cards `counts` accepts are counted (in the deck, not suspended).
 */
export function dueForecast(
	states: Iterable<CardStateRow>,
	days: readonly StudyDay[],
	counts: (cardId: string) => boolean
): { days: ForecastDay[]; overdue: number; total: number } {
	const out = days.map((d) => ({ key: d.key, count: 0 }));
	let overdue = 0;
	let total = 0;
	const first = days[0];
	if (!first) return { days: out, overdue, total };
	for (const s of states) {
		if (!counts(s.cardId)) continue;
		if (s.due < first.start) {
			overdue++;
			out[0]!.count++;
			total++;
			continue;
		}
		const i = dayIndex(days, s.due);
		if (i >= 0) {
			out[i]!.count++;
			total++;
		}
	}
	return { days: out, overdue, total };
}

function dayIndex(days: readonly StudyDay[], time: number): number {
	let lo = 0;
	let hi = days.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const d = days[mid]!;
		if (time < d.start) hi = mid - 1;
		else if (time >= d.end) lo = mid + 1;
		else return mid;
	}
	return -1;
}
