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
    expect(union).toEqual({ streamPrefixes: ['dispute-', 'alert-'], eventTypes: ['GroupDisputeFlagged', 'AlertEscalated'] });
    // A notifier without a type list wants every type of its streams: the union cannot filter by type.
    expect(unionFilter([{ streamPrefixes: ['dispute-'] }, { streamPrefixes: ['alert-'], eventTypes: ['AlertEscalated'] }])).toEqual({
      streamPrefixes: ['dispute-', 'alert-'],
    });
    const none = unionFilter([]);
    expect(matchesFilter({ streamId: 'dispute-1', type: 'GroupDisputeFlagged' }, none)).toBe(false);
  });
});
