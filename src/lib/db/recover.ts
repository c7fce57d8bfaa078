// Writing the answers the journal noted whose writes were cut off (journal.ts), while the database opens and
// before anything else reads it (`db` is Dexie's VIP instance for that). Loaded only when there are such notes, which is rare: the code stays out of the screens' first download. Imports nothing from the
// journal, so that the journal stays in the chunk of the screens that use it.
import type { PendingAnswer } from '../model.ts';
import { balancing } from '../srs/balance.ts';
import { becameLeech } from '../srs/leech.ts';
import { makeScheduler } from '../srs/scheduler.ts';
import { balancedState, readSettings, replayCard } from './log.ts';
import type { StudyDatabase } from './schema.ts';

/**
 * Writes an answer noted in the journal whose write was cut off (journal.ts), under the rules answering follows
 * (reviews.ts, answerCard). The card's log is replayed with it in its place by time, so answers given to the card
 * since still follow it; when it is the card's last answer, the load balancer places its review. When it makes the
 * card a leech (one lapse more, reaching the 8th or a 4th after), the card is suspended, if the settings say so.
 * False when it is in the log.
 */
export async function restoreAnswer(db: StudyDatabase, answer: PendingAnswer): Promise<boolean> {
	const settings = await readSettings(db);
	const f = makeScheduler(settings);
	return db.transaction('rw', db.reviews, db.cardStates, db.cardFlags, async () => {
		if (await db.reviews.get(answer.id)) return false;
		const before = await db.cardStates.get(answer.cardId);
		const replayed = await replayCard(db, f, answer.cardId, [
			{ id: answer.id, rating: answer.rating, reviewedAt: answer.now, durationMs: answer.durationMs }
		]);
		const row = replayed?.rows.find((r) => r.id === answer.id);
		if (!replayed || !row) throw new Error(`the answer to ${answer.cardId} could not be replayed`);
		let state = replayed.state;
		if (replayed.rows[replayed.rows.length - 1] === row && balancing(settings)) {
			const moved = await balancedState(db, settings, state, row);
			if (moved.due !== state.due) {
				row.scheduledDue = moved.due;
				state = moved;
				await db.cardStates.put(state);
			}
		}
		await db.reviews.add(row);
		if (settings.leechAction === 'suspend' && becameLeech(before, state)) {
			const flag = await db.cardFlags.get(answer.cardId);
			await db.cardFlags.put({
				cardId: answer.cardId,
				buriedUntil: 0,
				...flag,
				suspended: true,
				updatedAt: Date.now()
			});
		}
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
