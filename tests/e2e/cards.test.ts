import { expect, test } from '@playwright/test';

function countOf(text: string | null): [number, number] {
	const m = /(\d+) of (\d+) cards/.exec(text ?? '');
	if (!m) throw new Error(`no count in "${text}"`);
	return [Number(m[1]), Number(m[2])];
}

test('the card browser filters by topic and document and searches questions and answers', async ({
	page
}) => {
	await page.goto('/cards');
	const status = page.getByRole('status');
	await expect(status).toHaveText(/(\d+) of \1 cards/);
	const [, total] = countOf(await status.textContent());
	expect(total).toBeGreaterThan(1);

	await page.getByRole('combobox', { name: 'Document' }).selectOption('encyclopedia');
	const [inEncyclopedia] = countOf(await status.textContent());
	expect(inEncyclopedia).toBeLessThan(total);
	for (const sources of await page.locator('.card-list .sources').allTextContents()) {
		expect(sources).toContain('Encyclopedia');
	}
	await expect(page).toHaveURL(/document=encyclopedia/);

	await page.getByLabel('Search').fill('Gurbanguly');
	await expect(page.locator('.card-list > li').first()).toContainText('Gurbanguly');
	const [found] = countOf(await status.textContent());
	expect(found).toBeGreaterThan(0);
	expect(found).toBeLessThanOrEqual(inEncyclopedia);

	await page.getByLabel('Search').fill('zzzz no such words');
	await expect(page.getByText('No card matches these filters.')).toBeVisible();

	// The filters live in the address: a reload keeps them.
	await page.getByLabel('Search').fill('');
	await page.getByRole('combobox', { name: 'Topic' }).selectOption('diplomacy');
	await page.reload();
	await expect(page.getByRole('combobox', { name: 'Topic' })).toHaveValue('diplomacy');
	await expect(page.getByRole('combobox', { name: 'Document' })).toHaveValue('encyclopedia');
});

test("each card's passage link lands on its passage with the quote highlighted", async ({ page }) => {
	await page.goto('/cards');
	const links = page.locator('.card-list .sources a');
	// The list is rendered in the browser: wait for it before counting.
	await expect(links.first()).toBeVisible();
	const n = await links.count();
	expect(n).toBeGreaterThan(0);
	// Follow a spread of links across the deck, not only the first.
	for (const i of [0, Math.floor(n / 2), n - 1]) {
		await page.goto('/cards');
		const link = links.nth(i);
		const href = (await link.getAttribute('href'))!;
		const url = new URL(href, 'http://x');
		const quote = url.searchParams.get('quote')!;
		await link.click();
		await expect(page).toHaveURL(new RegExp(`/read/${url.pathname.split('/').pop()}`));
		const passage = page.locator(`section${url.hash}`);
		await expect(passage.locator('mark')).toHaveText(quote);
		await expect(passage).toBeInViewport();
	}
});
