import { emailDocument } from './emailDocument';

describe('emailDocument', () => {
  it('puts the base target first in the head', () => {
    expect(
      emailDocument('<!doctype html><html><head lang="en"><title>x</title></head><body>y</body></html>'),
    ).toBe(
      '<!doctype html><html><head lang="en"><base target="_blank"><title>x</title></head><body>y</body></html>',
    );
  });

  it('adds it in front of a fragment without a head', () => {
    expect(emailDocument('<p><a href="https://example.com">x</a></p>')).toBe(
      '<base target="_blank"><p><a href="https://example.com">x</a></p>',
    );
  });

  it('does not mistake a header element for the head', () => {
    expect(emailDocument('<header>x</header>')).toBe('<base target="_blank"><header>x</header>');
  });
});
