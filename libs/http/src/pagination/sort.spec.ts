import { sortQueryField } from './sort';

describe('?sort=', () => {
  const sort = sortQueryField({ openedOn: 'd.opened_on', caseNo: 'd.case_no' }, '-openedOn');

  it('reads keys, each ascending or (with -) descending, and defaults to the list’s order', () => {
    expect(sort.parse('caseNo,-openedOn')).toEqual([
      { key: 'caseNo', descending: false },
      { key: 'openedOn', descending: true },
    ]);
    expect(sort.parse(undefined)).toEqual([{ key: 'openedOn', descending: true }]);
  });

  it('refuses a key the list does not have, names inherited by every object included', () => {
    for (const key of ['amount', 'constructor', '-toString', '__proto__', 'hasOwnProperty']) {
      const result = sort.safeParse(key);
      expect({ key, success: result.success }).toEqual({ key, success: false });
      expect(result.error?.issues[0].message).toMatch(/^cannot sort by .*; sort by one of: openedOn, caseNo/);
    }
  });

  it('refuses more than three keys, an empty one, or one named twice', () => {
    expect(sort.safeParse('caseNo,openedOn,caseNo,openedOn').success).toBe(false);
    expect(sort.safeParse('caseNo,').success).toBe(false);
    expect(sort.safeParse('caseNo,-caseNo').success).toBe(false);
  });
});
