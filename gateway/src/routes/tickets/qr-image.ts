import * as QRCode from 'qrcode';

export const QR_IMAGE_TYPES = ['image/svg+xml', 'image/png'] as const;
export type QrImageType = (typeof QR_IMAGE_TYPES)[number];

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** The media ranges of an Accept header; a range that cannot be read is left out. */
function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').flatMap((part) => {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const [type, subtype, extra] = range.split('/');
    if (!type || !subtype || extra !== undefined) return [];
    const weight = parameters.find((parameter) => parameter.startsWith('q='))?.slice(2);
    const q = weight === undefined ? 1 : Number(weight);
    return Number.isFinite(q) && q >= 0 && q <= 1 ? [{ type, subtype, q }] : [];
  });
}

/** How much the client wants `mediaType`: the weight of the most specific range that covers it (RFC 9110). */
function weightOf(ranges: MediaRange[], mediaType: QrImageType): number {
  const [type, subtype] = mediaType.split('/');
  let best = { specificity: -1, q: 0 };
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best.q;
}

/**
 * SVG unless the client weighs PNG higher. A client that accepts neither still gets SVG rather than a
 * 406: RFC 9110 lets a server disregard Accept, and an image is what this route is for.
 */
export function preferredImageType(accept: string | undefined): QrImageType {
  if (!accept) return 'image/svg+xml';
  const ranges = mediaRanges(accept);
  return weightOf(ranges, 'image/png') > weightOf(ranges, 'image/svg+xml') ? 'image/png' : 'image/svg+xml';
}

/** The QR code of `payload`, with the library's defaults (error correction M, the standard quiet zone). */
export function renderQr(payload: string, type: QrImageType): Promise<string | Buffer> {
  return type === 'image/png' ? QRCode.toBuffer(payload, { type: 'png' }) : QRCode.toString(payload, { type: 'svg' });
}
