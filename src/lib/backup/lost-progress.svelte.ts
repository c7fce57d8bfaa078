// Noticing a review log that came back smaller than it was (db/marker.ts), and offering the way back: an
// import of the last backup file, or keeping what there is. Checked on every screen, so the import's code
// (backup.svelte.ts and the checker) loads only when a file is chosen.
import { logShrank, noteLogSize, type LogShrank } from '../db/log-size.ts';
import type { BackupState } from './backup.svelte.ts';

export class LostProgressState {
	#shrank = $state<LogShrank | null>(null);
	#restored = $state('');
	#backup = $state.raw<BackupState | null>(null);

	/** The log now and as noted before, while it is smaller; null otherwise. */
	get shrank(): LogShrank | null {
		return this.#shrank;
	}
	/** What a restore from here merged, once the log is whole again. */
	get restored(): string {
		return this.#restored;
	}
	/** The import under way or done from here (the app's one backup state), once a file was chosen. */
	get backup(): BackupState | null {
		return this.#backup;
	}

	/** Compares the log with its note. A database that cannot be read is told by the layout, not here. */
	async check(): Promise<void> {
		this.#shrank = await logShrank().catch(() => null);
	}

	/** Imports a backup file; the warning goes once the log is as large as it was. */
	async restore(file: File): Promise<void> {
		this.#backup ??= (await import('./backup.svelte.ts')).backup;
		const merged = await this.#backup.importFile(file);
		await this.check();
		if (merged && !this.#shrank) this.#restored = this.#backup.notice;
	}

	/** The learner keeps the log as it is: it becomes the size the note follows. */
	async accept(): Promise<void> {
		await noteLogSize().catch(() => 0);
		this.#shrank = null;
	}
}
