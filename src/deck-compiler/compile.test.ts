import { describe, expect, it } from 'vitest';
import { compileDeck, ContentError, type ContentFile } from './compile.ts';
import { loadDeck } from './load.ts';
import { filterCards } from '../lib/deck/search.ts';
import { splitAtQuote } from '../lib/deck/highlight.ts';

const source = (
	body = '{#p1}\nThe river flows north to the sea.\n\n{#p2 .meta}\nMasthead line.'
): ContentFile => ({
	file: 'content/sources/doc.md',
	text: `---\nid: doc\ntitle: A document\nshort_title: Doc\npublisher: Someone\nattribution: By someone.\nlicence: CC BY-SA 4.0\n---\n\n# A document {#title}\n\n${body}\n`
});

const card = (over: Record<string, string> = {}) => {
	const c = {
		id: 'river-direction',
		question: 'Which way does the river flow?',
		answer: 'North',
		quote: 'flows north',
		passage: 'p1',
		document: 'doc',
		choices: '[South, East, West]',
		...over
	};
	return `  - id: ${c.id}
    question: ${c.question}
    answer: ${c.answer}
    refs:
      - document: ${c.document}
        passage: ${c.passage}
        quote: ${c.quote}
    choices: ${c.choices}
    accept: []
`;
};

const cardFile = (cards: string, topic = 'rivers'): ContentFile => ({
	file: `content/cards/${topic}.yaml`,
	text: `topic:\n  id: ${topic}\n  title: Rivers\n  description: Where rivers go.\ncards:\n${cards}`
});

function problemsOf(sources: ContentFile[], cards: ContentFile[]): string[] {
	try {
		compileDeck(sources, cards);
	} catch (e) {
		if (e instanceof ContentError) return e.problems;
		throw e;
	}
	return [];
}

describe('the content compiler', () => {
	it('compiles the real deck, with every quote found in its passage', () => {
		const deck = loadDeck(process.cwd());
		expect(deck.documents.map((d) => d.id).sort()).toEqual(['encyclopedia', 'magazine-2022']);
		expect(deck.cards.length).toBeGreaterThan(0);
		for (const c of deck.cards) {
			for (const r of c.refs) {
				const passage = deck.documents
					.find((d) => d.id === r.document)!
					.passages.find((p) => p.id === r.passage)!;
				expect(passage.text).toContain(r.quote);
			}
			expect(c.choices).toHaveLength(3);
		}
		expect(new Set(deck.cards.map((c) => c.id)).size).toBe(deck.cards.length);
	});

	it('keeps the text of the source passages word for word', () => {
		const deck = loadDeck(process.cwd());
		const enc = deck.documents.find((d) => d.id === 'encyclopedia')!;
		expect(enc.passages.find((p) => p.id === 'state-visit-2013')!.text).toBe(
			'On 10–11 May 2013, President of Turkmenistan Gurbanguly Berdimuhamedow paid a state visit to Kazakhstan, during which he met with President Nursultan Nazarbayev and took part in the official inauguration ceremony of the Turkmenistan–Kazakhstan section of the transnational International North–South railway.'
		);
		const items = enc.passages.filter((p) => p.kind === 'item');
		expect(items.every((p) => p.meta)).toBe(true);
	});

	it('compiles a valid minimal deck in reading order', () => {
		const deck = compileDeck([source()], [cardFile(card())]);
		expect(deck.cards[0]).toMatchObject({
			id: 'river-direction',
			topics: ['rivers'],
			accept: ['North'],
			order: 0
		});
		expect(deck.documents[0]!.passages.map((p) => [p.id, p.kind, p.meta])).toEqual([
			['title', 'title', true],
			['p1', 'paragraph', false],
			['p2', 'paragraph', true]
		]);
	});

	it.each([
		[
			'a quote that is not word for word in its passage',
			card({ quote: 'flows south' }),
			'quote is not in passage doc#p1'
		],
		['an unknown document', card({ document: 'nowhere' }), 'document nowhere does not exist'],
		['an unknown passage', card({ passage: 'p9' }), 'passage p9 does not exist in doc'],
		[
			'a wrong choice equal to the answer',
			card({ choices: '[north, East, West]' }),
			'a wrong choice is the answer itself'
		],
		[
			'a wrong choice given twice',
			card({ choices: '[South, south, West]' }),
			'wrong choice "South" is given twice'
		],
		[
			'two wrong choices instead of three',
			card({ choices: '[South, East]' }),
			'needs exactly 3 wrong choices'
		],
		['an empty question', card({ question: '""' }), 'question must not be empty'],
		[
			'an id that is not kebab case',
			card({ id: 'River_Direction' }),
			'must be lower-case words joined by hyphens'
		]
	])('refuses %s, naming the file and the card', (_, text, message) => {
		const problems = problemsOf([source()], [cardFile(text)]);
		expect(problems.join('\n')).toContain(message);
		expect(problems.join('\n')).toContain('content/cards/rivers.yaml');
	});

	it('refuses a card id used twice', () => {
		const problems = problemsOf([source()], [cardFile(card() + card())]);
		expect(problems).toContain('content/cards/rivers.yaml: card river-direction: id is used by another card');
	});

	it('refuses a topic no card file declares', () => {
		const text = card().replace('    accept: []\n', '    accept: []\n    topics: [oceans]\n');
		expect(problemsOf([source()], [cardFile(text)]).join('\n')).toContain('topic oceans does not exist');
	});

	it('refuses a card file that is not YAML, or a card with an unknown field', () => {
		expect(problemsOf([source()], [{ file: 'content/cards/x.yaml', text: 'topic: [' }]).join('\n')).toContain(
			'content/cards/x.yaml: not valid YAML'
		);
		const extra = card().replace('    accept: []\n', '    accept: []\n    answr: typo\n');
		expect(problemsOf([source()], [cardFile(extra)]).join('\n')).toContain('card river-direction');
	});

	it('refuses a topic with the same id as a document', () => {
		expect(problemsOf([source()], [cardFile(card(), 'doc')]).join('\n')).toContain('same id as a document');
	});

	it('refuses a source block without an id line, and a passage id used twice', () => {
		const noId = problemsOf([source('Just some text.')], []);
		expect(noId.join('\n')).toContain('content/sources/doc.md: this block has no id line');
		const twice = problemsOf([source('{#p1}\nOne.\n\n{#p1}\nTwo.')], []);
		expect(twice.join('\n')).toContain('passage p1: id is used twice');
	});

	it('refuses a source without front matter or with a missing attribution', () => {
		expect(problemsOf([{ file: 'a.md', text: '{#p1}\nText.' }], []).join('\n')).toContain('front matter');
		const bad = source().text.replace('attribution: By someone.\n', '');
		expect(problemsOf([{ file: 'a.md', text: bad }], []).join('\n')).toContain('attribution');
	});
});

describe('card search and quote highlight', () => {
	const deck = compileDeck([source()], [cardFile(card())]);
	it('finds cards by words of question or answer, ignoring case and accents', () => {
		expect(filterCards(deck.cards, { query: 'RIVER' })).toHaveLength(1);
		expect(filterCards(deck.cards, { query: 'nórth' })).toHaveLength(1);
		expect(filterCards(deck.cards, { query: 'river ocean' })).toHaveLength(0);
		expect(filterCards(deck.cards, { topic: 'other' })).toHaveLength(0);
		expect(filterCards(deck.cards, { document: 'doc' })).toHaveLength(1);
	});
	it('splits a passage around its quote, or says it is not there', () => {
		expect(splitAtQuote('a b c', 'b')).toEqual({ before: 'a ', quote: 'b', after: ' c' });
		expect(splitAtQuote('a b c', 'd')).toBeNull();
		expect(splitAtQuote('a b c', '')).toBeNull();
	});
});
