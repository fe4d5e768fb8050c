import { Decider, fold } from './decider';

type Counted = { type: 'Counted'; data: { by: number } };
const counter: Decider<never, Counted, number> = {
  initialState: () => 0,
  decide: () => [],
  evolve: (state, event) => {
    switch (event.type) {
      case 'Counted':
        return state + event.data.by;
    }
  },
};

it('folds known events and leaves the state alone for events the decider does not know', () => {
  const foreign = { type: 'DeadlineReached', data: { clock: 'x' } } as unknown as Counted;
  expect(fold(counter, [{ type: 'Counted', data: { by: 2 } }, foreign, { type: 'Counted', data: { by: 3 } }])).toBe(5);
});
