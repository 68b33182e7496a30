import { Events, type Client } from 'discord.js';
import { commands as allCommands } from '../commands';
import { ConfigError, type Config } from '../src/config/config';
import { loadLibrary } from '../src/content/load-library';
import type { Command } from '../src/discord/command';
import { DiscordChannelMessenger } from '../src/discord/channel-messenger';
import { rateLimitLog } from '../src/discord/rate-limit-log';
import { createChartRenderer } from '../src/charts/results-chart';
import { createDiscordClient } from '../src/discord/create-client';
import { resolveShards } from '../src/discord/resolve-shards';
import { CLAIM_WAIT_MS, InteractionClaims } from '../src/discord/interaction-claims';
import { DiscordPromptPoster } from '../src/discord/reading-poster';
import { DiscordSessionCalendar } from '../src/discord/session-calendar';
import { InteractionRouter } from '../src/discord/router';
import { FetchTextDownloader } from '../src/discord/text-downloader';
import type { Lifecycle } from '../src/lifecycle';
import { createLogger, type Logger } from '../src/log/logger';
import type { PollInput, PollOrigin } from '../src/polls/core/poll';
import { PollService } from '../src/polls/poll-service';
import type { ResultsPicture } from '../src/polls/ports';
import { PrivacyService } from '../src/privacy/privacy-service';
import { ProposalService } from '../src/proposals/proposal-service';
import { ReadingService } from '../src/reading/reading-service';
import { RateLimiter, type RateLimits } from '../src/rate-limit/rate-limiter';
import { closingPollInput } from '../src/reading/core/closing-poll';
import type { Services } from '../src/services';
import { ownsGuild as ownsGuildOf, type Shards } from '../src/shards/shards';
import { networkFilesystemOf, sqliteSharingProblem } from '../src/store/sqlite-sharing';
import { openStore } from '../src/store/open-store';
import { TextCatalog } from '../src/texts/text-catalog';
import { UploadPurge } from '../src/texts/upload-purge';
import { systemClock, type Clock } from '../src/time/clock';

export interface Bot {
  readonly client: Client;
  readonly services: Services;
  /** Logs in and resolves once the client is ready and background work has started. */
  start(): Promise<void>;
  /** Stops taking work, lets running handlers finish, stops background work, then disconnects. */
  stop(): Promise<void>;
}

export interface BotOptions {
  readonly config: Config;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly commands?: readonly Command[];
  /** Per-member rate limits (default `RATE_LIMITS`). */
  readonly rateLimits?: RateLimits;
}

/** The composition root: builds every service once and wires them to the Discord client. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { config } = options;
  const logger =
    options.logger ??
    createLogger({
      level: config.LOG_LEVEL,
      format: config.LOG_FORMAT,
      secrets: [config.DISCORD_TOKEN],
    });
  const library = await loadLibrary(config.CONTENT_DIR);
  const shards = await resolveShards(config);
  const ownsGuild = (guildId: string) => ownsGuildOf(shards, guildId);
  await checkSqliteSharing(config.DATABASE_URL, shards, logger);
  const store = await openStore({ url: config.DATABASE_URL, logger });
  const texts = new TextCatalog({ store, builtIn: library, clock: options.clock ?? systemClock });
  // The adapters are built on the client now and used once it is ready (background work starts then).
  const client = createDiscordClient(config, shards);
  // Features post polls as `/poll create` does: checked by the poll feature's rules, then posted.
  const postPoll = async (origin: PollOrigin, poll: PollInput) =>
    services.polls.createAndPost(origin, services.polls.check(poll, origin.locale));
  const services: Services = {
    config,
    logger,
    clock: options.clock ?? systemClock,
    store,
    texts,
    textDownloader: new FetchTextDownloader(),
    polls: new PollService({
      config,
      logger,
      clock: options.clock ?? systemClock,
      store,
      messenger: new DiscordChannelMessenger(client),
      picture: await resultsPicture(logger),
      ownsGuild,
    }),
    readings: new ReadingService({
      config,
      logger,
      clock: options.clock ?? systemClock,
      store,
      texts: {
        textOf: async (guildId, textId) => {
          const text = await texts.textFor(guildId, textId);
          return text === 'removed' ? undefined : text;
        },
      },
      poster: new DiscordPromptPoster(client),
      calendar: new DiscordSessionCalendar(client),
      ownsGuild,
      closingPoll: (input) => {
        const { origin, poll } = closingPollInput(input);
        return postPoll(origin, poll);
      },
      planEnded: ({ plan, locale }) =>
        services.proposals.putToVoteAtPlanEnd({
          guildId: plan.guildId,
          channelId: plan.channelId,
          creatorId: plan.createdBy,
          locale,
        }),
    }),
    proposals: new ProposalService({
      logger,
      clock: options.clock ?? systemClock,
      store,
      ports: {
        postPoll,
        hadReadingPlan: (guildId) => services.readings.hasHadPlan(guildId),
      },
    }),
    rateLimits: new RateLimiter({
      clock: options.clock ?? systemClock,
      ...(options.rateLimits !== undefined && { limits: options.rateLimits }),
    }),
    privacy: new PrivacyService({
      store,
      logger,
      config,
      texts,
      showVotes: (pollId) => {
        services.polls.showVotes(pollId);
      },
      showReadCount: (week) => {
        services.readings.requestReadCount(week);
      },
    }),
  };
  // Exactly one process handles each interaction when several share the store. Claims go through
  // a connection of their own, whose busy timeout is the claim's wait: when another connection
  // holds the write lock, a claim gives up after that wait instead of holding this connection
  // (and every read queued behind it) for the store's whole busy timeout.
  const claimStore = await openStore({
    url: config.DATABASE_URL,
    logger,
    busyTimeoutMs: CLAIM_WAIT_MS,
  });
  const claims = new InteractionClaims({ store: claimStore, logger, clock: services.clock });
  const lifecycles: Lifecycle[] = [
    claims,
    services.polls,
    services.readings,
    new UploadPurge({ texts, logger }),
  ];
  const router = new InteractionRouter(options.commands ?? allCommands, services, { claims });

  client.on(Events.InteractionCreate, (interaction) => {
    void router.handle(interaction);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event) =>
    logger.warn({ code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, () => logger.info('gateway resumed'));
  client.rest.on('rateLimited', rateLimitLog(logger));
  // A 429 that discord.js did not see coming (the first one on a route) is waited out and retried,
  // but reported only in its debug stream, not as `rateLimited`. Each one counts towards the
  // 10,000 invalid requests in 10 minutes that get an IP banned, so it must show in the logs.
  // Only the templated route is kept: the debug text also holds the URL and its token.
  client.rest.on('restDebug', (message) => {
    if (!message.includes('Encountered unexpected 429')) return;
    logger.warn(
      {
        route: /Bucket\s*: (\S+)/.exec(message)?.[1],
        retryAfterMs: Number(/Retry After\s*: (\d+)ms/.exec(message)?.[1]),
      },
      'Discord answered 429',
    );
  });

  let stopped: Promise<void> | undefined;
  return {
    client,
    services,
    async start() {
      const ready = new Promise<Client<true>>((resolve) =>
        client.once(Events.ClientReady, resolve),
      );
      await client.login(config.DISCORD_TOKEN);
      const readyClient = await ready;
      for (const lifecycle of lifecycles) await lifecycle.start();
      logger.info(
        {
          user: readyClient.user.tag,
          guilds: readyClient.guilds.cache.size,
          shards: shards.ids,
          shardCount: shards.count,
          texts: library.texts.length,
        },
        'tribune is ready',
      );
    },
    stop() {
      stopped ??= (async () => {
        logger.info('stopping');
        // From here on, new interactions are answered "restarting"; running handlers finish.
        await router.drain();
        logger.debug('interactions drained');
        for (const lifecycle of [...lifecycles].reverse()) {
          await lifecycle.stop();
          logger.debug({ lifecycle: lifecycle.name }, 'background work stopped');
        }
        await client.destroy();
        logger.debug('discord client destroyed');
        // Interactions that came in while background work was stopping got their "restarting"
        // answer in flight: let it finish before the store it goes through is closed.
        await router.drain();
        await claimStore.close();
        await store.close();
        logger.debug('store closed');
        logger.info('stopped');
      })();
      return stopped;
    },
  };
}

/** A sharded fleet on one SQLite file over the network would corrupt it: refuse, saying why. */
async function checkSqliteSharing(databaseUrl: string, shards: Shards, logger: Logger) {
  if (!databaseUrl.startsWith('sqlite://')) return;
  const path = databaseUrl.slice('sqlite://'.length);
  const problem = sqliteSharingProblem(
    path,
    await networkFilesystemOf(path),
    shards.ids.length < shards.count,
  );
  if (problem?.level === 'error') throw new ConfigError([problem.message]);
  if (problem) logger.warn(problem.message);
}

/**
 * Poll results as charts, on a card of Discord's dark theme (its default). Without a usable font
 * (a broken install), results go out as text, and the log says why.
 */
async function resultsPicture(logger: Logger): Promise<ResultsPicture | undefined> {
  try {
    const charts = await createChartRenderer();
    return { render: (results) => charts.renderResultsChart({ ...results, theme: 'dark' }) };
  } catch (error) {
    logger.error({ err: error }, 'poll charts are off: the chart font could not be loaded');
    return undefined;
  }
}
