// Rows stored under the id of a card that another card now replaces (content `replaces`, deck/renames.ts) move
// to the new card as the database opens, before anything reads it. Looking costs a few index reads; the work
// itself (remap.ts, with the scheduler) is loaded only when there is something to move, which happens once after
// the deck changes (or after a tab of an older version wrote under an old id).
import type { StudyDatabase } from './schema.ts';

/** True when any review, card state, flag or quiz is stored under one of the old ids. */
export async function hasRowsUnder(db: StudyDatabase, oldIds: readonly string[]): Promise<boolean> {
	return db.transaction('r', [db.reviews, db.cardStates, db.cardFlags, db.quizzes], async () => {
		const counts = await Promise.all([
			db.reviews.where('cardId').anyOf(oldIds).count(),
			db.cardStates.where('cardId').anyOf(oldIds).count(),
			db.cardFlags.where('cardId').anyOf(oldIds).count(),
			db.quizzes.where('cardIds').anyOf(oldIds).count()
		]);
		return counts.some((n) => n > 0);
	});
}

/**
 * Run as the database opens (index.ts): moves the rows of replaced cards, if there are any. Nothing to wait for
 * when the deck replaces no card. A failure changes nothing (one transaction), is tried again on the next
 * opening, and never keeps the database from opening.
 */
export function renameOnOpen(
	db: StudyDatabase,
	renames: ReadonlyMap<string, string>
): Promise<number> | undefined {
	if (!renames.size) return undefined;
	return hasRowsUnder(db, [...renames.keys()])
		.then((found) => (found ? import('./remap.ts').then((m) => m.remapCards(db, renames)) : 0))
		.catch((error: unknown) => {
			console.error('Progress of renamed cards could not be moved to their new ids', error);
			return 0;
		});
}
