// The card fields that guard grading and ids: reject, allowReveal, lengthWhy, replaces, and retired ids.
import { describe, expect, it } from 'vitest';
import { compileDeck, ContentError, type ContentFile } from './compile.ts';

const source: ContentFile = {
	file: 'content/sources/doc.md',
	text: `---\nid: doc\ntitle: A document\nshort_title: Doc\npublisher: Someone\nattribution: By someone.\nlicence: CC BY-SA 4.0\n---\n\n# A document {#title}\n\n{#p1}\nThe river flows north to the sea.\n`
};

/** A card in YAML; `extra` lines are added as they are (indented four spaces). */
const card = (id: string, extra = '') => `  - id: ${id}
    question: Which way does the river flow?
    answer: North
    refs:
      - document: doc
        passage: p1
        quote: flows north
    choices: [South, East, West]
    accept: [North, Northward]
${extra}`;

const cards = (text: string): ContentFile => ({
	file: 'content/cards/rivers.yaml',
	text: `topic:\n  id: rivers\n  title: Rivers\n  description: Where rivers go.\ncards:\n${text}`
});
const retiredFile = (ids: string[]): ContentFile => ({
	file: 'content/retired-ids.yaml',
	text: `retired: [${ids.join(', ')}]\n`
});

function problemsOf(text: string, retired?: ContentFile): string {
	try {
		compileDeck([source], [cards(text)], retired);
	} catch (e) {
		if (e instanceof ContentError) return e.problems.join('\n');
		throw e;
	}
	return '';
}

describe('the fields that guard grading and ids', () => {
	it('compiles reject, allowReveal, lengthWhy and replaces into the deck, and the retired ids', () => {
		const deck = compileDeck(
			[source],
			[
				cards(
					card(
						'river-direction',
						`    reject: [South]
    allowReveal: [{ card: river-end, why: The sea is named as scenery. }]
    lengthWhy: The answer is a full phrase.
    replaces: [river-north, river-flow]
`
					) + card('river-end')
				)
			],
			retiredFile(['river-old'])
		);
		expect(deck.cards[0]).toMatchObject({
			id: 'river-direction',
			reject: ['South'],
			allowReveal: [{ card: 'river-end', why: 'The sea is named as scenery.' }],
			lengthWhy: 'The answer is a full phrase.',
			replaces: ['river-north', 'river-flow']
		});
		expect(deck.cards[1]).not.toHaveProperty('replaces');
		expect(deck.retired).toEqual(['river-old']);
	});

	it('refuses a rejected spelling that is also accepted', () => {
		expect(problemsOf(card('river-direction', '    reject: [northward]\n'))).toContain(
			'card river-direction: rejected answer "northward" is also an accepted answer'
		);
	});

	it('refuses allowReveal naming no card, or the card itself', () => {
		expect(problemsOf(card('a', '    allowReveal: [{ card: nowhere, why: Because. }]\n'))).toContain(
			'card a: allowReveal names nowhere, which is not a card'
		);
		expect(problemsOf(card('a', '    allowReveal: [{ card: a, why: Because. }]\n'))).toContain(
			'allowReveal names the card itself'
		);
		expect(problemsOf(card('a', '    allowReveal: [{ card: b }]\n') + card('b'))).toContain('why');
	});

	it('refuses a live card whose id is retired', () => {
		expect(problemsOf(card('river-old'), retiredFile(['river-old']))).toContain(
			'card river-old: id is retired'
		);
	});

	it('refuses a live card whose id another card replaces', () => {
		expect(problemsOf(card('a', '    replaces: [b]\n') + card('b'))).toContain(
			"card a: replaces b, which is a live card's id"
		);
	});

	it('refuses an id named in two replaces lists, or retired and replaced', () => {
		expect(problemsOf(card('a', '    replaces: [old]\n') + card('b', '    replaces: [old]\n'))).toContain(
			'replaces old, which card a replaces too'
		);
		expect(problemsOf(card('a', '    replaces: [old]\n'), retiredFile(['old']))).toContain(
			'card a: replaces old, which is retired with no successor'
		);
		expect(problemsOf(card('a', '    replaces: [a]\n'))).toContain('card a: replaces its own id');
	});

	it('refuses a retired-ids file that is not a list of ids', () => {
		expect(
			problemsOf(card('a'), { file: 'content/retired-ids.yaml', text: 'retired: [Not An Id]\n' })
		).toContain('content/retired-ids.yaml: retired.0 must be lower-case words joined by hyphens');
		expect(problemsOf(card('a'), retiredFile(['x', 'x']))).toContain('x is listed twice');
	});
});
