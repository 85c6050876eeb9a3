import { checkId, checkLanguage, checkTimeZone, fieldPath } from './field-checks';

describe('field checks', () => {
  it('writes JSON paths', () => {
    expect(fieldPath(undefined, 'requiredSkills')).toBe('requiredSkills');
    expect(fieldPath(fieldPath('requiredSkills', 1), 'skillId')).toBe('requiredSkills[1].skillId');
    expect(fieldPath('skills', 'first-line')).toBe('skills.first-line');
    expect(fieldPath('skills', 'first line')).toBe('skills["first line"]');
    expect(fieldPath('capacity', '1001')).toBe('capacity["1001"]');
  });

  it.each(['1001', 'msk-sales', 'team_a', 'a'.repeat(64)])('accepts the id %j', (id) => {
    expect(checkId(id, 'id', 'Id')).toBeUndefined();
  });

  it.each(['', 'MSK', 'msk sales', 'msk.sales', 'a'.repeat(65), 42, null])('refuses the id %j', (id) => {
    expect(checkId(id, 'id', 'Id')).toMatchObject({ code: 'invalid-id', field: 'id' });
  });

  it.each(['Europe/Moscow', 'Asia/Novosibirsk', 'UTC'])('accepts the time zone %j', (zone) => {
    expect(checkTimeZone(zone, 'timeZone')).toBeUndefined();
  });

  it.each(['ru', 'en', 'en-US', 'zh-Hant-TW'])('accepts the language %j', (tag) => {
    expect(checkLanguage(tag, 'language')).toBeUndefined();
  });

  it.each(['', ' ', 'e', 'en_US!', 7])('refuses the language %j', (tag) => {
    expect(checkLanguage(tag, 'language')).toMatchObject({ code: 'invalid-language' });
  });
});
