import { act, cleanup, render, screen } from '@testing-library/react/pure';
import { Profiler, useMemo } from 'react';
import { BehaviorSubject } from 'rxjs';
import type { SoftphoneState } from '../../src/contract/schema';
import { useObservable } from '../../src/ui/hooks/useObservable';
import { useSoftphoneSelector } from '../../src/ui/hooks/useSoftphoneSelector';
import { shallowEqual } from '../../src/ui/equality';
import { buildCall } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';

afterEach(cleanup);

describe('useObservable', () => {
  function Value({ subject }: { subject: BehaviorSubject<number> }) {
    const source = useMemo(() => subject.asObservable(), [subject]);
    return <output>{useObservable(source, -1)}</output>;
  }

  it('renders the current value, follows emissions and unsubscribes on unmount', () => {
    const subject = new BehaviorSubject(1);
    const { unmount } = render(<Value subject={subject} />);
    expect(screen.getByRole('status')).toHaveTextContent('1');
    act(() => subject.next(2));
    expect(screen.getByRole('status')).toHaveTextContent('2');
    expect(subject.observed).toBe(true);
    unmount();
    expect(subject.observed).toBe(false);
  });
});

describe('useSoftphoneSelector', () => {
  it('re-renders only when the selected slice changes', () => {
    const service = createFakeService();
    const renders: string[] = [];
    const selectDevice = (state: SoftphoneState) => ({ state: state.device.state, identity: state.device.identity });
    function DeviceLine() {
      const device = useSoftphoneSelector(service, selectDevice, shallowEqual);
      return <p>{device.state}</p>;
    }
    const { unmount } = render(
      <Profiler id="device" onRender={(id) => renders.push(id)}>
        <DeviceLine />
      </Profiler>,
    );
    expect(screen.getByText('registered')).toBeInTheDocument();
    const afterMount = renders.length;

    act(() => service.setState((s) => ({ ...s, calls: [buildCall()] })));
    expect(renders).toHaveLength(afterMount);

    act(() => service.setState((s) => ({ ...s, device: { ...s.device, state: 'unregistered' } })));
    expect(screen.getByText('unregistered')).toBeInTheDocument();
    expect(renders).toHaveLength(afterMount + 1);

    expect(service.subscriberCounts().state).toBe(1);
    unmount();
    expect(service.subscriberCounts().state).toBe(0);
  });
});
