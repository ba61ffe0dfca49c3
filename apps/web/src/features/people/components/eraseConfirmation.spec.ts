import { confirmationWord, confirms } from './eraseConfirmation';

describe('erasing a person after typing their name', () => {
  it('asks for the name, or the address of someone who has none yet', () => {
    expect(confirmationWord({ name: ' Eero Esimerkki ', email: 'eero@example.test' })).toBe('Eero Esimerkki');
    expect(confirmationWord({ name: '', email: 'new@example.test' })).toBe('new@example.test');
  });

  it('accepts the name whatever its case, outer spaces or Unicode form, and nothing else', () => {
    expect(confirms('  eero esimerkki ', 'Eero Esimerkki')).toBe(true);
    expect(confirms('Jari Ma\u0308kinen', 'Jari M\u00e4kinen')).toBe(true);
    expect(confirms('Eero', 'Eero Esimerkki')).toBe(false);
    expect(confirms('Eero Esimerkki!', 'Eero Esimerkki')).toBe(false);
    expect(confirms('', '')).toBe(false);
    expect(confirms('   ', ' ')).toBe(false);
  });
});
