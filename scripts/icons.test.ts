import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcons } from './icons.ts';

/** The size and the uncompressed scanlines of a PNG, so that two encoders' bytes may differ. */
function decode(png: Buffer): { width: number; height: number; rows: Buffer } {
	let offset = 8;
	const data: Buffer[] = [];
	let width = 0;
	let height = 0;
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('ascii', offset + 4, offset + 8);
		const body = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR') {
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
		}
		if (type === 'IDAT') data.push(body);
		offset += 12 + length;
	}
	return { width, height, rows: inflateSync(Buffer.concat(data)) };
}

describe('the committed icons', () => {
	const drawn = drawIcons();

	it.each([...drawn.keys()])('static/%s is what scripts/icons.ts draws (run `npm run icons`)', (path) => {
		const committed = readFileSync(join('static', path));
		const expected = drawn.get(path)!;
		if (path.endsWith('.png')) {
			const [a, b] = [decode(committed), decode(expected)];
			expect([a.width, a.height]).toEqual([b.width, b.height]);
			// Buffer.equals: a deep comparison of a megabyte of pixels would take seconds.
			expect(a.rows.equals(b.rows)).toBe(true);
		} else {
			expect(committed.toString()).toBe(expected.toString());
		}
	});

	it('are the sizes the manifest promises', () => {
		const manifest = JSON.parse(readFileSync('static/manifest.webmanifest', 'utf8')) as {
			icons: { src: string; sizes: string }[];
		};
		for (const icon of manifest.icons.filter((i) => i.src.endsWith('.png'))) {
			const { width, height } = decode(drawn.get(icon.src.slice(1))!);
			expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
		}
	});
});
