// The app's icon, drawn once here and written as static/favicon.svg and the PNGs the web app
// manifest and iOS need. Pure Node (no image library): a few shapes, measured by their signed
// distance, sampled 4×4 per pixel, written as PNG with node:zlib.
//
//   npm run icons            write the files into static/
//   scripts/icons.test.ts    fails when a committed file differs from what this script draws
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Rgb = readonly [number, number, number];
type Point = readonly [number, number];

/** The design, on a 64-unit square. */
type Shape =
	| { kind: 'rect'; x: number; y: number; w: number; h: number; r: number; fill: string }
	| {
			kind: 'rect-stroke';
			x: number;
			y: number;
			w: number;
			h: number;
			r: number;
			stroke: string;
			width: number;
	  }
	| { kind: 'line'; points: Point[]; stroke: string; width: number };

const BLUE = '#1f5f8b';
const WHITE = '#ffffff';
const GOLD = '#f2b134';

/** Two cards, the front one ticked: what you do with flashcards. */
const artwork: Shape[] = [
	{ kind: 'rect', x: 14, y: 16, w: 36, h: 26, r: 4, fill: WHITE },
	{ kind: 'rect', x: 18, y: 22, w: 28, h: 26, r: 4, fill: GOLD },
	{ kind: 'rect-stroke', x: 18, y: 22, w: 28, h: 26, r: 4, stroke: BLUE, width: 2 },
	{
		kind: 'line',
		points: [
			[26, 35],
			[31, 40],
			[40, 30]
		],
		stroke: BLUE,
		width: 4
	}
];

/** The icon as browsers show it: a rounded tile. */
const tile: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: 64, h: 64, r: 14, fill: BLUE }, ...artwork];
/** For masks (Android's adaptive icons, iOS): edge to edge, the artwork inside the central safe circle. */
const square: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: 64, h: 64, r: 0, fill: BLUE }, ...artwork];

function rgb(hex: string): Rgb {
	const n = Number.parseInt(hex.slice(1), 16);
	return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function roundedRectDistance(
	px: number,
	py: number,
	s: { x: number; y: number; w: number; h: number; r: number }
) {
	const qx = Math.abs(px - (s.x + s.w / 2)) - (s.w / 2 - s.r);
	const qy = Math.abs(py - (s.y + s.h / 2)) - (s.h / 2 - s.r);
	const ox = Math.max(qx, 0);
	const oy = Math.max(qy, 0);
	return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - s.r;
}

function segmentDistance(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	const ex = px - (ax + t * dx);
	const ey = py - (ay + t * dy);
	return Math.sqrt(ex * ex + ey * ey);
}

/** How far a point is outside the painted part of a shape (negative inside); never changes faster than the point moves. */
function distance(shape: Shape, x: number, y: number): number {
	switch (shape.kind) {
		case 'rect':
			return roundedRectDistance(x, y, shape);
		case 'rect-stroke':
			return Math.abs(roundedRectDistance(x, y, shape)) - shape.width / 2;
		case 'line': {
			let nearest = Infinity;
			for (let i = 1; i < shape.points.length; i++) {
				nearest = Math.min(nearest, segmentDistance(x, y, shape.points[i - 1]!, shape.points[i]!));
			}
			return nearest - shape.width / 2;
		}
	}
}

function colour(shape: Shape): string {
	return shape.kind === 'rect' ? shape.fill : shape.stroke;
}

const SAMPLES = 4;

/** The colour the topmost shape under a point paints there, as in SVG's painting order. */
function paint(shapes: Shape[], colours: Rgb[], x: number, y: number): Rgb | null {
	for (let i = shapes.length - 1; i >= 0; i--) {
		if (distance(shapes[i]!, x, y) <= 0) return colours[i]!;
	}
	return null;
}

/** RGBA pixels of the shapes drawn at size×size. */
function rasterize(shapes: Shape[], size: number): Buffer {
	const pixels = Buffer.alloc(size * size * 4);
	const colours = shapes.map((s) => rgb(colour(s)));
	const unit = 64 / size;
	const halfDiagonal = (unit * Math.SQRT2) / 2;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			const o = (py * size + px) * 4;
			const cx = (px + 0.5) * unit;
			const cy = (py + 0.5) * unit;
			// Far from every edge, all samples agree: one is enough, and the result is the same.
			if (shapes.every((s) => Math.abs(distance(s, cx, cy)) > halfDiagonal)) {
				const c = paint(shapes, colours, cx, cy);
				if (c) {
					pixels.set(c, o);
					pixels[o + 3] = 255;
				}
				continue;
			}
			let r = 0;
			let g = 0;
			let b = 0;
			let covered = 0;
			for (let sy = 0; sy < SAMPLES; sy++) {
				for (let sx = 0; sx < SAMPLES; sx++) {
					const c = paint(
						shapes,
						colours,
						(px + (sx + 0.5) / SAMPLES) * unit,
						(py + (sy + 0.5) / SAMPLES) * unit
					);
					if (c) {
						r += c[0];
						g += c[1];
						b += c[2];
						covered++;
					}
				}
			}
			if (covered > 0) {
				pixels[o] = Math.round(r / covered);
				pixels[o + 1] = Math.round(g / covered);
				pixels[o + 2] = Math.round(b / covered);
				pixels[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
			}
		}
	}
	return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** A PNG of RGBA pixels: 8 bits per channel, no filtering, deflated. */
export function encodePng(pixels: Buffer, size: number): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type: RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

function toSvg(shapes: Shape[]): string {
	const body = shapes.map((s) => {
		switch (s.kind) {
			case 'rect':
				return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`;
			case 'rect-stroke':
				return `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
			case 'line':
				return `<polyline points="${s.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}" stroke-linecap="round" stroke-linejoin="round"/>`;
		}
	});
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${body.join('')}</svg>\n`;
}

/** Every icon file, by its path under static/. */
export function drawIcons(): Map<string, Buffer> {
	return new Map([
		['favicon.svg', Buffer.from(toSvg(tile))],
		['icons/icon-192.png', encodePng(rasterize(tile, 192), 192)],
		['icons/icon-512.png', encodePng(rasterize(tile, 512), 512)],
		['icons/maskable-512.png', encodePng(rasterize(square, 512), 512)],
		// iOS ignores transparency and rounds the corners itself.
		['apple-touch-icon.png', encodePng(rasterize(square, 180), 180)]
	]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'static');
	for (const [path, bytes] of drawIcons()) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), bytes);
		console.log(`static/${path}  ${bytes.length} bytes`);
	}
}
