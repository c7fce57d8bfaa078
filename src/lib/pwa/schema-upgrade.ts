// Told when another tab opens a newer schema. Kept apart from Dexie so that the root layout can listen
// without loading the database on pages that never use it.

const listeners = new Set<() => void>();

/** Calls `listener` when another tab upgrades the schema and this tab must reload. Returns an unsubscribe. */
export function onSchemaUpgradeElsewhere(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function notifySchemaUpgradeElsewhere(): void {
	for (const listener of listeners) listener();
}
