// Moving a learner's rows from the ids of replaced cards to the card that replaces them (renames.ts decides when).
// Imports nothing from index.ts, so that it can run while the database opens.
import { makeScheduler } from '../srs/scheduler.ts';
import { currentId, mergeFlags, renameQuiz } from '../deck/renames.ts';
import { readSettings, replayCard, sameLog } from './log.ts';
import type { StudyDatabase } from './schema.ts';

/**
 * In one transaction: reviews under an old id take the new card's id; each new card's state is rebuilt by
 * replaying its merged log (db/log.ts, replayCard), and the logged fields of its reviews follow that replay;
 * flags merge (the most recently changed one is kept); quizzes name the new card. Old ids' states and flags go.
 * Running it again finds nothing to move: it is safe in two tabs at once. Returns how many cards were rebuilt.
 */
export async function remapCards(db: StudyDatabase, renames: ReadonlyMap<string, string>): Promise<number> {
	const oldIds = [...renames.keys()];
	if (!oldIds.length) return 0;
	// Read before the transaction: a transaction that waits for anything but the database ends.
	const f = makeScheduler(await readSettings(db));
	return db.transaction('rw', [db.reviews, db.cardStates, db.cardFlags, db.quizzes], async () => {
		const moved = await db.reviews.where('cardId').anyOf(oldIds).toArray();
		const oldStates = (await db.cardStates.where('cardId').anyOf(oldIds).primaryKeys()) as string[];
		const oldFlags = await db.cardFlags.where('cardId').anyOf(oldIds).toArray();
		const quizzes = await db.quizzes.where('cardIds').anyOf(oldIds).distinct().toArray();

		const rebuilt = new Set<string>();
		for (const id of [...moved.map((r) => r.cardId), ...oldStates]) rebuilt.add(currentId(renames, id));
		await db.reviews.bulkPut(moved.map((r) => ({ ...r, cardId: currentId(renames, r.cardId) })));
		await db.cardStates.bulkDelete(oldStates);
		for (const cardId of rebuilt) {
			const before = new Map(
				(await db.reviews.where('cardId').equals(cardId).toArray()).map((r) => [r.id, r])
			);
			const replayed = await replayCard(db, f, cardId);
			const changed = (replayed?.rows ?? []).filter((row) => {
				const stored = before.get(row.id);
				return stored && !sameLog(stored, row);
			});
			await db.reviews.bulkPut(changed);
		}

		if (oldFlags.length) {
			const newIds = [...new Set(oldFlags.map((f) => currentId(renames, f.cardId)))];
			const current = (await db.cardFlags.bulkGet(newIds)).filter((f) => f !== undefined);
			await db.cardFlags.bulkDelete(oldFlags.map((f) => f.cardId));
			await db.cardFlags.bulkPut(mergeFlags(renames, [...current, ...oldFlags]));
		}

		const renamed = quizzes.flatMap((q) => renameQuiz(renames, q) ?? []);
		await db.quizzes.bulkPut(renamed);
		return rebuilt.size;
	});
}
