/**
 * Writers (and readers, for the tests) of the two icon containers the installers want: Windows'
 * ICO and macOS' ICNS, both holding PNG images as they are. Both formats are a short header and
 * a table of entries; writing them here keeps the build free of a native image tool.
 *
 * ICO: https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10) — PNG entries are
 * read by Windows Vista and later. ICNS: the container Apple's `iconutil` writes; the PNG
 * element types and their pixel sizes are listed in {@link ICNS_TYPES}.
 */

/** PNG's eight-byte signature. */
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Width and height of a PNG, read from its IHDR chunk (which PNG requires to come first). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (png.length < 24 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG image');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** One image of an icon: its edge in pixels and the PNG bytes. */
export interface SizedPng {
  size: number;
  png: Uint8Array;
}

function checkSquare({ size, png }: SizedPng): void {
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`PNG is ${width}×${height}, expected ${size}×${size}`);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// --- ICO -------------------------------------------------------------------------------------

const ICO_HEADER = 6;
const ICO_ENTRY = 16;

/**
 * An ICO file holding each image as PNG. Sizes from 1 to 256 pixels (the directory stores 256
 * as 0); Windows picks the nearest size for each place it draws the icon.
 */
export function writeIco(images: SizedPng[]): Uint8Array {
  if (images.length === 0 || images.length > 0xffff) throw new Error('an ICO holds 1 to 65535 images');
  const header = new Uint8Array(ICO_HEADER + ICO_ENTRY * images.length);
  const view = new DataView(header.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type 1: icon
  view.setUint16(4, images.length, true);
  let offset = header.length;
  images.forEach((image, i) => {
    checkSquare(image);
    if (image.size < 1 || image.size > 256) throw new Error(`ICO images are 1 to 256 pixels, not ${image.size}`);
    const at = ICO_HEADER + ICO_ENTRY * i;
    view.setUint8(at, image.size % 256); // width, 0 meaning 256
    view.setUint8(at + 1, image.size % 256); // height
    view.setUint8(at + 2, 0); // palette size: none
    view.setUint8(at + 3, 0); // reserved
    view.setUint16(at + 4, 1, true); // colour planes
    view.setUint16(at + 6, 32, true); // bits per pixel
    view.setUint32(at + 8, image.png.length, true);
    view.setUint32(at + 12, offset, true);
    offset += image.png.length;
  });
  return concat([header, ...images.map((image) => image.png)]);
}

/** The images of an ICO file written by {@link writeIco} (PNG entries only). */
export function readIco(ico: Uint8Array): SizedPng[] {
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  if (ico.length < ICO_HEADER || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) {
    throw new Error('not an ICO file');
  }
  const count = view.getUint16(4, true);
  const images: SizedPng[] = [];
  for (let i = 0; i < count; i++) {
    const at = ICO_HEADER + ICO_ENTRY * i;
    if (at + ICO_ENTRY > ico.length) throw new Error(`ICO directory entry ${i} is cut off`);
    const size = view.getUint8(at) || 256;
    const length = view.getUint32(at + 8, true);
    const offset = view.getUint32(at + 12, true);
    if (offset + length > ico.length) throw new Error(`ICO image ${i} runs past the end of the file`);
    images.push({ size, png: ico.subarray(offset, offset + length) });
  }
  return images;
}

// --- ICNS ------------------------------------------------------------------------------------

/**
 * The PNG element types of an ICNS file and the pixel edge each holds, in the order `iconutil`
 * writes them (`ic11`… are the @2x ("Retina") variants of the point sizes 16, 32, 128, 256, 512).
 */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/** The pixel edges an ICNS needs, each once: what {@link writeIcns} must be given. */
export const ICNS_SIZES: readonly number[] = [...new Set(ICNS_TYPES.map(([, size]) => size))];

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function icnsElement(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  head.set(ascii(type));
  new DataView(head.buffer).setUint32(4, data.length + 8);
  return concat([head, data]);
}

/**
 * An ICNS file with a PNG element for every type of {@link ICNS_TYPES}, preceded by the table of
 * contents (`TOC `) that `iconutil` writes. `pngs` maps a pixel edge to its PNG.
 */
export function writeIcns(pngs: ReadonlyMap<number, Uint8Array>): Uint8Array {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngs.get(size);
    if (!png) throw new Error(`ICNS needs a ${size}×${size} PNG for ${type}`);
    checkSquare({ size, png });
    return icnsElement(type, png);
  });
  const toc = new Uint8Array(8 * ICNS_TYPES.length);
  const tocView = new DataView(toc.buffer);
  ICNS_TYPES.forEach(([type], i) => {
    toc.set(ascii(type), 8 * i);
    tocView.setUint32(8 * i + 4, elements[i].length);
  });
  const body = concat([icnsElement('TOC ', toc), ...elements]);
  return icnsElement('icns', body);
}

/** The elements of an ICNS file: four-character type and data. */
export function readIcns(icns: Uint8Array): Array<{ type: string; data: Uint8Array }> {
  const view = new DataView(icns.buffer, icns.byteOffset, icns.byteLength);
  const typeAt = (at: number) => String.fromCharCode(...icns.subarray(at, at + 4));
  if (icns.length < 8 || typeAt(0) !== 'icns') throw new Error('not an ICNS file');
  if (view.getUint32(4) !== icns.length) throw new Error('ICNS length field does not match the file');
  const elements: Array<{ type: string; data: Uint8Array }> = [];
  for (let at = 8; at < icns.length; ) {
    if (at + 8 > icns.length) throw new Error('ICNS element header is cut off');
    const length = view.getUint32(at + 4);
    if (length < 8 || at + length > icns.length) throw new Error(`ICNS element ${typeAt(at)} has a bad length`);
    elements.push({ type: typeAt(at), data: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}
