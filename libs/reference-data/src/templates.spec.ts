import { PLACEHOLDER, placeholderNames, placeholderText } from './templates';

const fill = (template: string, values: Record<string, unknown>) =>
  template.replace(PLACEHOLDER, (_, name: string, one?: string, other?: string) => placeholderText(values[name], one, other));

describe('locale text placeholders', () => {
  it('gets English plurals right', () => {
    const template = 'handled {n:pre-litigation mediation|pre-litigation mediations}';
    expect(fill(template, { n: 1 })).toBe('handled 1 pre-litigation mediation');
    expect(fill(template, { n: 0 })).toBe('handled 0 pre-litigation mediations');
    expect(fill(template, { n: 1076 })).toBe('handled 1076 pre-litigation mediations');
  });

  it('fills plain placeholders and names both kinds', () => {
    expect(fill('{a}，{b}人', { a: 'X', b: 3 })).toBe('X，3人');
    expect(placeholderNames('{b:worker|workers} and {a}')).toEqual(['a', 'b']);
  });
});
