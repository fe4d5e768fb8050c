import { matchesFilter } from '@lc/event-store';
import { interpolate } from './notifier';
import { unionFilter } from './notifications.projection';

describe('notifications', () => {
  it('fills a title from its params, leaving unknown placeholders visible', () => {
    expect(interpolate('群体性劳资纠纷：{caseNo}，涉及职工{workersInvolved}人', { caseNo: 'LG-PH-2026-0001', workersInvolved: 35 })).toBe(
      '群体性劳资纠纷：LG-PH-2026-0001，涉及职工35人',
    );
    expect(interpolate('{caseNo} {missing}', { caseNo: 'X' })).toBe('X {missing}');
  });

  it('subscribes to what any notifier wants, and to nothing when there is no notifier', () => {
    const union = unionFilter([
      { streamPrefixes: ['dispute-'], eventTypes: ['GroupDisputeFlagged'] },
      { streamPrefixes: ['alert-'], eventTypes: ['AlertEscalated'] },
    ]);
    // Whole streams: the notifiers' histories then come from the batches, not from reading the streams again.
    expect(union).toEqual({ streamPrefixes: ['dispute-', 'alert-'] });
    // A notifier of some types in any stream: the union cannot name streams.
    expect(unionFilter([{ eventTypes: ['LoginLockedOut'] }, { streamPrefixes: ['alert-'], eventTypes: ['AlertEscalated'] }])).toEqual({
      eventTypes: ['LoginLockedOut', 'AlertEscalated'],
    });
    expect(unionFilter([{ eventTypes: ['LoginLockedOut'] }, { streamPrefixes: ['alert-'] }])).toEqual({});
    const none = unionFilter([]);
    expect(matchesFilter({ streamId: 'dispute-1', type: 'GroupDisputeFlagged' }, none)).toBe(false);
  });
});
