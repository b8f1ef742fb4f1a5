/**
 * The SDK's cypress/e2e/deviceLifecycle.cy.ts against the local gateway: register/unregister transitions, destroy,
 * updateToken, with the same expected events, states and errors as on Twilio.
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';

jest.setTimeout(60_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
});

afterAll(async () => {
  await rig?.close();
});

describe('register and unregister', () => {
  test.concurrent('transitions through registering to registered', async () => {
    const seen = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      const states = [device.state];
      const events = s.record(device, ['registering', 'registered', 'unregistered', 'error']);
      const registering = s.expectEvent(device, 'registering').then(() => states.push(device.state));
      const registered = s.expectEvent(device, 'registered').then(() => states.push(device.state));
      void device.register();
      await registering;
      await registered;
      const seenBeforeTeardown = [...events];
      s.destroy(device);
      return { states, events: seenBeforeTeardown };
    });
    expect(seen).toEqual({
      states: ['unregistered', 'registering', 'registered'],
      events: ['registering', 'registered'],
    });
  });

  test.concurrent('unregisters and emits unregistered', async () => {
    const seen = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      await device.register();
      const registeredState = device.state;
      const unregistered = s.expectEvent(device, 'unregistered');
      await device.unregister();
      await unregistered;
      const state = device.state;
      s.destroy(device);
      return { registeredState, state };
    });
    expect(seen).toEqual({ registeredState: 'registered', state: 'unregistered' });
  });

  test.concurrent('refuses to unregister a Device that is not registered', async () => {
    const error = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      const refused = await s.rejected(device.unregister());
      s.destroy(device);
      return refused;
    });
    expect(error?.message).toContain('Must be "registered"');
  });

  test.concurrent('registers again after unregister', async () => {
    const states = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      await device.register();
      await device.unregister();
      const afterUnregister = device.state;
      await device.register();
      const afterRegister = device.state;
      s.destroy(device);
      return [afterUnregister, afterRegister];
    });
    expect(states).toEqual(['unregistered', 'registered']);
  });
});

describe('destroy', () => {
  test.concurrent('emits destroyed and the state is destroyed', async () => {
    const state = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      await device.register();
      const destroyed = s.expectEvent(device, 'destroyed');
      device.destroy();
      await destroyed;
      return device.state;
    });
    expect(state).toBe('destroyed');
  });

  test.concurrent('register, updateOptions and updateToken throw on a destroyed Device', async () => {
    const errors = await rig.run(async (s) => {
      const identity = s.identity();
      const device = await s.device(identity);
      device.destroy();
      const newToken = await s.token(identity);
      return {
        register: await s.rejected(device.register()),
        updateOptions: s.thrown(() => device.updateOptions({ edge: 'ashburn' })),
        updateToken: s.thrown(() => device.updateToken(newToken)),
      };
    });
    expect(errors.register?.message).toContain('destroyed');
    expect(errors.updateOptions?.message).toContain('destroyed');
    expect(errors.updateToken?.message).toContain('destroyed');
  });
});

describe('updateToken', () => {
  test.concurrent('updates the token, also while registered (the Device stays registered)', async () => {
    const seen = await rig.run(async (s) => {
      const identity = s.identity();
      const unregisteredDevice = await s.device(identity);
      const token2 = await s.token(identity);
      unregisteredDevice.updateToken(token2);
      const updatedUnregistered = unregisteredDevice.token === token2;
      s.destroy(unregisteredDevice);

      const device = await s.device(s.identity());
      await device.register();
      const token3 = await s.token(identity);
      device.updateToken(token3);
      const result = { updatedUnregistered, updatedRegistered: device.token === token3, state: device.state };
      s.destroy(device);
      return result;
    });
    expect(seen).toEqual({ updatedUnregistered: true, updatedRegistered: true, state: 'registered' });
  });

  test.concurrent('refuses a token that is not a string', async () => {
    const error = await rig.run(async (s) => {
      const device = await s.device(s.identity());
      const thrown = s.thrown(() => device.updateToken(123 as unknown as string));
      s.destroy(device);
      return thrown;
    });
    expect(error?.message).toContain('must be of type "string"');
  });
});
