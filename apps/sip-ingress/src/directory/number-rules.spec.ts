import { applyNumberRules, cleanNumber, isE164, type NumberRule, RUSSIAN_NUMBER_RULES } from './number-rules';

describe('number rules', () => {
  it('turns Russian national and international-access numbers into E.164', () => {
    expect(applyNumberRules('89160000001', RUSSIAN_NUMBER_RULES)).toBe('+79160000001');
    expect(applyNumberRules('79160000001', RUSSIAN_NUMBER_RULES)).toBe('+79160000001');
    expect(applyNumberRules('810441234567890', RUSSIAN_NUMBER_RULES)).toBe('+441234567890');
    expect(applyNumberRules('+79160000001', RUSSIAN_NUMBER_RULES)).toBe('+79160000001');
    expect(applyNumberRules('8 (916) 000-00-01', RUSSIAN_NUMBER_RULES)).toBe('+79160000001');
  });

  it('applies only the first rule that matches prefix and length', () => {
    const rules: NumberRule[] = [
      { prefix: '99', length: 13, strip: 3, add: '+7' },
      { prefix: '99', strip: 2 },
    ];
    expect(applyNumberRules('9989160000001', rules)).toBe('+79160000001');
    expect(applyNumberRules('99123', rules)).toBe('123');
    expect(applyNumberRules('123', rules)).toBe('123');
  });

  it('replaces a whole number, e.g. a carrier placeholder meaning withheld', () => {
    expect(applyNumberRules('0000000', [{ prefix: '0000000', replace: '' }])).toBe('');
    expect(applyNumberRules('100', [{ prefix: '100', length: 3, replace: '+74950000000' }])).toBe('+74950000000');
  });

  it('reads anonymous and other withheld forms as no number', () => {
    for (const raw of ['anonymous', 'Anonymous', ' unknown ', 'Restricted', 'private', 'withheld', '']) {
      expect(cleanNumber(raw)).toBe('');
      expect(applyNumberRules(raw, [{ prefix: '', add: '+7' }])).toBe('');
    }
    expect(cleanNumber('tel:+7-916-000-00-01')).toBe('+79160000001');
  });

  it('knows an E.164 number', () => {
    expect(isE164('+79160000001')).toBe(true);
    expect(isE164('89160000001')).toBe(false);
    expect(isE164('+0123456789')).toBe(false);
    expect(isE164('+1234567890123456')).toBe(false);
  });
});
