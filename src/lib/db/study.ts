// What today's review is built from, read in one transaction so that the parts agree. Only what today needs
// is read: a collection's states are mostly review cards due weeks ahead, and reading them all would cost
// each opening of the review as much as the whole collection.
import type { CardFlagRow, CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import { nextDayStart, dayStart } from '../srs/day.ts';
import { isActive } from '../srs/queue.ts';
import { State } from '../srs/state.ts';
import { getDb } from './index.ts';
import { measureSince } from '../perf.ts';
import { loadValidator, settingsOf, SRS_SETTINGS_KEY } from './settings-row.ts';

export interface StudyData {
	settings: SrsSettings;
	/**
	 * The states today's queue needs: cards due before the end of the study day, cards that are new or in
	 * (re)learning whenever due, and the first card shown that falls due after today (for "next due"),
	 * with any rows due before it (those the queue leaves out).
	 */
	states: ReadonlyMap<string, CardStateRow>;
	/** The cards with a state not read (review cards due after today): they are not new. */
	unloaded: ReadonlySet<string>;
	flags: ReadonlyMap<string, CardFlagRow>;
	/** The answers given since `since` (rating 0 rows included). */
	reviewsToday: readonly ReviewRow[];
	/** Start of the study day these data are for. */
	since: number;
}

/**
 * Reads today's data at `now`. `shown` tells the cards the queue shows (the deck): the first card due after
 * today is looked for among them, so that cards no longer in the deck do not count.
 */
export async function loadStudyData(
	now: number,
	shown: (cardId: string) => boolean = () => true
): Promise<StudyData> {
	const db = getDb();
	// The settings' validator is not in the review screen's first JavaScript, and a transaction cannot wait for
	// it: it is loaded first (prepareStudyData starts it early), then the settings are read with the rest. A
	// change of settings in another tab is followed by a new read.
	const started = performance.now();
	const validate = await loadValidator();
	measureSince('study:validator', started);
	const reading = performance.now();
	const data = await db.transaction(
		'r',
		[db.settings, db.cardStates, db.cardFlags, db.reviews, db.cardSet],
		async () => {
			const settings = settingsOf(await db.settings.get(SRS_SETTINGS_KEY), validate);
			const since = dayStart(now, settings.dayStartHour);
			const endOfDay = nextDayStart(now, settings.dayStartHour);
			const [flagRows, due, unfinished, withState, reviewsToday] = await Promise.all([
				db.cardFlags.toArray(),
				db.cardStates.where('due').below(endOfDay).toArray(),
				db.cardStates.where('state').anyOf(State.New, State.Learning, State.Relearning).toArray(),
				// The ids of the cards with a state, from the few rows of the card set (db/card-set.ts).
				db.cardSet.toArray(),
				db.reviews.where('reviewedAt').aboveOrEqual(since).toArray()
			]);
			const flags = new Map(flagRows.map((r) => [r.cardId, r]));
			const states = new Map<string, CardStateRow>();
			for (const r of due) states.set(r.cardId, r);
			for (const r of unfinished) states.set(r.cardId, r);
			// The next card due after today, of those the queue counts: through the `due` index from the end of
			// the day on, up to the first card shown, with no flag that could keep it out today (usually the first
			// row). The rows before it (new, out of the deck, suspended or buried) are kept too: a burial may end
			// later today, and that card then counts.
			const counts = (r: CardStateRow) => {
				const flag = flags.get(r.cardId);
				return r.state !== State.New && shown(r.cardId) && isActive(flag, now) && !flag?.buriedUntil;
			};
			const after = await db.cardStates.where('due').aboveOrEqual(endOfDay).until(counts, true).toArray();
			for (const r of after) states.set(r.cardId, r);
			const unloaded = new Set<string>();
			for (const row of withState) for (const id of row.ids) if (!states.has(id)) unloaded.add(id);
			return { settings, states, unloaded, flags, reviewsToday, since };
		}
	);
	// The day's reads, from the transaction's start (which waits for the database to open): `study:read`.
	measureSince('study:read', reading);
	return data;
}

/**
 * Starts what today's first read waits for: opening the database (with its recovery of answers a reload cut off)
 * and loading the settings' validator. Called as a screen's code loads, while the deck is fetched.
 */
export function prepareStudyData(): void {
	getDb();
	void loadValidator().catch(() => {});
}
