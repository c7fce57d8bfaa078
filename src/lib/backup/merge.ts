// How a backup merges into what this browser has. Pure: db/backup.ts reads the local side and writes the plan.
// Reviews and quizzes are sets by id, so importing a file twice, or files from two devices, loses
// nothing and repeats nothing; card flags keep the newer change; local settings are kept.
import type { CardFlagRow, QuizRow, SettingRow } from '../model.ts';
import type { CheckedBackup, FileReview } from './format.ts';
import { currentId, mergeFlags, renameQuiz } from '../deck/renames.ts';

export interface LocalSide {
	reviewIds: ReadonlySet<string>;
	flags: ReadonlyMap<string, CardFlagRow>;
	quizzes: ReadonlyMap<string, QuizRow>;
	settingKeys: ReadonlySet<string>;
}

export interface MergePlan {
	/** Reviews not here yet: whole rows (version 1), or compact ones whose logged fields the replay fills in. */
	reviews: FileReview[];
	flags: CardFlagRow[];
	quizzes: QuizRow[];
	settings: SettingRow[];
	/** Reviews in the file that were already here. */
	reviewsKnown: number;
}

export function planMerge(backup: CheckedBackup, local: LocalSide): MergePlan {
	const reviews = backup.reviews.filter((r) => !local.reviewIds.has(r.id));
	const flags = backup.cardFlags.filter((f) => {
		const mine = local.flags.get(f.cardId);
		return !mine || f.updatedAt > mine.updatedAt;
	});
	// A quiz already here stays, unless the file has it finished and here it is still under way.
	const quizzes = backup.quizzes.filter((q) => {
		const mine = local.quizzes.get(q.id);
		return !mine || (mine.finishedAt === null && q.finishedAt !== null);
	});
	const settings: SettingRow[] = [];
	for (const [key, value] of Object.entries(backup.settings)) {
		if (value !== undefined && !local.settingKeys.has(key)) settings.push({ key, value });
	}
	return { reviews, flags, quizzes, settings, reviewsKnown: backup.reviews.length - reviews.length };
}

/**
 * A backup made before cards were merged or renamed, with its rows under the cards' current ids: reviews move,
 * flags merge (the most recently changed one is kept), quizzes name the new card (deck/renames.ts).
 */
export function renameBackup(renames: ReadonlyMap<string, string>, backup: CheckedBackup): CheckedBackup {
	if (
		!backup.reviews.some((r) => renames.has(r.cardId)) &&
		!backup.cardFlags.some((f) => renames.has(f.cardId))
	) {
		if (!backup.quizzes.some((q) => renameQuiz(renames, q))) return backup;
	}
	return {
		...backup,
		reviews: backup.reviews.map((r): FileReview =>
			renames.has(r.cardId) ? { ...r, cardId: currentId(renames, r.cardId) } : r
		),
		cardFlags: mergeFlags(renames, backup.cardFlags),
		quizzes: backup.quizzes.map((q) => renameQuiz(renames, q) ?? q)
	};
}
