import { describe, expect, it } from 'vitest';
import type { Card } from '$lib/model.ts';
import { escapeHtml, passageCardsHtml } from './passage-cards.ts';

const card = (id: string, question: string, answer: string, topics: string[]) =>
	({ id, question, answer, topics }) as unknown as Card;

describe('a passage’s cards as HTML', () => {
	it('escapes every character that could open markup or leave an attribute', () => {
		expect(escapeHtml(`<b>"A" & 'B'</b>`)).toBe('&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;');
	});

	it('gives each card its question, answer and topic titles, in order, as the page’s list items', () => {
		const html = passageCardsHtml(
			[
				card('c1', 'Who <visited>?', 'The president & his team', ['visit', 'gas']),
				card('c2', 'When?', '2022', [])
			],
			(id) => ({ visit: 'The “state” visit', gas: 'Gas' })[id] ?? id
		);
		expect(html).toBe(
			'<li><p class="q">Who &lt;visited&gt;?</p><p class="a"><strong>The president &amp; his team</strong></p>' +
				'<ul class="chips" aria-label="Topics"><li class="chip">The “state” visit</li><li class="chip">Gas</li></ul></li>' +
				'<li><p class="q">When?</p><p class="a"><strong>2022</strong></p><ul class="chips" aria-label="Topics"></ul></li>'
		);
	});
});
