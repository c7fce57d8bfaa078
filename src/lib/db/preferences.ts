// Display preferences, kept in the settings table beside the review settings (and in backups).
import { getDb } from './index.ts';

/** Settings-table key of the reader's knowledge map switch (on unless turned off). */
export const KNOWLEDGE_MAP_KEY = 'knowledgeMap';

export async function loadKnowledgeMapOn(): Promise<boolean> {
	const row = await getDb().settings.get(KNOWLEDGE_MAP_KEY);
	return row?.value !== false;
}

export async function saveKnowledgeMapOn(on: boolean): Promise<void> {
	await getDb().settings.put({ key: KNOWLEDGE_MAP_KEY, value: on });
}
