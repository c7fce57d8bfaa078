// The reader's knowledge map: each passage's mean recall now, and the remembered on/off switch.
import type { CardStateRow, SourceDocument } from '$lib/model.ts';
import { cardsOfPassage } from '$lib/deck/deck.ts';
import { loadKnowledgeMapOn, saveKnowledgeMapOn } from '$lib/db/preferences.ts';
import { allStates } from '$lib/db/reviews.ts';
import { loadSettings } from '$lib/db/settings.ts';
import { makeScheduler } from '$lib/srs/scheduler.ts';
import { passagesRecall, type PassageRecall } from '$lib/stats/recall.ts';
import type { FSRS } from 'ts-fsrs';

export class KnowledgeMapState {
	#on = $state(true);
	#loaded = $state(false);
	#states = $state.raw<ReadonlyMap<string, CardStateRow> | null>(null);
	#scheduler = $state.raw<FSRS | null>(null);
	#now = $state(0);

	get on(): boolean {
		return this.#on;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Reads the map; without storage (told by the layout) the reader shows the text unshaded. */
	async load(now = Date.now()): Promise<void> {
		let read;
		try {
			read = await Promise.all([loadKnowledgeMapOn(), allStates(), loadSettings()]);
		} catch {
			this.#loaded = true;
			return;
		}
		const [on, states, settings] = read;
		this.#on = on;
		this.#states = states;
		this.#scheduler = makeScheduler(settings);
		this.#now = now;
		this.#loaded = true;
	}

	async setOn(on: boolean): Promise<void> {
		this.#on = on;
		// Not remembered when the storage cannot be written; the switch still works on this page.
		await saveKnowledgeMapOn(on).catch(() => {});
	}

	/** A card's state changed on this page (a recall prompt answered, or taken back): the map follows it. */
	setState(cardId: string, state: CardStateRow | undefined, now = Date.now()): void {
		if (!this.#states) return;
		// A copy replaced whole ($state.raw), never changed after.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const states = new Map(this.#states);
		if (state) states.set(cardId, state);
		else states.delete(cardId);
		this.#states = states;
		this.#now = now;
	}

	/** Each passage's recall, for the passages that have cards; empty until loaded. */
	passagesOf(doc: SourceDocument): ReadonlyMap<string, PassageRecall> | null {
		const f = this.#scheduler;
		if (!f || !this.#states) return null;
		const passages = doc.passages.map((p) => ({
			id: p.id,
			cardIds: cardsOfPassage(doc.id, p.id).map((c) => c.id)
		}));
		return passagesRecall(passages, this.#states, f, this.#now);
	}
}
