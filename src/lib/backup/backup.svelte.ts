// Export and import of progress, the deck export, and the home page's backup suggestion.
import { errorText } from '../errors.ts';
import { ankiDeckText, ANKI_FILE_NAME } from './anki.ts';
import { backupFileName } from './format.ts';
import { shouldSuggestBackup } from './reminder.ts';
import { checkSize, type KnownIds } from './validate.ts';
import type { ImportShortfall, ImportSummary } from '../db/backup.ts';
import { logShrank } from '../db/log-size.ts';
import { backupJobs, type BackupJobs } from './client.ts';
import { getMetaTime, setMetaTime } from '../db/meta.ts';
import { firstReviewTime } from '../db/stats.ts';
import { deckSummary } from '../deck/summary.ts';
import { renamedCards, retiredCards } from '../deck/renamed.ts';
import { saveFile } from './download.ts';
import { APP_VERSION } from '../version.ts';

const DECK_NAME = 'Kazakhstan–Turkmenistan relations';

export interface Progress {
	label: string;
	/** 0–1 */
	value: number;
}

/**
 * The ids an import may name: from the deck's summary, so the stats page need not load every card's text, and
 * the ids of cards replaced or retired since (a backup made before names them).
 */
async function known(): Promise<KnownIds> {
	const deck = await deckSummary();
	return {
		cardIds: new Set([...deck.cardIds, ...renamedCards.keys(), ...retiredCards]),
		renamed: renamedCards,
		scopes: new Set(['mixed', ...deck.topics.map((t) => t.id), ...deck.documentIds])
	};
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function describeImport(s: ImportSummary): string {
	const parts = [
		`${count(s.reviewsAdded, 'new review')}${s.reviewsKnown ? ` (${count(s.reviewsKnown, 'review')} already here)` : ''}`
	];
	if (s.flagsUpdated) parts.push(count(s.flagsUpdated, 'card flag'));
	if (s.quizzesAdded) parts.push(count(s.quizzesAdded, 'quiz', 'quizzes'));
	if (s.settingsTaken.length) parts.push('the settings');
	const rebuilt = s.cardsRebuilt ? ` The schedule was rebuilt for ${count(s.cardsRebuilt, 'card')}.` : '';
	return `Imported ${parts.join(', ')}.${rebuilt}`;
}

/** What an import that stopped did and did not do, said exactly; "nothing was changed" only when checked. */
export function describeShortfall(fileName: string, s: ImportShortfall): string {
	const m = s.merged;
	const anything =
		m.reviewsAdded || m.cardsRebuilt || m.flagsUpdated || m.quizzesAdded || m.settingsTaken.length;
	const left: string[] = [];
	if (s.reviewsLeft) left.push(count(s.reviewsLeft, 'review'));
	if (s.flagsLeft) left.push(count(s.flagsLeft, 'card flag'));
	if (s.quizzesLeft) left.push(count(s.quizzesLeft, 'quiz', 'quizzes'));
	if (s.settingsLeft.length) left.push('the settings');
	const notMerged = left.length ? ` Not merged: ${left.join(', ')}.` : '';
	const again = s.full
		? ' Free some space on the disk (or clear other sites’ data), then import the file again: what is already here is skipped.'
		: ' Import the file again to add the rest: what is already here is skipped.';
	if (!anything) {
		const checked = s.verified
			? 'Nothing was changed: your progress is as it was.'
			: 'Whether anything was changed could not be checked.';
		return `${fileName} was not imported: ${s.reason}. ${checked}${notMerged}${s.full ? again : ''}`;
	}
	const parts = [count(m.reviewsAdded, 'new review')];
	if (m.flagsUpdated) parts.push(count(m.flagsUpdated, 'card flag'));
	if (m.quizzesAdded) parts.push(count(m.quizzesAdded, 'quiz', 'quizzes'));
	if (m.settingsTaken.length) parts.push('the settings');
	const rebuilt = m.cardsRebuilt
		? ` (the schedule of ${count(m.cardsRebuilt, 'card')} rebuilt with them)`
		: '';
	const sure = s.verified ? '' : ' The last batch could not be checked.';
	return `${fileName} was imported only in part: ${s.reason}. Merged: ${parts.join(', ')}${rebuilt}, each card whole.${notMerged}${sure}${again}`;
}

/** Performance marks and measures (read by bench/backup-import.ts): `backup:import` and `backup:export`. */
const timing = {
	start(name: string) {
		globalThis.performance?.mark(`${name}:start`);
	},
	end(name: string) {
		globalThis.performance?.measure(name, `${name}:start`);
	}
};

export class BackupState {
	/** Where exports and imports run: a worker in the browser. */
	#jobs: BackupJobs;
	#progress = $state<Progress | null>(null);
	#error = $state<string | null>(null);
	#notice = $state('');
	/** Undefined until read: the page shows a placeholder, not a "never" that a read may take back. */
	#lastBackupAt = $state<number | null | undefined>(undefined);

	constructor(jobs: BackupJobs = backupJobs()) {
		this.#jobs = jobs;
	}

	get progress(): Progress | null {
		return this.#progress;
	}
	get busy(): boolean {
		return this.#progress !== null;
	}
	/** Why the last export or import failed; nothing was changed. */
	get error(): string | null {
		return this.#error;
	}
	/** What the last export or import did. */
	get notice(): string {
		return this.#notice;
	}
	get lastBackupAt(): number | null | undefined {
		return this.#lastBackupAt;
	}

	/** Reads the last backup's time; a storage that cannot be read is told by the layout (errors.ts), not here. */
	async refresh(): Promise<void> {
		this.#lastBackupAt = await getMetaTime('lastBackupAt').catch(() => this.#lastBackupAt);
	}

	#start(label: string) {
		this.#error = null;
		this.#notice = '';
		this.#progress = { label, value: 0 };
	}
	#step(label: string, value: number) {
		this.#progress = { label, value };
	}

	/** Downloads the progress backup and records the time. */
	async exportProgress(): Promise<boolean> {
		if (this.busy) return false;
		timing.start('backup:export');
		this.#start('Reading your progress');
		try {
			const now = Date.now();
			const { file, reviews } = await this.#jobs.exportFile(
				{ appVersion: APP_VERSION, exportedAt: now },
				({ label, value }) => this.#step(label, value)
			);
			const name = backupFileName(now);
			saveFile(file, name);
			timing.end('backup:export');
			await setMetaTime('lastBackupAt', now);
			this.#lastBackupAt = now;
			this.#notice = `Exported ${count(reviews, 'review')} to ${name}.`;
			return true;
		} catch (e) {
			this.#error = `The export failed: ${errorText(e)}.`;
			return false;
		} finally {
			this.#progress = null;
		}
	}

	/** Checks a backup file whole, then merges it in; a bad file is refused and nothing changes. */
	async importFile(file: File): Promise<boolean> {
		if (this.busy) return false;
		timing.start('backup:import');
		const refuse = (why: string) => {
			this.#error = `${file.name} was not imported: ${why}. Nothing was changed.`;
			return false;
		};
		this.#error = null;
		this.#notice = '';
		const tooBig = checkSize(file.size);
		if (tooBig) return refuse(tooBig);
		this.#start('Reading the file');
		try {
			const result = await this.#jobs.importFile(file, await known(), ({ label, value }) =>
				this.#step(label, value)
			);
			if (!result.ok && 'message' in result) return refuse(result.message);
			if (!result.ok) {
				this.#error = describeShortfall(file.name, result.shortfall);
				return false;
			}
			timing.end('backup:import');
			this.#notice = describeImport(result.summary);
			return true;
		} catch (e) {
			// The job itself failed (its worker stopped): what it wrote before, if anything, is not known here.
			this.#error = `${file.name} may not have been imported whole: the import stopped (${errorText(e)}). Import the file again: what is already here is skipped.`;
			return false;
		} finally {
			this.#progress = null;
			// The log's size as this browser now holds it (db/marker.ts; the worker cannot note it), unless smaller.
			await logShrank().catch(() => null);
		}
	}

	/** Downloads the deck as a file Anki imports (the whole deck is loaded for it). */
	async exportDeck(): Promise<void> {
		try {
			const { cards, documents } = await import('../deck/deck.ts');
			const text = ankiDeckText(cards, documents, DECK_NAME);
			saveFile(new Blob([text], { type: 'text/plain;charset=utf-8' }), ANKI_FILE_NAME);
			this.#error = null;
			this.#notice = `Exported ${count(cards.length, 'card')} to ${ANKI_FILE_NAME}; import it in Anki with File › Import.`;
		} catch (e) {
			this.#error = `The deck export failed: ${errorText(e)}.`;
		}
	}
}

/** One instance for the app, so an export or import under way is seen wherever its panel is shown. */
export const backup = new BackupState();

/** The home page's suggestion to back up after a week of studying without one. */
export class BackupReminderState {
	#shown = $state(false);

	get shown(): boolean {
		return this.#shown;
	}

	/** Whether to suggest a backup; none when the storage cannot be read (the layout tells that). */
	async load(now = Date.now()): Promise<void> {
		try {
			await this.#load(now);
		} catch {
			this.#shown = false;
		}
	}

	async #load(now: number): Promise<void> {
		const [lastBackupAt, dismissedAt] = await Promise.all([
			getMetaTime('lastBackupAt'),
			getMetaTime('backupReminderDismissedAt')
		]);
		const firstReviewSinceBackup = await firstReviewTime(lastBackupAt ?? -Infinity);
		this.#shown = shouldSuggestBackup({ now, lastBackupAt, firstReviewSinceBackup, dismissedAt });
	}

	async dismiss(now = Date.now()): Promise<void> {
		this.#shown = false;
		await setMetaTime('backupReminderDismissedAt', now);
	}

	/** After a backup the suggestion goes without a dismissal (the backup quiets it). */
	hide(): void {
		this.#shown = false;
	}
}
