/**
 * The app icon, drawn at any size: a blue rounded square holding a white grid of apps.
 *
 * Shapes are signed distance fields, so every size is drawn from the geometry itself (crisp
 * at 16 px, smooth at 1024 px) instead of being scaled down from one large bitmap.
 */

const BLUE = [0x0a, 0x63, 0xc9];

// Apple's icon grid: an 824-unit body centred on a 1024-unit canvas with a ~185-unit radius,
// so the Dock shows our icon at the same visual size as its neighbours.
const BODY = { centre: 0.5, half: 412 / 1024, radius: 185 / 1024 };
const TILE_HALF = 0.095;
const TILE_RADIUS = 0.04;
const TILE_CENTRES = [0.385, 0.615];

/** Distance from (x, y) to a rounded square: negative inside, positive outside. */
function roundedSquareDistance(x, y, cx, cy, half, radius) {
  const qx = Math.abs(x - cx) - half + radius;
  const qy = Math.abs(y - cy) - half + radius;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function circleDistance(x, y, cx, cy, radius) {
  return Math.hypot(x - cx, y - cy) - radius;
}

/** Distance to the glyph: three app tiles and, bottom right, a round one for the licence. */
function glyphDistance(x, y) {
  const [near, far] = TILE_CENTRES;
  return Math.min(
    roundedSquareDistance(x, y, near, near, TILE_HALF, TILE_RADIUS),
    roundedSquareDistance(x, y, far, near, TILE_HALF, TILE_RADIUS),
    roundedSquareDistance(x, y, near, far, TILE_HALF, TILE_RADIUS),
    circleDistance(x, y, far, far, TILE_HALF),
  );
}

/** How much of a pixel a shape covers, from its distance in pixels at the pixel's centre. */
function coverage(distanceInPixels) {
  return Math.min(1, Math.max(0, 0.5 - distanceInPixels));
}

/**
 * The icon's pixels at one size.
 *
 * @param {number} size width and height in pixels
 * @returns {Uint8Array} straight RGBA, row by row from the top
 */
export function drawAppIcon(size) {
  const pixels = new Uint8Array(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const x = (column + 0.5) / size;
      const y = (row + 0.5) / size;
      const body = coverage(roundedSquareDistance(x, y, BODY.centre, BODY.centre, BODY.half, BODY.radius) * size);
      if (body === 0) continue;
      const glyph = coverage(glyphDistance(x, y) * size);
      const at = (row * size + column) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[at + channel] = Math.round(BLUE[channel] + (255 - BLUE[channel]) * glyph);
      }
      pixels[at + 3] = Math.round(255 * body);
    }
  }
  return pixels;
}
