// The home page's Continue reading: the passage where the learner last stopped reading, in any document.
import { documentById } from '$lib/deck/deck.ts';
import { lastReadingPosition } from '$lib/db/reading.ts';

export interface ContinueAt {
	href: string;
	title: string;
	/** The passage's first words. */
	excerpt: string;
}

export class ContinueReading {
	#at = $state.raw<ContinueAt | null>(null);
	#loaded = $state(false);

	get at(): ContinueAt | null {
		return this.#at;
	}
	/** Whether the position was read (or could not be). */
	get loaded(): boolean {
		return this.#loaded;
	}

	async load(): Promise<void> {
		const position = await lastReadingPosition().catch(() => null);
		this.#loaded = true;
		const doc = position ? documentById.get(position.document) : undefined;
		const passage = doc?.passages.find((p) => p.id === position?.passage);
		// A document or passage no longer in the deck: nothing to continue.
		if (!doc || !passage) return;
		const words = passage.text.split(/\s+/);
		this.#at = {
			href: `/read/${doc.id}#${passage.id}`,
			title: doc.title,
			excerpt: words.slice(0, 12).join(' ') + (words.length > 12 ? '…' : '')
		};
	}
}
