// Writing the answers the journal noted whose writes were cut off (journal.ts), while the database opens and
// before anything else reads it (`db` is Dexie's VIP instance for that). Loaded only when there are such notes, which is rare: the code stays out of the screens' first download. Imports nothing from the
// journal, so that the journal stays in the chunk of the screens that use it.
import type { PendingAnswer } from '../model.ts';
import { makeScheduler } from '../srs/scheduler.ts';
import { readSettings, replayCard } from './log.ts';
import type { StudyDatabase } from './schema.ts';

/**
 * Writes an answer noted in the journal whose write was cut off (journal.ts). The card's log is replayed with
 * it in its place by time, so answers given to the card since still follow it. False when it is in the log.
 */
export async function restoreAnswer(db: StudyDatabase, answer: PendingAnswer): Promise<boolean> {
	const f = makeScheduler(await readSettings(db));
	return db.transaction('rw', db.reviews, db.cardStates, async () => {
		if (await db.reviews.get(answer.id)) return false;
		const replayed = await replayCard(db, f, answer.cardId, [
			{ id: answer.id, rating: answer.rating, reviewedAt: answer.now, durationMs: answer.durationMs }
		]);
		const row = replayed?.rows.find((r) => r.id === answer.id);
		if (!row) throw new Error(`the answer to ${answer.cardId} could not be replayed`);
		await db.reviews.add(row);
		return true;
	});
}

/**
 * Writes each note's answer unless it is in the log, then forgets the note; a note that cannot be written is
 * kept for the next page load. Resolves to how many answers were written.
 */
export async function writeAnswers(
	db: StudyDatabase,
	notes: readonly PendingAnswer[],
	forget: (id: string) => void
): Promise<number> {
	let written = 0;
	for (const answer of notes) {
		try {
			if (await restoreAnswer(db, answer)) written++;
			forget(answer.id);
		} catch {
			// Kept in the journal: the next page load tries again.
		}
	}
	return written;
}
