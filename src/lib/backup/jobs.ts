// Export and import of progress as whole jobs: from the database to a file, and from a file (checked whole)
// into the database. They run in a worker (worker.ts) so that a long log never holds the page;
// where there are no workers (the unit tests) they run on the caller's thread, pausing between slices.
import { encodeBackup, serializeBackup, type BackupData } from './format.ts';
import { checkSize, readBackup, type KnownIds } from './validate.ts';
import { renameBackup } from './merge.ts';
import { importBackup, readBackupData, type ImportOutcome, type ImportPhase } from '../db/backup.ts';

export interface JobProgress {
	/** What is being done, for the progress bar's label. */
	label: string;
	/** 0–1, over the whole job. */
	value: number;
}
export type OnProgress = (progress: JobProgress) => void;

/**
 * Merged whole; or stopped part-way, with what was and was not merged (`shortfall`); or the file refused
 * before anything was written (`message`).
 */
export type ImportResult = ImportOutcome | { ok: false; message: string };
export interface ExportResult {
	file: Blob;
	reviews: number;
}

/** How an import's phases share its progress bar: roughly their share of the time of a long import. */
const IMPORT_PHASES: Record<'reading' | 'checking' | ImportPhase, [label: string, from: number, to: number]> =
	{
		reading: ['Reading the file', 0, 0.03],
		checking: ['Checking the file', 0.03, 0.15],
		merging: ['Comparing with your progress', 0.15, 0.2],
		rebuilding: ['Rebuilding the schedule', 0.2, 0.4],
		writing: ['Adding the reviews', 0.4, 1]
	};

/** Reports progress only when it has moved a visible step (a message each time would flood the page). */
function stepper(onProgress: OnProgress) {
	let last: JobProgress = { label: '', value: -1 };
	return (phase: keyof typeof IMPORT_PHASES, fraction: number) => {
		const [label, from, to] = IMPORT_PHASES[phase];
		const value = from + (to - from) * Math.min(1, Math.max(0, fraction));
		if (label === last.label && value - last.value < 0.005) return;
		last = { label, value };
		onProgress(last);
	};
}

/** Checks a backup file whole, then merges it in; a bad file is refused and nothing changes. */
export async function importFile(
	file: Blob,
	known: KnownIds,
	onProgress: OnProgress = () => {},
	pause?: () => Promise<void>
): Promise<ImportResult> {
	const step = stepper(onProgress);
	const tooBig = checkSize(file.size);
	if (tooBig) return { ok: false, message: tooBig };
	step('reading', 0);
	const text = await file.text();
	step('checking', 0);
	const read = await readBackup(text, known, { pause, onProgress: (f) => step('checking', f) });
	if (!read.ok) return read;
	await pause?.();
	const backup = known.renamed?.size ? renameBackup(known.renamed, read.backup) : read.backup;
	return importBackup(backup, step);
}

/** The progress backup file (the newest version of the format) for what this browser holds. */
export async function exportFile(
	header: { appVersion: string; exportedAt: number },
	onProgress: OnProgress = () => {}
): Promise<ExportResult> {
	onProgress({ label: 'Reading your progress', value: 0 });
	const data: BackupData = await readBackupData((f) =>
		onProgress({ label: 'Reading your progress', value: 0.8 * f })
	);
	onProgress({ label: 'Writing the file', value: 0.8 });
	const parts = serializeBackup(encodeBackup(data, header));
	return {
		file: new Blob(parts, { type: 'application/json' }),
		reviews: data.reviews.length
	};
}
