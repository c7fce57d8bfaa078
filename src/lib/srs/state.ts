// The states of a card's schedule, numbered as ts-fsrs numbers them, for the code that only tells them apart
// (today's queue, a card's status): it runs without loading the scheduler (scheduler.ts).
import type { State as FsrsState } from 'ts-fsrs';

export const State = {
	New: 0,
	Learning: 1,
	Review: 2,
	Relearning: 3
} as const satisfies Record<string, FsrsState>;
