/** Shared by the e2e global setup and the test app: where the test database lives. */
export const TEST_DATABASE_ENV = 'BREACH_CLOCK_TEST_DATABASE_URL';

/** Tests create, fill and drop databases: refuse any database whose name lacks "test". */
export function assertTestDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/test/i.test(name)) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
}
