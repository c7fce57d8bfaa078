// The reader's own memory: whether recall prompts are shown (a preference, in the settings table), and where
// the learner stopped reading each document (a fact of this browser, in the meta table; not in backups).
import { getDb } from './index.ts';

/** Settings-table key of the reader's Recall switch (off unless turned on). */
const RECALL_KEY = 'readerRecall';
const POSITION_PREFIX = 'reading:';

export interface ReadingPosition {
	document: string;
	passage: string;
	/** When the learner was last there (epoch ms). */
	at: number;
}

export async function loadRecallOn(): Promise<boolean> {
	const row = await getDb().settings.get(RECALL_KEY);
	return row?.value === true;
}

export async function saveRecallOn(on: boolean): Promise<void> {
	await getDb().settings.put({ key: RECALL_KEY, value: on });
}

export async function saveReadingPosition(position: ReadingPosition): Promise<void> {
	await getDb().meta.put({ key: POSITION_PREFIX + position.document, value: position });
}

function isPosition(value: unknown): value is ReadingPosition {
	const p = value as Partial<ReadingPosition> | null;
	return (
		typeof p === 'object' &&
		p !== null &&
		typeof p.document === 'string' &&
		typeof p.passage === 'string' &&
		Number.isFinite(p.at)
	);
}

/** Where the learner read last, of all documents; null when nothing was read yet. */
export async function lastReadingPosition(): Promise<ReadingPosition | null> {
	const rows = await getDb().meta.where('key').startsWith(POSITION_PREFIX).toArray();
	const positions = rows.map((r) => r.value).filter(isPosition);
	return positions.reduce<ReadingPosition | null>((a, b) => (!a || b.at > a.at ? b : a), null);
}
