// Answers on their way to the database. The review screen shows the next card before an answer's transaction
// commits, and a reload or a closed tab at that moment can drop the transaction. So each answer is first noted
// in localStorage (a synchronous write, kept over a reload or a closed tab), and the note is removed once the
// write has settled. When the database next opens, before anything reads it, a note whose answer is not in the
// log is written (recover.ts). A note is left alone while the tab that made it holds its Web Lock: that tab is
// open and may still be writing it.
import type { PendingAnswer } from '../model.ts';
import type { StudyDatabase } from './schema.ts';

const KEY = 'kz-tm-study:pending-answers';
const LOCK = 'kz-tm-study:answer:';

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // storage blocked by the browser's settings
	}
}

function isPending(value: unknown): value is PendingAnswer {
	const a = value as Partial<PendingAnswer> | null;
	return (
		typeof a === 'object' &&
		a !== null &&
		typeof a.id === 'string' &&
		typeof a.cardId === 'string' &&
		(a.rating === 1 || a.rating === 2 || a.rating === 3 || a.rating === 4) &&
		Number.isFinite(a.now) &&
		Number.isFinite(a.durationMs)
	);
}

/** The notes stored; anything unreadable in them is passed over. */
export function notedAnswers(): PendingAnswer[] {
	const raw = storage()?.getItem(KEY);
	if (!raw) return [];
	try {
		const list: unknown = JSON.parse(raw);
		return Array.isArray(list) ? list.filter(isPending) : [];
	} catch {
		return [];
	}
}

function store(list: PendingAnswer[]): void {
	const s = storage();
	try {
		if (list.length) s?.setItem(KEY, JSON.stringify(list));
		else s?.removeItem(KEY);
	} catch {
		// Storage full or blocked: the answer is still written, only without its note.
	}
}

function locks(): LockManager | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

/** Notes an answer before its write starts. Call the function returned once the write has settled. */
export function noteAnswer(answer: PendingAnswer): () => void {
	store([...notedAnswers().filter((a) => a.id !== answer.id), answer]);
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	locks()
		?.request(LOCK + answer.id, () => held)
		.catch(() => {});
	return () => {
		forgetAnswer(answer.id);
		release();
	};
}

export function forgetAnswer(id: string): void {
	const list = notedAnswers();
	const rest = list.filter((a) => a.id !== id);
	if (rest.length !== list.length) store(rest);
}

/** The notes no open tab is still writing: their writes were cut off (or committed just before the cut). */
export async function unsettledAnswers(): Promise<PendingAnswer[]> {
	const list = notedAnswers();
	const manager = locks();
	if (!list.length || !manager) return list;
	const { held = [], pending = [] } = await manager.query();
	const busy = new Set([...held, ...pending].map((lock) => lock.name));
	return list.filter((a) => !busy.has(LOCK + a.id));
}

/**
 * Run as the database opens (index.ts), before any other read or write: writes the notes whose writes were cut
 * off (recover.ts, loaded only then). Nothing to wait for when there are no notes. A failure leaves the notes
 * for the next page load and never keeps the database from opening.
 */
export function recoverOnOpen(db: StudyDatabase): Promise<number> | undefined {
	if (!notedAnswers().length) return undefined;
	return unsettledAnswers()
		.then((notes) =>
			notes.length ? import('./recover.ts').then((m) => m.writeAnswers(db, notes, forgetAnswer)) : 0
		)
		.catch(() => 0);
}
