// Bad addresses never break a page: malformed encodings and unknown names get the app's own words and links.
import { expect, test, type Page } from '@playwright/test';

// Each test loads several pages on a shared machine: room beyond the default 30 seconds.
test.describe.configure({ timeout: 120_000 });

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

test('a malformed hash in the reader shows the document and says the passage is unknown', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/read/encyclopedia#%ZZ');
	await expect(page.locator('article.document')).toBeVisible();
	await expect(page.getByRole('status')).toHaveText('This document has no passage called “%ZZ”.');
	expect(errors).toEqual([]);
});

test('an unknown topic on the cards page is named, with links to the real ones, and the page works', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/cards?topic=nonsense&q=%ZZ');
	const notice = page.getByRole('status').filter({ hasText: 'There is no topic called “nonsense”' });
	await expect(notice).toContainText('All cards are shown instead.');
	const topicLinks = notice.getByRole('link');
	expect(await topicLinks.count()).toBeGreaterThan(2);
	await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('%ZZ');
	// The filters still reach the address once the page is ready.
	await page.getByRole('searchbox', { name: 'Search' }).fill('Ashgabat');
	await expect(page).toHaveURL(/[?&]q=Ashgabat/);
	await expect(page).not.toHaveURL(/topic=nonsense/);
	// A topic link opens the cards of that topic.
	const first = topicLinks.first();
	const name = (await first.textContent())!.trim();
	await first.click();
	await expect(page).toHaveURL(/\/cards\?topic=/);
	await expect(page.getByRole('combobox', { name: 'Topic' }).locator('option:checked')).toHaveText(name);
	expect(errors).toEqual([]);
});

test('an unknown quiz topic and an unknown document get the app’s own not-found page with links', async ({
	page
}) => {
	const errors = watchErrors(page);
	await page.goto('/quiz/nonsense');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('There is no topic or document called “nonsense”');
	const ways = page.getByRole('navigation', { name: 'Where to go instead' });
	await expect(ways.getByRole('link', { name: 'The documents' })).toHaveAttribute('href', '/read');
	await ways.getByRole('link', { name: 'Quizzes by topic and document' }).click();
	await expect(page.getByRole('heading', { name: 'Start a quiz' })).toBeVisible();

	await page.goto('/read/no-such-document');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Where to go instead' }).getByRole('link')).toHaveCount(
		4
	);
	expect(errors).toEqual([]);
});
