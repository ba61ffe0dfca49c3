import { TestContext } from './context';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface TestServerHandle {
  /** The server of the enclosing `describe` (or file); usable from its hooks and tests on. */
  readonly server: TestServer;
  /** Makes rows in that server's database and signs in against it. */
  readonly ctx: TestContext;
}

/**
 * One real API for the enclosing `describe` (or the whole file when called at the top): starts it in
 * `beforeAll`, closes it in `afterAll`, and returns handles that read the running server at each use:
 *
 *     const { server, ctx } = useTestServer({ workers: false });
 *
 * Options may be a function when they depend on something an earlier `beforeAll` made (a data
 * directory, a stub server's port).
 */
export function useTestServer(options: TestServerOptions | (() => TestServerOptions) = {}): TestServerHandle {
  let current: TestServer | undefined;
  const running = (): TestServer => {
    if (!current)
      throw new Error('useTestServer: the server runs from beforeAll to afterAll of its describe');
    return current;
  };
  beforeAll(async () => {
    current = await startTestServer(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    const server = current;
    current = undefined;
    await server?.close();
  });
  const server: TestServer = {
    get app() {
      return running().app;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    get dataSource() {
      return running().dataSource;
    },
    get redisPrefix() {
      return running().redisPrefix;
    },
    close: () => running().close(),
  };
  return { server, ctx: new TestContext(server) };
}
