// The review log as the optimizer reads it: each answer's card, rating and time, with the review settings in
// force. Read in pages of the primary key with bulk reads (IndexedDB's getAll): a cursor's step per answer costs a
// round trip each, many times what a bulk read of the same rows costs.
import type { SrsSettings } from '../model.ts';
import type { LogReview } from '../srs/optimize.ts';
import { getDb } from './index.ts';
import { readSettings } from './log.ts';

/** Answers read per bulk read. */
const PAGE = 50_000;

/** Every review of the log in no particular order (rating 0 rows included: the caller leaves them out), and the settings. */
export async function readHistory(
	onProgress?: (done: number, total: number) => void,
	page = PAGE
): Promise<{ reviews: LogReview[]; settings: SrsSettings }> {
	const db = getDb();
	const settings = await readSettings(db);
	const total = await db.reviews.count();
	const reviews: LogReview[] = [];
	let last: string | undefined;
	for (;;) {
		const rows = await (
			last === undefined ? db.reviews.limit(page) : db.reviews.where(':id').above(last).limit(page)
		).toArray();
		for (const r of rows) reviews.push({ cardId: r.cardId, rating: r.rating, reviewedAt: r.reviewedAt });
		onProgress?.(reviews.length, total);
		if (rows.length < page) break;
		last = rows[rows.length - 1]!.id;
	}
	return { reviews, settings };
}
