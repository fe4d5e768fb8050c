import { formerNamesFor, FORMER_QUERY_NAMES } from './former-names';
import { unknownQueryParameters } from './zod.decorators';

describe('former names of query parameters', () => {
  it('given a list that filters by creditCode, when enterprise is asked for, then it says to use creditCode', () => {
    const known = new Set(['creditCode', 'subDistrict']);
    expect(unknownQueryParameters({ enterprise: 'x', colour: 'red' }, known, formerNamesFor(known))).toEqual([
      { field: 'enterprise', message: 'is not allowed; use creditCode' },
      { field: 'colour', message: 'is not allowed' },
    ]);
  });

  it('given a list without the name now, when its former name is asked for, then it is unknown like any other', () => {
    const known = new Set(['subDistrict']);
    expect(unknownQueryParameters({ enterprise: 'x' }, known, formerNamesFor(known))).toEqual([{ field: 'enterprise', message: 'is not allowed' }]);
  });

  it('has one table for every list: each former name points at a name in use, never at another former name', () => {
    for (const now of Object.values(FORMER_QUERY_NAMES)) expect(FORMER_QUERY_NAMES[now]).toBeUndefined();
    expect(formerNamesFor(new Set(['grade', 'informantId', 'mediatorId']))).toEqual({ risk: 'grade', informant: 'informantId', mediator: 'mediatorId', assignedTo: 'mediatorId' });
  });
});
