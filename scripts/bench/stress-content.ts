// Writes a synthetic deck for the stress benchmark: two documents and 10,000 cards in ten topics.
// Usage: tsx scripts/bench/stress-content.ts <folder>
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STRESS_CARDS = 10_000;
const TOPICS = 10;
const PASSAGES_PER_DOCUMENT = 500;

export function writeStressContent(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(join(folder, 'sources'), { recursive: true });
	mkdirSync(join(folder, 'cards'), { recursive: true });
	for (const doc of ['alpha', 'beta']) {
		const blocks = [
			`---\nid: doc-${doc}\ntitle: Synthetic document ${doc}\nshort_title: ${doc}\npublisher: Benchmark\nattribution: Generated for the benchmark.\nlicence: none\n---\n`,
			`# Synthetic document ${doc} {#title}\n`
		];
		for (let p = 0; p < PASSAGES_PER_DOCUMENT; p++) {
			const facts = Array.from({ length: 10 }, (_, k) => `Item ${p}-${k} of ${doc} is number ${p * 10 + k}.`);
			blocks.push(`{#p${p}}\n${facts.join(' ')}\n`);
		}
		writeFileSync(join(folder, 'sources', `${doc}.md`), blocks.join('\n'));
	}
	const perTopic = STRESS_CARDS / TOPICS;
	for (let t = 0; t < TOPICS; t++) {
		const lines = [
			`topic:\n  id: topic-${t}\n  title: Topic ${t}\n  description: Synthetic topic ${t}.\ncards:`
		];
		for (let i = 0; i < perTopic; i++) {
			const n = t * perTopic + i;
			const doc = n % 2 ? 'beta' : 'alpha';
			const p = Math.floor(n / 2) % PASSAGES_PER_DOCUMENT;
			const k = Math.floor(n / 2 / PASSAGES_PER_DOCUMENT) % 10;
			lines.push(
				`  - id: stress-${n}`,
				`    question: Which number is item ${p}-${k} of ${doc}? (card ${n})`,
				`    answer: "${p * 10 + k}"`,
				`    refs:`,
				`      - { document: doc-${doc}, passage: p${p}, quote: "Item ${p}-${k} of ${doc} is number ${p * 10 + k}." }`,
				`    choices: ["x${n}a", "x${n}b", "x${n}c"]`,
				`    accept: []`
			);
		}
		writeFileSync(join(folder, 'cards', `topic-${t}.yaml`), lines.join('\n') + '\n');
	}
}

if (process.argv[1]?.endsWith('stress-content.ts')) {
	const folder = process.argv[2];
	if (!folder) throw new Error('usage: tsx scripts/bench/stress-content.ts <folder>');
	writeStressContent(folder);
	console.log(`wrote ${STRESS_CARDS} cards to ${folder}`);
}
