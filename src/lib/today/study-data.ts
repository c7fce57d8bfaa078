// This tab's own writes, applied to today's data in memory (the live query later brings the same rows).
// Each changes one card: TodayQueue.update(cardId, change) then moves that card alone in today's queue.
import type { CardFlagRow, CardStateRow, ReviewRow } from '../model.ts';
import type { StudyData } from '../db/study.ts';

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V | undefined): Map<string, V> {
	const copy = new Map(map);
	if (value === undefined) copy.delete(key);
	else copy.set(key, value);
	return copy;
}

export function withAnswer(data: StudyData, review: ReviewRow, state: CardStateRow): StudyData {
	return {
		...data,
		states: withEntry(data.states, review.cardId, state),
		reviewsToday: [...data.reviewsToday, review]
	};
}

/** `state` is the card's rebuilt state (undefined: new again), or null when the answer was already gone. */
export function withoutAnswer(
	data: StudyData,
	reviewId: string,
	cardId: string,
	state: CardStateRow | undefined | null
): StudyData {
	let unloaded = data.unloaded;
	if (state === undefined && unloaded.has(cardId)) {
		// New again: no longer one of the cards whose state was not read.
		const copy = new Set(unloaded);
		copy.delete(cardId);
		unloaded = copy;
	}
	return {
		...data,
		states: state === null ? data.states : withEntry(data.states, cardId, state),
		unloaded,
		reviewsToday: data.reviewsToday.filter((r) => r.id !== reviewId)
	};
}

export function withFlag(data: StudyData, flag: CardFlagRow): StudyData {
	return { ...data, flags: withEntry(data.flags, flag.cardId, flag) };
}

/** Whether two states of a card are the same schedule. */
export function sameState(a: CardStateRow, b: CardStateRow): boolean {
	return (Object.keys(a) as (keyof CardStateRow)[]).every((k) => a[k] === b[k]);
}
