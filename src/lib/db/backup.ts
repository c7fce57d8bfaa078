// Reading everything a backup holds, and merging a checked backup in, in one transaction.
import { planMerge, type MergePlan } from '../backup/merge.ts';
import type { Backup, BackupSettings } from '../backup/format.ts';
import { validateSettings } from '../srs/settings.ts';
import { getDb, type ReviewRow } from './index.ts';
import { KNOWLEDGE_MAP_KEY } from './preferences.ts';
import { rebuildAllStates } from './reviews.ts';
import { SRS_SETTINGS_KEY } from './settings.ts';

// Chromium makes every row's index keys and copy on the page's own thread (about 0.1 ms a review), so the
// log is read and written in slices small enough that the page still answers between them.
const READ_PAGE = 2000;
const WRITE_SLICE = 500;

export type BackupData = Pick<Backup, 'settings' | 'cardFlags' | 'quizzes' | 'reviews'>;

/** Everything a backup holds, read in one transaction (so it is one moment's copy), the log page by page. */
export async function readBackupData(onProgress?: (fraction: number) => void): Promise<BackupData> {
	const db = getDb();
	return db.transaction('r', [db.reviews, db.cardFlags, db.quizzes, db.settings], async () => {
		const total = await db.reviews.count();
		const reviews: ReviewRow[] = [];
		for (;;) {
			const last = reviews[reviews.length - 1];
			const page = await (last ? db.reviews.where(':id').above(last.id) : db.reviews.orderBy(':id'))
				.limit(READ_PAGE)
				.toArray();
			reviews.push(...page);
			onProgress?.(total ? reviews.length / total : 1);
			if (page.length < READ_PAGE) break;
		}
		const settings: BackupSettings = {};
		const srs = await db.settings.get(SRS_SETTINGS_KEY);
		if (srs) {
			const checked = validateSettings(srs.value);
			if (checked.ok) settings.srs = checked.settings;
		}
		const map = await db.settings.get(KNOWLEDGE_MAP_KEY);
		if (typeof map?.value === 'boolean') settings.knowledgeMap = map.value;
		return {
			settings,
			cardFlags: await db.cardFlags.toArray(),
			quizzes: await db.quizzes.toArray(),
			reviews
		};
	});
}

export interface ImportSummary {
	reviewsAdded: number;
	reviewsKnown: number;
	flagsUpdated: number;
	quizzesAdded: number;
	settingsTaken: string[];
	/** Card states rebuilt from the merged log; 0 when the log did not change. */
	cardsRebuilt: number;
}

export type ImportPhase = 'writing' | 'rebuilding';

/**
 * Merges a checked backup into the database (see backup/merge.ts) and rebuilds the card states from
 * the merged log, all in one transaction: an import that fails half-way leaves everything as it was.
 */
export async function importBackup(
	backup: Backup,
	onProgress?: (phase: ImportPhase, fraction: number) => void
): Promise<ImportSummary> {
	const db = getDb();
	return db.transaction(
		'rw',
		[db.reviews, db.cardStates, db.cardFlags, db.quizzes, db.settings],
		async () => {
			const plan: MergePlan = planMerge(backup, {
				reviewIds: new Set((await db.reviews.toCollection().primaryKeys()) as string[]),
				flags: new Map((await db.cardFlags.toArray()).map((f) => [f.cardId, f])),
				quizzes: new Map((await db.quizzes.toArray()).map((q) => [q.id, q])),
				settingKeys: new Set((await db.settings.toCollection().primaryKeys()) as string[])
			});
			for (let i = 0; i < plan.reviews.length; i += WRITE_SLICE) {
				await db.reviews.bulkAdd(plan.reviews.slice(i, i + WRITE_SLICE));
				onProgress?.('writing', Math.min(1, (i + WRITE_SLICE) / plan.reviews.length));
			}
			await db.cardFlags.bulkPut(plan.flags);
			await db.quizzes.bulkPut(plan.quizzes);
			await db.settings.bulkPut(plan.settings);
			const scheduleChanged =
				plan.reviews.length > 0 || plan.settings.some((s) => s.key === SRS_SETTINGS_KEY);
			const cardsRebuilt = scheduleChanged
				? await rebuildAllStates(undefined, (done, total) => onProgress?.('rebuilding', done / total))
				: 0;
			return {
				reviewsAdded: plan.reviews.length,
				reviewsKnown: plan.reviewsKnown,
				flagsUpdated: plan.flags.length,
				quizzesAdded: plan.quizzes.length,
				settingsTaken: plan.settings.map((s) => s.key),
				cardsRebuilt
			};
		}
	);
}
