// A card's review log and the state it gives, inside the caller's transaction. The database is passed in and
// nothing here imports index.ts, so the code that runs while the database opens (recover.ts) can use it too.
import type { CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import { makeScheduler, replayLog, type ReplayReview } from '../srs/scheduler.ts';
import { balanceState, fuzzRange, rangeDays } from '../srs/balance.ts';
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
 * when the log is empty). Returns the replay: the state and the whole log as rows, in time order. `recompute`:
 * as a Reschedule, without the days the load balancer chose (scheduler.ts, replayLog).
 */
export async function replayCard(
	db: StudyDatabase,
	f: Scheduler,
	cardId: string,
	added: readonly ReplayReview[] = [],
	options: { recompute?: boolean } = {}
): Promise<{ state: CardStateRow; rows: ReviewRow[] } | undefined> {
	const log = await db.reviews.where('cardId').equals(cardId).toArray();
	const replayed = replayLog(f, cardId, added.length ? [...log, ...added] : log, options);
	if (replayed) await db.cardStates.put(replayed.state);
	else await db.cardStates.delete(cardId);
	return replayed;
}

/**
 * The state after an answer (`review`) with its review moved by the load balancer and easy days, when they move
 * it (srs/balance.ts): the days of its fuzz range are counted from the `due` index of the card states, inside the
 * caller's transaction. Call only when `balancing(settings)`.
 */
export async function balancedState(
	db: StudyDatabase,
	settings: SrsSettings,
	state: CardStateRow,
	review: ReviewRow
): Promise<CardStateRow> {
	const plain = makeScheduler({ ...settings, fuzz: false });
	const range = fuzzRange(state, review.elapsedDays, plain, settings.maximumInterval);
	if (!range) return state;
	const days = rangeDays(range, review.reviewedAt, settings.dayStartHour);
	const dueTimes: number[] = [];
	// The due times alone, from the index: the days' counts cost the cards due in these few days.
	await db.cardStates
		.where('due')
		.between(days[0]!, days[days.length - 1]!, true, false)
		.eachKey((due, cursor) => {
			if (cursor.primaryKey !== state.cardId) dueTimes.push(due as number);
		});
	return balanceState(state, range, review.reviewedAt, settings, dueTimes);
}

/**
 * What ts-fsrs logged with an answer, and the day the load balancer chose: two rows of one answer agree on all
 * of it after a faithful replay.
 */
const LOGGED = [
	'state',
	'due',
	'stability',
	'difficulty',
	'elapsedDays',
	'lastElapsedDays',
	'scheduledDays',
	'learningSteps',
	'scheduledDue'
] as const;
export const sameLog = (a: ReviewRow, b: ReviewRow): boolean => LOGGED.every((key) => a[key] === b[key]);
