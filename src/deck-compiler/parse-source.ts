import { parse as parseYaml } from 'yaml';
import * as v from 'valibot';
import { SourceFrontMatter, describeIssues } from './schema.ts';
import type { Passage, SourceDocument } from '../lib/model.ts';

/**
 * A source document is Markdown with YAML front matter. Blocks are separated by blank lines.
 * A heading carries its id at the end (`## Political relations {#political-relations}`);
 * any other block starts with an attribute line (`{#passage-id}` or `{#passage-id .meta}`).
 * A block that starts with `- ` is a list item; anything else is a paragraph.
 */
export function parseSource(file: string, raw: string): { document?: SourceDocument; errors: string[] } {
	const errors: string[] = [];
	const fail = (message: string) => errors.push(`${file}: ${message}`);
	const normalised = raw.replace(/\r\n?/g, '\n');
	const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(normalised);
	if (!match) {
		fail('must start with front matter between two "---" lines');
		return { errors };
	}
	let front: unknown;
	try {
		front = parseYaml(match[1] ?? '');
	} catch (e) {
		fail(`front matter is not valid YAML: ${(e as Error).message}`);
		return { errors };
	}
	const parsed = v.safeParse(SourceFrontMatter, front);
	if (!parsed.success) {
		for (const line of describeIssues(parsed.issues)) fail(`front matter: ${line}`);
		return { errors };
	}
	const meta = parsed.output;

	const passages: Passage[] = [];
	const seen = new Set<string>();
	let section: string | undefined;
	const blocks = (match[2] ?? '')
		.split(/\n[ \t]*\n/)
		.map((b) => b.replace(/^\n+|\n+$/g, ''))
		.filter((b) => b.trim() !== '');

	for (const block of blocks) {
		const heading = /^(#{1,2}) (.+?) \{#([a-z0-9-]+)\}$/.exec(block);
		let passage: Passage;
		if (heading) {
			const kind = heading[1] === '#' ? 'title' : 'heading';
			passage = { id: heading[3]!, kind, text: heading[2]!, meta: true };
			section = kind === 'heading' ? passage.id : undefined;
		} else {
			const attr = /^\{#([a-z0-9]+(?:-[a-z0-9]+)*)((?: \.[a-z]+)*)\}\n([\s\S]+)$/.exec(block);
			if (!attr) {
				fail(`this block has no id line such as {#passage-id}: "${block.slice(0, 60)}"`);
				continue;
			}
			const classes = (attr[2] ?? '').trim().split(/\s+/).filter(Boolean);
			const unknown = classes.filter((c) => c !== '.meta');
			if (unknown.length) fail(`passage ${attr[1]}: unknown class ${unknown.join(' ')}`);
			const body = attr[3]!;
			if (body.includes('\n')) fail(`passage ${attr[1]}: a passage is one line of text`);
			const item = body.startsWith('- ');
			passage = {
				id: attr[1]!,
				kind: item ? 'item' : 'paragraph',
				text: item ? body.slice(2) : body,
				meta: classes.includes('.meta')
			};
			if (section) passage.section = section;
		}
		if (passage.text.trim() !== passage.text || passage.text === '') {
			fail(`passage ${passage.id}: text is empty or has spaces at either end`);
		}
		if (seen.has(passage.id)) fail(`passage ${passage.id}: id is used twice`);
		seen.add(passage.id);
		passages.push(passage);
	}
	if (!passages.some((p) => !p.meta)) fail('has no passage to teach');

	const document: SourceDocument = {
		id: meta.id,
		title: meta.title,
		shortTitle: meta.short_title,
		publisher: meta.publisher,
		attribution: meta.attribution,
		licence: meta.licence,
		passages
	};
	if (meta.title_note) document.titleNote = meta.title_note;
	if (meta.issue) document.issue = meta.issue;
	if (meta.date) document.date = meta.date;
	if (meta.licence_url) document.licenceUrl = meta.licence_url;
	if (meta.mended) document.mended = meta.mended;
	return { document, errors };
}
