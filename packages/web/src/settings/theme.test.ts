import { describe, expect, it } from 'vitest';
import { themeAttribute } from './theme.ts';

describe('themeAttribute', () => {
  it('follows the device for "system" and names the scheme otherwise', () => {
    expect(themeAttribute('system')).toBeUndefined();
    expect(themeAttribute('light')).toBe('light');
    expect(themeAttribute('dark')).toBe('dark');
  });
});
