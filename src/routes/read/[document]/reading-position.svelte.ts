// Where the learner is in a document: the passage across the middle of the screen, saved (per document) a
// moment after scrolling stops and when the page is left, so that the home page can offer to continue there.
// The middle, because a link to a passage (Continue reading) shows it there: going back saves the same one.
import { saveReadingPosition } from '$lib/db/reading.ts';

const SETTLE_MS = 400;

/** Watches the scrolling over `passages` (the document's passage elements). Returns a function that stops it. */
export function trackReadingPosition(document: string, passages: () => readonly HTMLElement[]): () => void {
	let saved = '';
	let timer: ReturnType<typeof setTimeout> | undefined;

	const current = (): string | null => {
		const middle = innerHeight / 2;
		let last: string | null = null;
		for (const el of passages()) {
			last = el.id;
			if (el.getBoundingClientRect().bottom > middle) break;
		}
		return last;
	};
	const save = () => {
		timer = undefined;
		const passage = current();
		if (!passage || passage === saved) return;
		saved = passage;
		void saveReadingPosition({ document, passage, at: Date.now() }).catch(() => {
			saved = ''; // Tried again at the next scroll.
		});
	};
	const onscroll = () => {
		clearTimeout(timer);
		timer = setTimeout(save, SETTLE_MS);
	};
	addEventListener('scroll', onscroll, { passive: true });
	addEventListener('pagehide', save);
	return () => {
		removeEventListener('scroll', onscroll);
		removeEventListener('pagehide', save);
		if (timer !== undefined) {
			clearTimeout(timer);
			save();
		}
	};
}
