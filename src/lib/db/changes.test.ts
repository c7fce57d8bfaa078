import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { announceChanges, onChangeElsewhere } from './changes.ts';
import { StudyDatabase } from './schema.ts';

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (check()) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`timed out waiting for ${what}`);
}

function connections(): [StudyDatabase, StudyDatabase] {
	const name = `test-${crypto.randomUUID()}`;
	const here = new StudyDatabase(name);
	const elsewhere = new StudyDatabase(name);
	announceChanges(here);
	announceChanges(elsewhere);
	return [here, elsewhere];
}

describe('changes made elsewhere', () => {
	it("tell a tab which tables another tab's committed writes changed, and never its own", async () => {
		const [here, elsewhere] = connections();
		const heard: string[][] = [];
		onChangeElsewhere(here, (tables) => heard.push([...tables].sort()));

		await here.meta.put({ key: 'mine', value: 1 });
		await elsewhere.transaction('rw', elsewhere.settings, elsewhere.meta, async () => {
			await elsewhere.settings.put({ key: 'srs', value: {} });
			await elsewhere.meta.put({ key: 'theirs', value: 1 });
		});
		await until(() => heard.length > 0, 'the other connection’s write');
		// A read-only transaction, and a write that was rolled back, say nothing.
		await elsewhere.meta.get('theirs');
		await elsewhere
			.transaction('rw', elsewhere.meta, async () => {
				await elsewhere.meta.put({ key: 'rolled back', value: 1 });
				throw new Error('abort');
			})
			.catch(() => undefined);
		await elsewhere.reviews.clear();
		await until(() => heard.length > 1, 'the clear');
		expect(heard).toEqual([['meta', 'settings'], ['reviews']]);
		here.close();
		elsewhere.close();
	});

	it('stop when the listener is removed', async () => {
		const [here, elsewhere] = connections();
		const heard: number[] = [];
		const stop = onChangeElsewhere(here, () => heard.push(1));
		const kept: number[] = [];
		onChangeElsewhere(here, () => kept.push(1));
		stop();
		await elsewhere.meta.put({ key: 'theirs', value: 1 });
		await until(() => kept.length > 0, 'the write');
		expect(heard).toEqual([]);
		here.close();
		elsewhere.close();
	});
});
