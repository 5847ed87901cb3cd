// The throttling plugin spaces every GraphQL request one second apart, GitHub's advice for
// mutations. This exporter only reads, and GitHub's secondary limit for GraphQL reads is
// 2,000 points a minute (one point per query without mutations), so queries are spaced
// 100 ms apart instead: 600 a minute, under a third of that limit. Retry-after answers
// are still honoured by the plugin. The object stands in for the plugin's `write`
// Bottleneck group, of which the plugin only calls key(id).schedule(options, job).

type Job = () => Promise<unknown>;

export function spacedGroup(minTimeMs: number) {
  let next = 0;
  const limiter = {
    async schedule(_options: unknown, job: Job): Promise<unknown> {
      const now = performance.now();
      const start = Math.max(now, next);
      next = start + minTimeMs;
      if (start > now) await new Promise((resolve) => setTimeout(resolve, start - now));
      return job();
    },
  };
  return { key: (_id?: string) => limiter };
}

export const GRAPHQL_SPACING_MS = 100;
