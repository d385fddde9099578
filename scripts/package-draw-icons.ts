import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../core/project-path';
import { encodePng, type RgbaImage } from './package-png';

/**
 * Draws the app's two Teams icons: three colleagues (circles) from different schools joined into
 * one community. A shape is a function saying whether a point lies inside it; each pixel is
 * sampled 4x4 times for smooth edges. Run `npx tsx scripts/package-draw-icons.ts` after a change.
 */
type Shape = (x: number, y: number) => boolean;

const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A line with round ends: every point within `width / 2` of the segment. */
function bar(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
    return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= (width / 2) ** 2;
  };
}

function roundedSquare(size: number, radius: number): Shape {
  return (x, y) => {
    const cx = Math.min(Math.max(x, radius), size - radius);
    const cy = Math.min(Math.max(y, radius), size - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

/** The community mark in a unit box (0..1): three people on a ring, joined. */
function communityMark(size: number, strokeScale: number): Shape {
  const at = (u: number) => u * size;
  const points: [number, number][] = [
    [0.5, 0.24],
    [0.26, 0.68],
    [0.74, 0.68],
  ];
  const links = points.map(([x, y], i) => {
    const [nx, ny] = points[(i + 1) % points.length] ?? [x, y];
    return bar(at(x), at(y), at(nx), at(ny), at(0.045 * strokeScale));
  });
  const people = points.map(([x, y]) => circle(at(x), at(y), at(0.12)));
  const faces = points.map(([x, y]) => circle(at(x), at(y), at(0.12 - 0.05 * strokeScale)));
  // Outlined people keep the links from showing through them.
  return union(...people.map((person, i) => minus(person, faces[i] ?? (() => false))), minus(union(...links), union(...people)));
}

function render(size: number, paint: (x: number, y: number) => [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = paint(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          // Premultiply so edges blend towards transparent, not towards black.
          sum[0] = (sum[0] ?? 0) + r * a;
          sum[1] = (sum[1] ?? 0) + g * a;
          sum[2] = (sum[2] ?? 0) + b * a;
          sum[3] = (sum[3] ?? 0) + a;
        }
      }
      const alpha = sum[3] ?? 0;
      const index = (py * size + px) * 4;
      if (alpha > 0) {
        pixels[index] = Math.round((sum[0] ?? 0) / alpha);
        pixels[index + 1] = Math.round((sum[1] ?? 0) / alpha);
        pixels[index + 2] = Math.round((sum[2] ?? 0) / alpha);
        pixels[index + 3] = Math.round(alpha / (samples * samples));
      }
    }
  }
  return { width: size, height: size, pixels };
}

const brand: [number, number, number] = [0x1d, 0x5c, 0x7a];
const white: [number, number, number] = [0xff, 0xff, 0xff];

/** 192x192, full colour: a white mark on the brand colour, filling the square as Teams expects. */
export function drawColourIcon(): RgbaImage {
  const size = 192;
  const tile = roundedSquare(size, 36);
  const mark = communityMark(size, 1.6);
  return render(size, (x, y) => (mark(x, y) ? [...white, 255] : tile(x, y) ? [...brand, 255] : [0, 0, 0, 0]));
}

/** 32x32, white on transparent: Teams tints it for the app bar. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const mark = communityMark(size, 1.3);
  return render(size, (x, y) => (mark(x, y) ? [...white, 255] : [...white, 0]));
}

if (require.main === module) {
  const folder = projectPath('appPackage');
  fs.writeFileSync(path.join(folder, 'color.png'), encodePng(drawColourIcon()));
  fs.writeFileSync(path.join(folder, 'outline.png'), encodePng(drawOutlineIcon()));
  process.stdout.write(`Wrote ${path.join(folder, 'color.png')} and outline.png\n`);
}
