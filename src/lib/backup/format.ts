// The backup file: a documented, versioned JSON format (see README.md, "Backups").
// Bump BACKUP_VERSION for any change a reader of the old format would misread, and keep reading old versions.
import type { CardFlagRow, QuizRow, ReviewRow } from '../db/schema.ts';
import type { SrsSettings } from '../srs/settings.ts';

export const BACKUP_FORMAT = 'kz-tm-study-backup';
export const BACKUP_VERSION = 1;
/** Larger files are refused before they are read (about 70,000 reviews fit in 20 MB). */
export const MAX_BACKUP_BYTES = 20 * 1024 * 1024;

/** The settings a backup carries. Each is taken on import only when this browser has none of its own. */
export interface BackupSettings {
	/** The review settings (src/lib/srs/settings.ts). */
	srs?: SrsSettings;
	/** Whether the reader shades passages by recall (on unless false). */
	knowledgeMap?: boolean;
}

/** Version 1 of the backup file. Times are epoch milliseconds. */
export interface BackupV1 {
	format: typeof BACKUP_FORMAT;
	version: 1;
	/** The version of the app that wrote the file (package.json). */
	appVersion: string;
	/** When the file was written. */
	exportedAt: number;
	settings: BackupSettings;
	/** Suspended and buried cards; on import the newer `updatedAt` wins. */
	cardFlags: CardFlagRow[];
	/** Quiz history; a set by id. */
	quizzes: QuizRow[];
	/** The whole review log, as stored (src/lib/db/schema.ts, ReviewRow); a set by id. */
	reviews: ReviewRow[];
}

export type Backup = BackupV1;

/** Writes the file with one row per line, in parts, pausing between slices so a long log does not freeze the page. */
export async function serializeBackup(
	backup: Backup,
	pause: () => Promise<void> = () => Promise.resolve()
): Promise<string[]> {
	const { reviews, cardFlags, quizzes, settings, ...header } = backup;
	const parts: string[] = [JSON.stringify(header).slice(0, -1)];
	parts.push(`,\n"settings":${JSON.stringify(settings)}`);
	const list = async (name: string, rows: readonly unknown[], last: boolean) => {
		parts.push(`,\n"${name}":[`);
		for (let i = 0; i < rows.length; i += 5000) {
			const slice = rows.slice(i, i + 5000).map((r) => JSON.stringify(r));
			parts.push((i ? ',\n' : '\n') + slice.join(',\n'));
			await pause();
		}
		parts.push(rows.length ? '\n]' : ']');
		if (last) parts.push('\n}\n');
	};
	await list('cardFlags', cardFlags, false);
	await list('quizzes', quizzes, false);
	await list('reviews', reviews, true);
	return parts;
}

/** e.g. kz-tm-study-backup-2026-03-01.json, dated in local time. */
export function backupFileName(time: number): string {
	const d = new Date(time);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${BACKUP_FORMAT}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}
