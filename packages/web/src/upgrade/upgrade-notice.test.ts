import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../session/remembered-user.ts';
import { rememberUpgradeFrom, takeUpgradeFrom } from './upgrade-notice.ts';

describe('upgrade notice', () => {
  it('tells the new build once which version it replaced', () => {
    const s = memoryStorage();
    rememberUpgradeFrom(s, '0.1.9');
    expect(takeUpgradeFrom(s, '0.2.0')).toBe('0.1.9');
    expect(takeUpgradeFrom(s, '0.2.0')).toBeUndefined();
  });

  it('says nothing when the reload brought back the same build', () => {
    const s = memoryStorage();
    rememberUpgradeFrom(s, '0.2.0');
    expect(takeUpgradeFrom(s, '0.2.0')).toBeUndefined();
    expect(s.getItem('corates.upgrade.from')).toBeNull();
  });
});
