import type { SrsSettings } from '../model.ts';
import type { SettingsErrors } from '../srs/settings.ts';
import { getDb } from './index.ts';
import { loadValidator, readSettings, SRS_SETTINGS_KEY as KEY } from './log.ts';
import { rebuildAllStates } from './reviews.ts';

/** The saved review settings, or the defaults (see readSettings). */
export function loadSettings(): Promise<SrsSettings> {
	return readSettings(getDb());
}

export type SaveResult =
	{ ok: true; settings: SrsSettings; rescheduled: number | null } | { ok: false; errors: SettingsErrors };

/**
 * Saves settings after validating every field; with any error nothing is saved. With `reschedule`, every
 * studied card's state is rebuilt from the review log under the new settings in the same transaction, so the
 * due dates already given follow the new retention, steps and maximum interval (`rescheduled` counts the
 * cards); without it the new settings apply from each card's next answer.
 */
export async function saveSettings(
	input: unknown,
	options: { reschedule?: boolean } = {}
): Promise<SaveResult> {
	const db = getDb();
	const checked = (await loadValidator())(input);
	if (!checked.ok) return checked;
	const settings = checked.settings;
	if (!options.reschedule) {
		await db.settings.put({ key: KEY, value: settings });
		return { ok: true, settings, rescheduled: null };
	}
	return db.transaction('rw', db.settings, db.reviews, db.cardStates, async () => {
		await db.settings.put({ key: KEY, value: settings });
		const rescheduled = await rebuildAllStates(settings);
		return { ok: true as const, settings, rescheduled };
	});
}
