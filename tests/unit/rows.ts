// A review row for unit tests: an answer in the review state with the values a review logs, due when given.
import type { ReviewRow } from '../../src/lib/model.ts';

export function reviewRow(
	id: string,
	cardId: string,
	rating: ReviewRow['rating'],
	reviewedAt: number,
	durationMs = 1000
): ReviewRow {
	return {
		id,
		cardId,
		rating,
		reviewedAt,
		durationMs,
		state: 2,
		due: reviewedAt,
		stability: 3,
		difficulty: 5,
		elapsedDays: 1,
		lastElapsedDays: 1,
		scheduledDays: 2,
		learningSteps: 0
	};
}
