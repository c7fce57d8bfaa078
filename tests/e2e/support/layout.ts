import { expect, type Page } from '@playwright/test';

/** How far the page scrolls sideways: 0 when nothing is wider than the screen. */
export function sidewaysScroll(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Everything that can be tapped and is smaller than 44×44 CSS pixels. Links inside a sentence are
 * exempt, as WCAG's target-size criteria exempt them: the sentence sets their size.
 */
export function smallTargets(page: Page, min = 44): Promise<string[]> {
	return page.evaluate((min) => {
		const describe = (el: Element, r: DOMRect) =>
			`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
		const inSentence = (el: HTMLElement) => {
			if (getComputedStyle(el).display !== 'inline') return false;
			let block = el.parentElement;
			while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
			const own = (el.textContent ?? '').trim().length;
			return !!block && (block.textContent ?? '').trim().length > own;
		};
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(
			'a[href], button, summary, input, select, textarea, [role="button"], [tabindex="0"]'
		)) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
			if (el.matches('.skip, .visually-hidden')) continue;
			if (el.tagName === 'A' && inSentence(el)) continue;
			// A checkbox or radio inside its label: a tap anywhere on the label sets it.
			const label = el.tagName === 'INPUT' ? el.closest('label') : null;
			if (label) {
				const l = label.getBoundingClientRect();
				if (l.width >= min && l.height >= min) continue;
			}
			if (r.width < min || r.height < min) small.push(describe(el, r));
		}
		return small;
	}, min);
}

/** Open every passage's cards on a document page: the most there is on it. */
export async function openAllCards(page: Page): Promise<void> {
	await page
		.locator('details')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

/** Shows every chart's numbers as a table (the stats page, once its last chart is drawn): the widest the page gets. */
export async function openAllTables(page: Page): Promise<void> {
	const busy = page.locator('[aria-busy="true"]');
	await expect(busy).toHaveCount(0);
	const show = page.getByRole('button', { name: /Show as a table/ });
	for (let i = 0; i < 20 && (await show.count()) > 0; i++) {
		const button = show.first();
		const table = page.locator(`[id="${await button.getAttribute('aria-controls')}"]`);
		await button.click();
		await expect(table).toBeVisible();
	}
}

/**
 * Table cells squeezed so narrow that their text breaks inside words (one letter a line): each with the
 * text that broke. A cell's text that fits on lines of whole words is fine.
 */
export function squeezedCells(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const squeezed: string[] = [];
		for (const cell of document.querySelectorAll<HTMLElement>('th, td')) {
			const text = (cell.textContent ?? '').trim();
			const longest = Math.max(0, ...text.split(/\s+/).map((w) => w.length));
			if (!cell.offsetParent || longest < 2) continue;
			// The widest word, set alone in the cell's font, must fit the cell's content box.
			const style = getComputedStyle(cell);
			const probe = document.createElement('span');
			probe.style.cssText = `font: ${style.font}; white-space: nowrap; position: absolute; visibility: hidden;`;
			probe.textContent = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
			document.body.append(probe);
			const word = probe.getBoundingClientRect().width;
			probe.remove();
			const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
			if (word > inner + 1)
				squeezed.push(`${cell.tagName.toLowerCase()} "${text.slice(0, 30)}" ${Math.round(inner)}px`);
		}
		return squeezed;
	});
}
