// When the home page suggests a backup: after a week of studying without one, once.
export const REMIND_AFTER_MS = 7 * 86_400_000;

export interface ReminderFacts {
	now: number;
	/** When progress was last exported, if ever. */
	lastBackupAt: number | null;
	/** The first review since that backup (since ever, with none), if any. */
	firstReviewSinceBackup: number | null;
	/** When the learner last dismissed the suggestion, if ever. */
	dismissedAt: number | null;
}

/**
 * True when the learner has reviewed for a week or more since the last backup and has not already
 * dismissed the suggestion since then: a backup (or a dismissal) quiets it until the next week without one.
 */
export function shouldSuggestBackup(f: ReminderFacts): boolean {
	if (f.firstReviewSinceBackup === null) return false;
	if (f.now - f.firstReviewSinceBackup < REMIND_AFTER_MS) return false;
	const dismissedSinceBackup = f.dismissedAt !== null && f.dismissedAt > (f.lastBackupAt ?? -Infinity);
	return !dismissedSinceBackup;
}
