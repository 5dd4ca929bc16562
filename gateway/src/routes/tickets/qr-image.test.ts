import { preferredImageType } from './qr-image';

describe('which QR image type a client gets', () => {
  it.each([
    [undefined, 'image/svg+xml'],
    ['', 'image/svg+xml'],
    ['image/png', 'image/png'],
    ['IMAGE/PNG', 'image/png'],
    ['image/svg+xml;q=0.5, image/png', 'image/png'],
    ['image/png;q=0.9, image/svg+xml;q=0.8', 'image/png'],
    ['image/png, image/*;q=0.2', 'image/png'],
    ['image/svg+xml, image/png', 'image/svg+xml'],
    ['image/png;q=0.5, image/svg+xml;q=0.5', 'image/svg+xml'],
    ['image/*', 'image/svg+xml'],
    ['*/*', 'image/svg+xml'],
    ['image/png;q=0', 'image/svg+xml'],
    ['image/png;q=0, */*', 'image/svg+xml'],
    ['image/svg+xml;q=0, */*', 'image/png'],
    ['image/png;q=nonsense', 'image/svg+xml'],
    ['text/html, application/xhtml+xml', 'image/svg+xml'],
    ['garbage, , ;q=1', 'image/svg+xml'],
  ])('when Accept is %j, then %s', (accept, expected) => {
    expect(preferredImageType(accept)).toBe(expected);
  });
});
