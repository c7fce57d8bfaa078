// A card's review log and the state it gives, inside the caller's transaction. The database is passed in and
// nothing here imports index.ts, so the code that runs while the database opens (recover.ts) can use it too.
import type { CardStateRow, ReviewRow } from '../model.ts';
import { makeScheduler, replayLog, type ReplayReview } from '../srs/scheduler.ts';
import type { StudyDatabase } from './schema.ts';

// The review settings' row, apart so that today's reads need no scheduler; kept here for the modules that read both.
export {
	loadValidator,
	readSettings,
	settingsOf,
	SRS_SETTINGS_KEY,
	type SettingsValidator
} from './settings-row.ts';

type Scheduler = ReturnType<typeof makeScheduler>;

/**
 * Replays a card's stored log, with `added` reviews not yet stored, and writes the state it gives (deleting it
 * when the log is empty). Returns the replay: the state and the whole log as rows, in time order.
 */
export async function replayCard(
	db: StudyDatabase,
	f: Scheduler,
	cardId: string,
	added: readonly ReplayReview[] = []
): Promise<{ state: CardStateRow; rows: ReviewRow[] } | undefined> {
	const log = await db.reviews.where('cardId').equals(cardId).toArray();
	const replayed = replayLog(f, cardId, added.length ? [...log, ...added] : log);
	if (replayed) await db.cardStates.put(replayed.state);
	else await db.cardStates.delete(cardId);
	return replayed;
}

/** What ts-fsrs logged with an answer: two rows of one answer agree on all of it after a faithful replay. */
const LOGGED = [
	'state',
	'due',
	'stability',
	'difficulty',
	'elapsedDays',
	'lastElapsedDays',
	'scheduledDays',
	'learningSteps'
] as const;
export const sameLog = (a: ReviewRow, b: ReviewRow): boolean => LOGGED.every((key) => a[key] === b[key]);
