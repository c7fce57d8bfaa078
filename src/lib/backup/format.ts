import type { CardFlagRow, QuizRow, ReviewRow, SrsSettings } from '../model.ts';
// The backup file: a documented, versioned JSON format (see README.md, "The backup file").
// Bump BACKUP_VERSION for any change a reader of the old format would misread, and keep reading old versions.

export const BACKUP_FORMAT = 'kz-tm-study-backup';
/** The version this app writes. It reads this one and every older one. */
export const BACKUP_VERSION = 2;
/**
 * Larger files are refused before they are read. A version 2 file takes about 63 bytes a review, so
 * 20 MB holds about 300,000 reviews (version 1, about 270 bytes a review: about 70,000).
 */
export const MAX_BACKUP_BYTES = 20 * 1024 * 1024;

/** The settings a backup carries. Each is taken on import only when this browser has none of its own. */
export interface BackupSettings {
	/** The review settings (src/lib/srs/settings.ts). */
	srs?: SrsSettings;
	/** Whether the reader shades passages by recall (on unless false). */
	knowledgeMap?: boolean;
}

interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	/** The version of the app that wrote the file (package.json). */
	appVersion: string;
	/** When the file was written. */
	exportedAt: number;
	settings: BackupSettings;
	/** Suspended and buried cards; on import the newer `updatedAt` wins. */
	cardFlags: CardFlagRow[];
	/** Quiz history; a set by id. */
	quizzes: QuizRow[];
}

/** Version 1 (read, no longer written): the review log as stored, one object per review. */
export interface BackupV1 extends BackupHeader {
	version: 1;
	/** The whole review log, as stored (src/lib/db/schema.ts, ReviewRow); a set by id. */
	reviews: ReviewRow[];
}

/**
 * Version 2: the review log as columns, one value per review, holding only what a replay through the
 * scheduler cannot give back. What ts-fsrs logged with each answer (the card's state, stability, due date…
 * before it) is derived again on import by replaying each card's log, as the card states are.
 */
export interface BackupV2 extends BackupHeader {
	version: 2;
	/** The cards the log names, each once; `reviews.card` holds indexes into this list. */
	cardIds: string[];
	reviews: {
		id: string[];
		/** Index into `cardIds`. */
		card: number[];
		/** 1 Again … 4 Easy; 0 "made due" (see `madeDue`). */
		rating: number[];
		reviewedAt: number[];
		durationMs: number[];
	};
	/**
	 * What a replay needs of each "made due" review (rating 0), which sets a card's state and due date
	 * rather than answering it: the review's index in `reviews`, ascending, and the state and due date set.
	 */
	madeDue: { review: number[]; state: number[]; due: number[] };
	/**
	 * The answers whose review the load balancer (or easy days) moved from the day fuzz drew: the review's index
	 * in `reviews`, ascending, and the due date chosen. Written only when there are any; older files have none.
	 */
	scheduledDue?: { review: number[]; due: number[] };
}

export type Backup = BackupV2;

/** What a compact (version 2) file gives of a review; the rest comes from the replay on import. */
export interface CompactReview {
	id: string;
	cardId: string;
	rating: ReviewRow['rating'];
	reviewedAt: number;
	durationMs: number;
	/** Only for rating 0: the state and due date it set. */
	state?: number;
	due?: number;
	/** Only for an answer the load balancer moved: the due date it chose. */
	scheduledDue?: number;
}

/** A review as read from a file: a whole row (version 1) or its compact form (version 2). */
export type FileReview = ReviewRow | CompactReview;

/** A file that passed every check, whatever its version: what merging needs. */
export interface CheckedBackup {
	version: 1 | 2;
	appVersion: string;
	exportedAt: number;
	settings: BackupSettings;
	cardFlags: CardFlagRow[];
	quizzes: QuizRow[];
	reviews: FileReview[];
}

export type BackupData = Pick<BackupHeader, 'settings' | 'cardFlags' | 'quizzes'> & { reviews: ReviewRow[] };

/** The version 2 file for what a browser holds; reviews in the order they were given, card ids in first use. */
export function encodeBackup(data: BackupData, header: { appVersion: string; exportedAt: number }): BackupV2 {
	const n = data.reviews.length;
	const cardIds: string[] = [];
	const index = new Map<string, number>();
	const reviews: BackupV2['reviews'] = {
		id: new Array<string>(n),
		card: new Array<number>(n),
		rating: new Array<number>(n),
		reviewedAt: new Array<number>(n),
		durationMs: new Array<number>(n)
	};
	const madeDue: BackupV2['madeDue'] = { review: [], state: [], due: [] };
	const scheduledDue: NonNullable<BackupV2['scheduledDue']> = { review: [], due: [] };
	for (let i = 0; i < n; i++) {
		const r = data.reviews[i]!;
		let card = index.get(r.cardId);
		if (card === undefined) {
			card = cardIds.push(r.cardId) - 1;
			index.set(r.cardId, card);
		}
		reviews.id[i] = r.id;
		reviews.card[i] = card;
		reviews.rating[i] = r.rating;
		reviews.reviewedAt[i] = r.reviewedAt;
		reviews.durationMs[i] = r.durationMs;
		if (r.rating === 0) {
			madeDue.review.push(i);
			madeDue.state.push(r.state);
			madeDue.due.push(r.due);
		} else if (r.scheduledDue !== undefined) {
			scheduledDue.review.push(i);
			scheduledDue.due.push(r.scheduledDue);
		}
	}
	return {
		format: BACKUP_FORMAT,
		version: 2,
		appVersion: header.appVersion,
		exportedAt: header.exportedAt,
		settings: data.settings,
		cardFlags: data.cardFlags,
		quizzes: data.quizzes,
		cardIds,
		reviews,
		madeDue,
		...(scheduledDue.review.length ? { scheduledDue } : {})
	};
}

/** A version 2 file's reviews, each as a compact review. The file must have passed its checks. */
export function decodeReviews(
	backup: Pick<BackupV2, 'cardIds' | 'reviews' | 'madeDue' | 'scheduledDue'>
): CompactReview[] {
	const { id, card, rating, reviewedAt, durationMs } = backup.reviews;
	const out = new Array<CompactReview>(id.length);
	for (let i = 0; i < id.length; i++) {
		out[i] = {
			id: id[i]!,
			cardId: backup.cardIds[card[i]!]!,
			rating: rating[i] as CompactReview['rating'],
			reviewedAt: reviewedAt[i]!,
			durationMs: durationMs[i]!
		};
	}
	const { review, state, due } = backup.madeDue;
	for (let k = 0; k < review.length; k++) {
		const r = out[review[k]!]!;
		r.state = state[k]!;
		r.due = due[k]!;
	}
	if (backup.scheduledDue) {
		const { review: moved, due: chosen } = backup.scheduledDue;
		for (let k = 0; k < moved.length; k++) out[moved[k]!]!.scheduledDue = chosen[k]!;
	}
	return out;
}

/**
 * The file's text: one key per line, a table's rows one per line, each column of the log on one line.
 * Returned in parts, to be joined by a Blob without one very long string.
 */
export function serializeBackup(backup: Backup): string[] {
	const { cardFlags, quizzes, cardIds, reviews, madeDue, scheduledDue, settings, ...header } = backup;
	const parts: string[] = [JSON.stringify(header).slice(0, -1)];
	parts.push(`,\n"settings":${JSON.stringify(settings)}`);
	const rows = (name: string, list: readonly unknown[]) =>
		parts.push(
			`,\n"${name}":[`,
			list.length ? `\n${list.map((r) => JSON.stringify(r)).join(',\n')}\n]` : ']'
		);
	const columns = (name: string, table: Record<string, readonly unknown[]>) =>
		parts.push(
			`,\n"${name}":{`,
			...Object.entries(table).map(
				([key, column], i) => `${i ? ',' : ''}\n"${key}":${JSON.stringify(column)}`
			),
			'\n}'
		);
	rows('cardFlags', cardFlags);
	rows('quizzes', quizzes);
	parts.push(`,\n"cardIds":${JSON.stringify(cardIds)}`);
	columns('reviews', reviews);
	columns('madeDue', madeDue);
	if (scheduledDue) columns('scheduledDue', scheduledDue);
	parts.push('\n}\n');
	return parts;
}

/** e.g. kz-tm-study-backup-2026-03-01.json, dated in local time. */
export function backupFileName(time: number): string {
	const d = new Date(time);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${BACKUP_FORMAT}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}
