// The core flows of the app in Firefox: review with reload and Undo, a quiz, offline with the server stopped,
// export and import. The same flows run in Chromium in tests/e2e/; these check Firefox's IndexedDB, storage and
// service worker behave for the app as Chromium's do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, KeyInput, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDeck } from '../../src/deck-compiler/load.ts';
import { buildQuestions, pickCards } from '../../src/lib/quiz/questions.ts';
import { quizScopes } from '../../src/lib/quiz/scope.ts';
import type { StaticServer } from '../e2e/support/static-server.ts';
import {
	clickButton,
	launchFirefox,
	reviewCounts,
	serveBuild,
	storedReviewCount,
	textOf,
	waitFor
} from './support/firefox.ts';

const deck = loadDeck(process.cwd());

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
	server = await serveBuild();
	browser = await launchFirefox();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

afterEach(async () => {
	await context?.close();
});

/** A fresh browser profile's worth of storage: a new context, as a new user would have. */
async function freshPage(): Promise<Page> {
	context = await browser.createBrowserContext();
	return context.newPage();
}

async function openReview(page: Page, base = server.url): Promise<string> {
	await page.goto(`${base}/review`);
	await page.waitForSelector('#review-question', { timeout: 30_000 });
	return (await textOf(page, '#review-question'))!;
}

/** Shows the answer and rates the card by keyboard; resolves once the next card (or the day's end) shows. */
async function answerByKeys(page: Page, rating: '1' | '2' | '3' | '4'): Promise<void> {
	await page.keyboard.press(' ');
	await page.waitForSelector('#review-answer');
	await page.keyboard.press(rating);
	await waitFor(page, 'the next card', () => !document.querySelector('#review-answer'));
}

async function untilStored(page: Page, count: number): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if ((await storedReviewCount(page)) === count) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	expect(await storedReviewCount(page)).toBe(count);
}

describe('Firefox', () => {
	it('reviews cards by keyboard, keeps them over a reload, and Undo after the reload takes one back', async () => {
		const page = await freshPage();
		await openReview(page);
		const start = await reviewCounts(page);
		await answerByKeys(page, '3');
		const second = (await textOf(page, '#review-question'))!;
		await answerByKeys(page, '1');
		await untilStored(page, 2);
		const after = await reviewCounts(page);
		expect(after[0]).toBe(start[0]! - 2);
		expect(after[1]).toBe(2);

		await page.reload();
		await page.waitForSelector('#review-question');
		expect(await reviewCounts(page)).toEqual(after);

		// Undo survives the reload (the screen's snapshot) and takes back the last answer.
		await page.keyboard.press('z');
		await untilStored(page, 1);
		await waitFor(page, 'the card answered last', () => !!document.querySelector('#review-question'));
		expect(await textOf(page, '#review-question')).toBe(second);
		expect(await reviewCounts(page)).toEqual([start[0]! - 1, 1, start[2]!]);
	});

	it('runs a topic quiz to its results, and keeps them in the quiz history', async () => {
		const page = await freshPage();
		const topics = quizScopes(deck).filter((s) => s.kind === 'topic');
		const topic = topics.reduce((a, b) => (b.cards.length > a.cards.length ? b : a));
		const seed = 7;
		const questions = buildQuestions(pickCards(topic.cards, 5, seed), seed);
		// This seed asks all three forms: choice, true or false, typed.
		expect(new Set(questions.map((q) => q.form)).size).toBe(3);
		await page.goto(`${server.url}/quiz/${topic.id}?length=5&seed=${seed}`);
		for (const [i, q] of questions.entries()) {
			await waitFor(page, `question ${i + 1}`, () => !!document.querySelector('#question-prompt'));
			if (q.form === 'truefalse') {
				await page.keyboard.press(q.statementIsTrue ? 't' : 'f');
			} else if (q.form === 'typed') {
				const box = await page.waitForSelector('::-p-aria(Your answer)');
				await box!.type(q.card.answer);
				await page.keyboard.press('Enter');
			} else {
				const names = await page.$$eval('.choices button .text', (els) =>
					els.map((e) => e.textContent!.trim())
				);
				await page.keyboard.press(String(names.indexOf(q.card.answer) + 1) as KeyInput);
			}
			await waitFor(page, `the verdict on question ${i + 1}`, () =>
				document.querySelector('.feedback .verdict')?.textContent?.includes('Right')
			);
			await page.keyboard.press('Enter');
		}
		await waitFor(page, 'the results', () => !!document.querySelector('.results .score'));
		const total = questions.length;
		expect(await textOf(page, '.results .score')).toContain(`${total} / ${total}`);

		// The results stay on reload: the address names the finished quiz.
		await waitFor(page, 'the address of the finished quiz', () => location.search.includes('quiz='));
		await page.reload();
		await waitFor(page, 'the results again', () =>
			document.querySelector('.results .score')?.textContent?.includes('/')
		);
		expect(await textOf(page, '.results .score')).toContain(`${total} / ${total}`);

		await page.goto(`${server.url}/quiz`);
		const row = `li[data-scope="${topic.id}"]`;
		await waitFor(
			page,
			'the best score in the quiz list',
			(sel: string) => document.querySelector(sel)?.textContent?.includes('Best'),
			row
		);
		expect(await textOf(page, row)).toContain(`Best ${total} / ${total}`);
	});

	it('exports progress and imports it into a fresh browser, with the same review log', async () => {
		const page = await freshPage();
		await openReview(page);
		await answerByKeys(page, '3');
		await answerByKeys(page, '4');
		await untilStored(page, 2);
		const counts = await reviewCounts(page);

		// The file the app hands to the browser's download, read from the page (the download shelf is the
		// browser's own and is not what is tested).
		await page.goto(`${server.url}/stats`);
		await page.evaluate(() => {
			const make = URL.createObjectURL.bind(URL);
			URL.createObjectURL = (blob: Blob | MediaSource) => {
				if (blob instanceof Blob)
					void blob.text().then((text) => ((window as unknown as { file?: string }).file = text));
				return make(blob);
			};
		});
		await clickButton(page, 'Export progress');
		await waitFor(page, 'the exported file', () => (window as unknown as { file?: string }).file);
		const text = await page.evaluate(() => (window as unknown as { file: string }).file);
		const name = /Exported 2 reviews to (\S+\.json)\./.exec(
			await page.evaluate(() => document.body.innerText)
		)?.[1];
		expect(name).toMatch(/^kz-tm-study-backup-.*\.json$/);
		const saved = { name: name!, text };
		const backup = JSON.parse(saved.text) as { format: string; reviews: { id: string[] } };
		expect(backup.format).toBe('kz-tm-study-backup');
		expect(backup.reviews.id).toHaveLength(2);

		await context.close();
		const other = await freshPage();
		const dir = await mkdtemp(join(tmpdir(), 'firefox-backup-'));
		try {
			const file = join(dir, saved.name);
			await writeFile(file, saved.text);
			await other.goto(`${server.url}/stats`);
			const input = await other.waitForSelector('input[type="file"]');
			await input!.uploadFile(file);
			await waitFor(other, 'the import', () => document.body.innerText.includes('Imported 2 new reviews'));
			expect(await storedReviewCount(other)).toBe(2);
			// The same queue as in the browser the file came from.
			await openReview(other);
			expect(await reviewCounts(other)).toEqual(counts);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('works offline after one visit: the server stopped, screens load from the service worker and a review is kept', async () => {
		const own = await serveBuild();
		const page = await freshPage();
		await page.goto(`${own.url}/`);
		await page.evaluate(async () => {
			const container = navigator.serviceWorker;
			await container.ready;
			if (!container.controller) {
				await new Promise((done) => container.addEventListener('controllerchange', done, { once: true }));
			}
		});
		await waitFor(
			page,
			'the service worker',
			() => navigator.serviceWorker.controller?.state === 'activated'
		);

		await own.close();
		await openReview(page, own.url);
		await answerByKeys(page, '3');
		await untilStored(page, 1);
		await page.reload();
		await page.waitForSelector('#review-question');
		await page.goto(`${own.url}/`);
		await waitFor(page, "today's answers", () => /Answered today\s*1/.test(document.body.innerText));
		// Another screen, never opened before, loads from the cache too.
		await page.goto(`${own.url}/read`);
		await waitFor(page, 'the reader', () => !!document.querySelector('h1'));
		expect(await textOf(page, 'h1')).toBeTruthy();
	});
});
