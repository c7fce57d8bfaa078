// The review log as the optimizer reads it: each answer's card, rating and time, read in card order through
// the `[cardId+reviewedAt]` index, with the review settings in force.
import type { SrsSettings } from '../model.ts';
import type { LogReview } from '../srs/optimize.ts';
import { getDb } from './index.ts';
import { readSettings } from './log.ts';

/** Every review of the log (rating 0 rows included: the caller leaves them out), and the settings. */
export async function readHistory(
	onProgress?: (done: number, total: number) => void
): Promise<{ reviews: LogReview[]; settings: SrsSettings }> {
	const db = getDb();
	const settings = await readSettings(db);
	const total = await db.reviews.count();
	const reviews: LogReview[] = [];
	await db.reviews.orderBy('[cardId+reviewedAt]').each((r) => {
		reviews.push({ cardId: r.cardId, rating: r.rating, reviewedAt: r.reviewedAt });
		if (reviews.length % 10_000 === 0) onProgress?.(reviews.length, total);
	});
	onProgress?.(reviews.length, total);
	return { reviews, settings };
}
