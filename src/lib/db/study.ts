// What today's review is built from, read in one transaction so that the parts agree.
import { dayStart } from '../srs/day.ts';
import type { SrsSettings } from '../srs/settings.ts';
import { getDb, type CardFlagRow, type CardStateRow, type ReviewRow } from './index.ts';
import { loadSettings } from './settings.ts';

export interface StudyData {
	settings: SrsSettings;
	states: ReadonlyMap<string, CardStateRow>;
	flags: ReadonlyMap<string, CardFlagRow>;
	/** The answers given since `since` (rating 0 rows included). */
	reviewsToday: readonly ReviewRow[];
	/** Start of the study day these data are for. */
	since: number;
}

export async function loadStudyData(now: number): Promise<StudyData> {
	const db = getDb();
	return db.transaction('r', [db.settings, db.cardStates, db.cardFlags, db.reviews], async () => {
		const settings = await loadSettings();
		const since = dayStart(now, settings.dayStartHour);
		const states = await db.cardStates.toArray();
		const flags = await db.cardFlags.toArray();
		const reviewsToday = await db.reviews.where('reviewedAt').aboveOrEqual(since).toArray();
		return {
			settings,
			states: new Map(states.map((r) => [r.cardId, r])),
			flags: new Map(flags.map((r) => [r.cardId, r])),
			reviewsToday,
			since
		};
	});
}
