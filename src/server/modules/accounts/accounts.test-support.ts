import { factories, signIn, type TestApp, type TestClient } from '../../../../tests/support/test-app';

/** A new user made by `factories.user` with these options, signed in. */
export async function signInAs(
  t: TestApp,
  options: Parameters<typeof factories.user>[1],
): Promise<TestClient> {
  return signIn(t.app, (await factories.user(t, options)).email);
}
