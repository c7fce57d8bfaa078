import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { storedCount, storedReviewCount, storedRows, storedStates } from './support/history.ts';
import { answerByKeys, counts, question, todayNumbers } from './support/review.ts';
import { signIn, TestSyncServer } from './support/sync.ts';

// One sync server for the file, on the port the configuration picked: the tests run one after the other.
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

let server: TestSyncServer;
test.beforeAll(async () => {
	server = new TestSyncServer();
	await server.start();
});
test.afterAll(async () => {
	await server?.dispose();
});

async function device(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

async function openReview(page: Page) {
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
}

/** The stored due dates of the studied cards, by card. */
async function dueDates(page: Page): Promise<Record<string, number>> {
	return Object.fromEntries((await storedStates(page)).map((s) => [s.cardId, s.due]));
}

test('two devices answer offline, sync, and agree; an Undo and a suspend reach the other device', async ({
	browser
}) => {
	await server.addUser('ann', 'ann-password-1');
	const a = await device(browser);
	const b = await device(browser);
	await signIn(a, 'ann', 'ann-password-1');
	await signIn(b, 'ann', 'ann-password-1');
	expect(
		await new AxeBuilder({ page: b }).include('section[aria-labelledby="sync-heading"]').analyze()
	).toHaveProperty('violations', []);

	await openReview(a);
	await openReview(b);
	await a.context().setOffline(true);
	await b.context().setOffline(true);
	// A answers the first five new cards; B skips those five and answers the next five.
	const first: string[] = [];
	for (let i = 0; i < 5; i++) {
		first.push((await question(a).innerText()).trim());
		await answerByKeys(a, '4');
		// Each answer saved before the next (a key pressed while a save is under way is not taken).
		await expect.poll(() => storedReviewCount(a)).toBe(i + 1);
	}
	for (let i = 0; i < 5; i++) {
		await expect(question(b)).toHaveText(first[i]!);
		await b.getByRole('button', { name: 'Skip until tomorrow' }).click();
		await expect(question(b)).not.toHaveText(first[i]!);
	}
	for (let i = 0; i < 5; i++) {
		await answerByKeys(b, '4');
		await expect.poll(() => storedReviewCount(b)).toBe(i + 1);
	}
	expect(await storedReviewCount(a)).toBe(5);
	expect(await storedReviewCount(b)).toBe(5);

	await a.context().setOffline(false);
	await b.context().setOffline(false);
	await expect.poll(() => storedReviewCount(a), { timeout: 20_000 }).toBe(10);
	await expect.poll(() => storedReviewCount(b), { timeout: 20_000 }).toBe(10);
	expect(await dueDates(a)).toEqual(await dueDates(b));
	expect(Object.keys(await dueDates(a))).toHaveLength(10);
	for (const page of [a, b]) {
		// Another tab of the same device: the home page shows every answer, and that sync is up to date.
		const home = await page.context().newPage();
		await home.goto('/');
		await expect.poll(async () => (await todayNumbers(home)).answered).toBe(10);
		await expect(home.getByTestId('home-sync-status')).toContainText('Synced');
		await home.close();
	}
	// Ten new cards a day, all introduced: B's open review screen counts no new card left.
	await expect.poll(() => counts(b)).toEqual({ fresh: 0, learning: 0, review: 0 });

	// Undo on A: the answer goes on B too, and B's open review screen counts one new card again.
	await a.getByRole('button', { name: 'Undo' }).click();
	await expect.poll(() => storedReviewCount(a)).toBe(9);
	await expect.poll(() => storedReviewCount(b), { timeout: 20_000 }).toBe(9);
	await expect.poll(() => counts(b)).toEqual({ fresh: 1, learning: 0, review: 0 });

	// Suspend on B reaches A: its cards list shows the card suspended.
	const suspended = (await question(b).innerText()).trim();
	await b.getByRole('button', { name: 'Suspend' }).click();
	await expect.poll(() => storedSuspended(a), { timeout: 20_000 }).toBe(1);
	const list = await a.context().newPage();
	await list.goto('/cards');
	await expect(
		list.locator('.card-box', { hasText: suspended }).locator('.chip.status-suspended')
	).toBeVisible();
	expect(await dueDates(a)).toEqual(await dueDates(b));
	await a.context().close();
	await b.context().close();
});

/** How many cards this browser holds as suspended. */
async function storedSuspended(page: Page): Promise<number> {
	return (await storedRows<{ suspended: boolean }>(page, 'cardFlags')).filter((f) => f.suspended).length;
}

test('a network cut and a stopped server mid-sync lose nothing and store nothing twice', async ({
	browser
}) => {
	const db = await server.addUser('cal', 'cal-password-1');
	const a = await device(browser);
	await signIn(a, 'cal', 'cal-password-1');
	await openReview(a);

	// The first upload reaches the server, but its answer is cut off on the way back.
	let cut = false;
	await a.route('**/couch/*/_bulk_docs', async (route) => {
		if (cut) return route.continue();
		cut = true;
		await route.fetch();
		await route.abort('connectionreset');
	});
	await answerByKeys(a, '4');
	await expect.poll(() => cut).toBe(true);
	// Sent again after the cut, and confirmed this time.
	await expect.poll(() => storedOutboxCount(a), { timeout: 20_000 }).toBe(0);

	// The server stops while answers are given, and starts again on the same data.
	await server.stop();
	await answerByKeys(a, '4');
	await expect.poll(() => storedReviewCount(a)).toBe(2);
	await answerByKeys(a, '3');
	await expect.poll(() => storedReviewCount(a)).toBe(3);
	await a.goto('/settings');
	await expect(a.getByTestId('sync-status')).toContainText('cannot be reached', { timeout: 20_000 });
	await expect(a.getByTestId('sync-status')).toContainText('2 changes wait to be sent');
	await server.start();
	await a.getByRole('button', { name: 'Sync now' }).click();
	await expect(a.getByTestId('sync-status')).toContainText('Synced', { timeout: 20_000 });

	const ids = await server.docIds(db);
	expect(ids.filter((id) => id.startsWith('r:'))).toHaveLength(3);
	expect(new Set(ids).size).toBe(ids.length);

	// A second device takes exactly those three answers.
	const b = await device(browser);
	await signIn(b, 'cal', 'cal-password-1');
	expect(await storedReviewCount(b)).toBe(3);
	expect(await dueDates(b)).toEqual(await dueDates(a));
	await a.context().close();
	await b.context().close();
});

test('a wrong password says so and changes nothing', async ({ page }) => {
	await server.addUser('dee', 'dee-password-1');
	await page.goto('/settings');
	await page.getByLabel('User name').fill('dee');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('sync-message')).toHaveText('Wrong user name or password.');
	await expect(page.getByTestId('sync-status')).toContainText('Sync is off');
	await expect(page.getByLabel('Password')).toHaveValue('');
});

test("a learner's session cannot read another learner's database", async ({ request }) => {
	await server.addUser('eve', 'eve-password-1');
	const fay = await server.addUser('fay', 'fay-password-1');
	const session = await request.post('/couch/_session', {
		data: { name: 'eve', password: 'eve-password-1' }
	});
	expect(session.ok()).toBe(true);
	expect((await request.get('/couch/_session').then((r) => r.json())).userCtx.name).toBe('eve');
	const read = await request.get(`/couch/${fay}/_all_docs`);
	expect([401, 403]).toContain(read.status());
	const write = await request.post(`/couch/${fay}/_bulk_docs`, { data: { docs: [{ _id: 'r:x' }] } });
	// Refused whole (401/403), or each document refused (CouchDB's _bulk_docs answers 201 with an error for each).
	if (write.ok()) expect(await write.json()).toEqual([expect.objectContaining({ error: 'unauthorized' })]);
	else expect([401, 403]).toContain(write.status());
	expect(await server.docIds(fay)).toEqual([]);
	const own = await request.get(`/couch/userdb-${Buffer.from('eve').toString('hex')}/_all_docs`);
	expect(own.status()).toBe(200);
});

/** How many changes this browser has not yet sent. */
function storedOutboxCount(page: Page): Promise<number> {
	return storedCount(page, 'syncOutbox');
}
