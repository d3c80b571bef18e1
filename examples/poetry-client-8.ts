/**
 * "Deferreds En Masse": version 8.0 of the Get Poetry Now! client
 * (twisted-client-8/get-poetry.py), with fake servers: timers instead of sockets.
 *
 * What changed from client 7.0 is poetry_main: each poem's Deferred goes into a list, and
 * one DeferredList (with consumeErrors) says when every poem has arrived or failed, at
 * which point the reactor is stopped. That part is ported line by line. Around it:
 *
 *   - the servers are fakes. The original is run as
 *       python get-poetry.py 10001 10002 10003 10004
 *     with a transform server on port 10001 and poetry servers on the others. Here
 *     10002 and 10003 serve a poem after a delay, nothing listens on 10004 (connecting
 *     fails as a refused TCP connection does), and the transform server on 10001
 *     lowercases a poem ("cummingsify") unless the poem is too long for it;
 *   - get_transformed_poem is an @inlineCallbacks generator in the original; here it is
 *     the same steps written as a callback chain (errors are printed and re-raised on
 *     download, printed and ignored on transform);
 *   - the original prints its error messages to stderr; this one prints them to
 *     stdout, so that they show up in order with the poems;
 *   - `reactor` is a stand-in: run() keeps node running until stop() is called, as
 *     Twisted's reactor keeps Python running. If the DeferredList never fired, this
 *     program would never end.
 *
 *   npm run examples    (or: node --import=tsx/esm examples/poetry-client-8.ts)
 */
import { Deferred, DeferredList, type Failure } from '../src/index.js';

// ---- the fake network --------------------------------------------------------------------

/** What Twisted's twisted.internet.error.ConnectionRefusedError says. */
class ConnectionRefusedError extends Error {
  override name = 'ConnectionRefusedError';
  constructor() {
    super('Connection was refused by other side: 111: Connection refused.');
  }
}

/** The transform server's error for a request it cannot serve. */
class TransformError extends Error {
  override name = 'TransformError';
}

/** The poetry servers: the poem each serves, and how long it takes to send it all. */
const POETRY_SERVERS = new Map<string, { poem: string; milliseconds: number }>([
  [
    '127.0.0.1:10002',
    {
      poem: 'Science! true daughter of Old Time thou art!\nWho alterest all things with thy peering eyes.',
      milliseconds: 30,
    },
  ],
  [
    '127.0.0.1:10003',
    {
      poem: "Where, like a pillow on a bed,\nA pregnant bank swell'd up, to rest\nThe violet's reclining head,\nSat we two, one another's best.",
      milliseconds: 60,
    },
  ],
]);

/** How long a refused connection takes to report, and the transform server to answer. */
const REFUSED_MILLISECONDS = 5;
const TRANSFORM_MILLISECONDS = 10;
/** The longest poem the fake transform server accepts. */
const TRANSFORM_LIMIT = 100;

/**
 * Download a poem from the given host and port. This function returns a Deferred which
 * will be fired with the complete text of the poem or a Failure if the poem could not
 * be downloaded.
 */
function get_poetry(host: string, port: number): Deferred<string> {
  const d = new Deferred<string>();
  const server = POETRY_SERVERS.get(`${host}:${port}`);
  if (server === undefined) {
    setTimeout(() => d.errback(new ConnectionRefusedError()), REFUSED_MILLISECONDS);
  } else {
    setTimeout(() => d.callback(server.poem), server.milliseconds);
  }
  return d;
}

/** I proxy requests to a transformation service. */
class TransformProxy {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  xform(xform_name: string, poem: string): Deferred<string> {
    const d = new Deferred<string>();
    setTimeout(() => {
      if (xform_name !== 'cummingsify') d.errback(new TransformError(`no such transform: ${xform_name}`));
      else if (poem.length > TRANSFORM_LIMIT) d.errback(new TransformError('poem too long'));
      else d.callback(poem.toLowerCase());
    }, TRANSFORM_MILLISECONDS);
    return d;
  }
}

/** Stands in for Twisted's reactor: run() keeps node running until stop() is called. */
const reactor = {
  keepAlive: undefined as ReturnType<typeof setInterval> | undefined,
  run(): void {
    this.keepAlive = setInterval(() => undefined, 60_000);
  },
  stop(): void {
    clearInterval(this.keepAlive);
  },
};

/** The command line of the original: the transform server's port, then the poetry servers'. */
function parse_args(): Array<[string, number]> {
  return ['10001', '10002', '10003', '10004'].map((port) => ['127.0.0.1', Number(port)]);
}

// ---- poetry_main, as in client 8.0 ---------------------------------------------------------

function poetry_main(): void {
  const addresses = parse_args();

  const xform_addr = addresses.shift() as [string, number];

  const proxy = new TransformProxy(...xform_addr);

  function get_transformed_poem(host: string, port: number): Deferred<string> {
    return get_poetry(host, port)
      .addErrback((err: Failure) => {
        console.log('The poem download failed:', err.getErrorMessage());
        return err; // raise
      })
      .addCallback((poem) =>
        proxy.xform('cummingsify', poem).addErrback(() => {
          console.log('Cummingsify failed!');
          return poem;
        }),
      );
  }

  function got_poem(poem: string): void {
    console.log(poem);
  }

  const ds: Array<Deferred<unknown>> = [];

  for (const [host, port] of addresses) {
    const d = get_transformed_poem(host, port);
    d.addCallbacks(got_poem);
    ds.push(d);
  }

  const dlist = new DeferredList(ds, { consumeErrors: true });
  dlist.addCallback(() => reactor.stop());

  reactor.run();
}

poetry_main();
