import { isValidServiceName, serviceSubject } from './service-name';

describe('service names', () => {
  it.each(['reservation', 'payment-worker', 'q1'])('when the name is %p, then it is accepted', (name) => {
    expect(isValidServiceName(name)).toBe(true);
  });

  it.each(['', 'a', 'Reservation', '1queue', '-x', 'queue_worker', 'a'.repeat(32), 'svc name'])(
    'when the name is %p, then it is refused',
    (name) => {
      expect(isValidServiceName(name)).toBe(false);
    },
  );

  it('when a service subject is made, then it is prefixed so it cannot be a user id', () => {
    expect(serviceSubject('payment')).toBe('service:payment');
  });
});
